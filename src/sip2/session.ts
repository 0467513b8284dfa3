import type { Actor } from '../actor.js'
import type { AttemptOrigin } from '../privacy/throttle.js'
import type { AppContext } from '../context.js'
import type { SipAccount, SipMessageCode } from '../selfcheck/sip-account.schemas.js'
import { SIP_MESSAGES } from '../selfcheck/sip-account.schemas.js'
import { activeSipAccount, defaultSipAccount, sipActor } from '../selfcheck/sip-account.service.js'
import type { SipCharset } from '../selfcheck/sip-account.tables.js'
import { can } from '../staff/roles.js'
import { formatMessage } from './codec/format.js'
import { parseFrame, type Detection } from './codec/parse.js'
import type { SipMessage } from './codec/spec.js'
import { malformed, notAllowed, notLoggedIn, sipFailure } from './errors.js'
import { HANDLERS, isRequestCode } from './handlers/index.js'
import type { BaseContext, Handler, RequestCode, SessionControl } from './handlers/types.js'
import { PinMemory } from './pin-memory.js'
import { sipDate } from './sip-dates.js'

export interface SessionOptions {
  requireLogin: boolean
  /** The terminal's network address, for counting wrong passwords and PINs per address. */
  address?: string | undefined
}

/** Wrong logins one connection may try before it is closed. */
export const MAX_FAILED_LOGINS = 5

/** BX for an account: what Carrel answers, the account may send, and its actor may do. */
export function supportedMessages(account: SipAccount | undefined): string {
  const bx = Array.from({ length: 16 }, () => 'N')
  // Request SC/ACS resend is the session's own; 93 and 99 are open handlers.
  bx[5] = 'Y'
  const actor: Actor = account === undefined ? { type: 'sip', id: '' } : sipActor(account)
  for (const [code, h] of Object.entries(HANDLERS) as [RequestCode, Handler<RequestCode>][]) {
    let yes = true
    if (h.open !== true) {
      if (h.notPerformed === true) yes = false
      if (account !== undefined && !(account.allowedMessages as string[]).includes(code))
        yes = false
      if (h.needs !== undefined && !can(actor, h.needs)) yes = false
    }
    bx[h.bx] = yes ? 'Y' : 'N'
  }
  return bx.join('')
}

/**
 * One SC connection: login state, error detection, the last response (for 97) and the last
 * request's AY+AZ (a retransmission is answered again, never re-executed). `handle` never throws.
 */
export class SipSession implements SessionControl {
  private accountId: string | undefined
  private lastResponse: Buffer | undefined
  private lastSignature: string | undefined
  private failedLogins = 0
  private charsetInUse: SipCharset = 'utf8'
  protocol = '2.00'
  /** Set when the connection should be closed after the current answer. */
  closeRequested = false
  readonly pins: PinMemory

  constructor(
    private readonly ctx: AppContext,
    private readonly options: SessionOptions,
  ) {
    this.pins = new PinMemory(ctx.config.sip2.pinMemorySeconds * 1000)
  }

  get charset(): SipCharset {
    return this.charsetInUse
  }

  /** True while the connection is logged in (a 93 succeeded and its account is still active). */
  get loggedIn(): boolean {
    return this.accountId !== undefined
  }

  login(account: SipAccount): void {
    this.pins.forget()
    this.accountId = account.id
    this.charsetInUse = account.charset
    this.protocol = '2.00'
    this.failedLogins = 0
  }

  loginFailed(): void {
    this.pins.forget()
    this.accountId = undefined
    this.charsetInUse = 'utf8'
    this.failedLogins += 1
    if (this.failedLogins >= MAX_FAILED_LOGINS) this.closeRequested = true
  }

  /** Where the terminal connects from, for the throttles on passwords and PINs. */
  get origin(): AttemptOrigin {
    return { address: this.options.address }
  }

  setProtocol(version: string): void {
    this.protocol = version.startsWith('1') ? '1.00' : '2.00'
  }

  supportedMessages(account: SipAccount | undefined): string {
    return supportedMessages(account)
  }

  /** Answers one line (the bytes between CRs); undefined when nothing is to be sent. */
  async handle(raw: Uint8Array): Promise<Buffer | undefined> {
    const started = performance.now()
    // A known request code, or 'unknown'/'invalid': never the bytes a terminal sent.
    const command: { code: string } = { code: 'invalid' }
    try {
      return await this.answer(raw, command)
    } catch (err) {
      this.ctx.logger.error({ err }, 'SIP2 session failed to answer')
      return this.resendRequest(false)
    } finally {
      this.ctx.metrics.sip2Answered(command.code, (performance.now() - started) / 1000)
    }
  }

  /** A line longer than the configured limit: it was dropped unread. */
  oversized(): Buffer {
    return this.resendRequest(false)
  }

  private async answer(raw: Uint8Array, command: { code: string }): Promise<Buffer | undefined> {
    const frame = parseFrame(raw, this.charset)
    if (frame.kind === 'empty') return undefined
    if (frame.kind !== 'message') {
      if (frame.kind === 'unknown') {
        command.code = 'unknown'
        return this.unknownCommand(frame.code, frame.detection)
      }
      return this.resendRequest(frame.detection.errorDetection)
    }
    const { message, detection } = frame
    command.code = message.code === '97' || isRequestCode(message.code) ? message.code : 'unknown'
    if (message.code === '97')
      return this.lastResponse ?? this.resendRequest(detection.errorDetection)
    if (
      detection.seq !== undefined &&
      detection.signature === this.lastSignature &&
      this.lastResponse !== undefined
    )
      return this.lastResponse
    // A response code (94, 98…) sent to the ACS is a command it does not answer either.
    if (!isRequestCode(message.code)) return this.unknownCommand(message.code, detection)
    const response = await this.dispatch(message.code, message, frame.malformed)
    return this.send(response, detection)
  }

  private async dispatch(
    code: RequestCode,
    message: SipMessage,
    malformedWhy: string | undefined,
  ): Promise<SipMessage> {
    const handler = HANDLERS[code] as Handler<RequestCode>
    const now = this.ctx.clock.now()
    const account = await this.currentAccount()
    const base: BaseContext = {
      ctx: this.ctx,
      account,
      now,
      date: sipDate(now, this.ctx.config.library.timezone),
      session: this,
    }
    const req = message as SipMessage<RequestCode>
    if (malformedWhy !== undefined) return handler.fail(req, base, malformed(malformedWhy))
    this.ctx.logger.debug({ sip: code }, 'SIP2 request')
    try {
      if (handler.open === true) return await handler.handle(req, base)
      if (account === undefined) return handler.fail(req, base, notLoggedIn())
      if (!(account.allowedMessages as string[]).includes(code))
        return handler.fail(req, base, notAllowed(SIP_MESSAGES[code as SipMessageCode]))
      return await handler.handle(req, { ...base, account, actor: sipActor(account) })
    } catch (err) {
      return handler.fail(req, base, sipFailure(err, this.ctx.logger))
    }
  }

  /** The account as it is now: switching it off, or changing what it may see, applies at once. */
  private async currentAccount(): Promise<SipAccount | undefined> {
    if (this.accountId !== undefined) {
      const account = await activeSipAccount(this.ctx, this.accountId)
      if (account === undefined) this.accountId = undefined
      return account
    }
    return this.options.requireLogin ? undefined : defaultSipAccount(this.ctx)
  }

  private send(message: SipMessage, detection: Detection): Buffer {
    const out = formatMessage(message, {
      charset: this.charset,
      errorDetection: detection.errorDetection,
      ...(detection.seq !== undefined && { seq: detection.seq }),
    })
    this.lastResponse = out
    this.lastSignature = detection.seq === undefined ? undefined : detection.signature
    return out
  }

  /**
   * A command Carrel does not know: logged, then left unanswered as the specification says, or
   * answered 96 where the account (or, before login, sip2.unknownCommands) asks for it.
   */
  private async unknownCommand(code: string, detection: Detection): Promise<Buffer | undefined> {
    this.ctx.logger.debug({ sip: code.replace(/[^ -~]/g, '?') }, 'unknown SIP2 command')
    const account = this.accountId === undefined ? undefined : await this.currentAccount()
    const choice = account?.unknownCommands ?? this.ctx.config.sip2.unknownCommands
    return choice === 'resend' ? this.resendRequest(detection.errorDetection) : undefined
  }

  /** 96: the SC should send its request again (bad checksum, unreadable or too long). */
  private resendRequest(errorDetection: boolean): Buffer {
    const out = formatMessage(
      { code: '96', fixed: {}, fields: [] },
      { charset: 'utf8', errorDetection },
    )
    this.lastResponse = out
    this.lastSignature = undefined
    return out
  }
}
