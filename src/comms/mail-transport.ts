import { createTransport } from 'nodemailer'
import type { Config } from '../config/config.js'
import { redactedSmtpUrl } from '../config/secrets.js'
import { writeMaildrop, type MaildropRef } from './maildrop.js'

/** One rendered message, ready to hand over. */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  /** The language it is written in (`Content-Language`). */
  language: string
  /** Further headers, such as a newsletter's List-Unsubscribe (RFC 8058); the maildrop keeps them too. */
  headers?: Readonly<Record<string, string>>
}

/**
 * Why a delivery did not happen. `permanent`: the server refused this message for good (a 5xx
 * reply), so trying again would get the same answer. `stopRun`: the server cannot be used at all
 * right now (no connection, refused sign-in), so the rest of the batch waits for the next run.
 * The reason never holds an address.
 */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure'
  constructor(
    readonly permanent: boolean,
    readonly reason: string,
    readonly stopRun: boolean,
  ) {
    super(reason)
  }
}

export interface MailTransport {
  /** smtp: handed to a mail server; maildrop: written to `<dataDir>/mail/` and not sent. */
  readonly mode: 'smtp' | 'maildrop'
  /** Where messages go, fit for a log line (no password). */
  readonly target: string
  deliver(mail: OutgoingMail, ref: MaildropRef): Promise<void>
  close(): void
}

/** Seconds the SMTP client waits: well inside the shortest lease a worker holds (30 s). */
const CONNECT_SECONDS = 15
const SOCKET_SECONDS = 20

/** Addresses in a server's answer (such as a refused recipient) are replaced before it is kept. */
export function scrubReason(text: string): string {
  return text
    .replace(/<?[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+>?/g, '<address>')
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 300)
}

interface SmtpError {
  code?: string
  responseCode?: number
  response?: string
  command?: string
  message?: string
}

/** Sorts a nodemailer error into retry now-or-later, failed for good, or stop the run. */
export function classifySmtpError(err: unknown): DeliveryFailure {
  const e = (err ?? {}) as SmtpError
  const said = scrubReason(e.response ?? e.message ?? String(err))
  if (typeof e.responseCode === 'number') {
    // A refused sign-in is the library's configuration, not this message: keep it for later.
    if (e.code === 'EAUTH' || e.command === 'AUTH')
      return new DeliveryFailure(false, `The mail server refused to sign in: ${said}`, true)
    return e.responseCode >= 500
      ? new DeliveryFailure(true, said, false)
      : new DeliveryFailure(false, said, false)
  }
  return new DeliveryFailure(false, `${e.code ?? 'ERROR'}: ${said}`, true)
}

function headers(mail: OutgoingMail): Record<string, string> {
  // Marks the message as sent by a machine, so auto-responders do not answer it (RFC 3834).
  return {
    ...mail.headers,
    'Auto-Submitted': 'auto-generated',
    'Content-Language': mail.language,
  }
}

function envelope(config: Config, mail: OutgoingMail) {
  return {
    from: config.mail.from,
    ...(config.mail.replyTo !== undefined && { replyTo: config.mail.replyTo }),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: headers(mail),
  }
}

/** Over SMTP, as `mail.smtpUrl` says (smtps: TLS from the start; smtp: STARTTLS when offered). */
function smtpTransport(config: Config, url: string): MailTransport {
  const transport = createTransport({
    pool: true,
    url,
    maxConnections: 1,
    connectionTimeout: CONNECT_SECONDS * 1000,
    greetingTimeout: CONNECT_SECONDS * 1000,
    socketTimeout: SOCKET_SECONDS * 1000,
    // nodemailer would otherwise log through its own logger, message content included.
    logger: false,
  })
  return {
    mode: 'smtp',
    target: redactedSmtpUrl(url),
    async deliver(mail) {
      try {
        await transport.sendMail(envelope(config, mail))
      } catch (err) {
        throw classifySmtpError(err)
      }
    },
    close: () => transport.close(),
  }
}

/** Into the maildrop: nodemailer builds the RFC 5322 message, Carrel writes it to a file. */
function maildropTransport(config: Config): MailTransport {
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    mode: 'maildrop',
    target: `${config.dataDir}/mail/`,
    async deliver(mail, ref) {
      const info = await builder.sendMail(envelope(config, mail))
      writeMaildrop(config.dataDir, ref, info.message as Buffer)
    },
    close: () => builder.close(),
  }
}

export function openMailTransport(config: Config): MailTransport {
  return config.mail.smtpUrl === undefined
    ? maildropTransport(config)
    : smtpTransport(config, config.mail.smtpUrl)
}
