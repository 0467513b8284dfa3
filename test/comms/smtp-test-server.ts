import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export const SMTP_USER = 'carrel'
export const SMTP_PASSWORD = 's3cret-pass'

/** A refusal the test server answers with: an SMTP reply code and text. */
export interface Refusal {
  code: number
  text: string
}

/**
 * A real SMTP server on a free local port (no TLS: the tests speak plain SMTP with AUTH), which
 * parses everything it accepts with mailparser. `refuseData` and `refuseRecipient` decide, per
 * attempt, whether to refuse.
 */
export async function startSmtpServer() {
  const received: ParsedMail[] = []
  let dataAttempts = 0
  let refuseData: (attempt: number) => Refusal | undefined = () => undefined
  let refuseRecipient: (address: string) => Refusal | undefined = () => undefined
  const refusal = (r: Refusal) => Object.assign(new Error(r.text), { responseCode: r.code })
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        callback(null, { user: SMTP_USER })
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      const r = refuseRecipient(address.address)
      callback(r === undefined ? undefined : refusal(r))
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        dataAttempts += 1
        const r = refuseData(dataAttempts)
        if (r !== undefined) return callback(refusal(r))
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push(mail)
            callback()
          })
          .catch((err: Error) => callback(err))
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    get dataAttempts() {
      return dataAttempts
    },
    refuseData(fn: (attempt: number) => Refusal | undefined) {
      refuseData = fn
    },
    refuseRecipient(fn: (address: string) => Refusal | undefined) {
      refuseRecipient = fn
    },
    /** Back to accepting everything, with nothing received. */
    reset() {
      received.length = 0
      dataAttempts = 0
      refuseData = () => undefined
      refuseRecipient = () => undefined
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>

/** The address a parsed message went to. */
export const toOf = (mail: ParsedMail): string =>
  (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? ''
