import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import type { SipAccount } from '../../selfcheck/sip-account.schemas.js'
import type { Permission } from '../../staff/roles.js'
import type { MessageCode, SipMessage } from '../codec/spec.js'
import type { SipFailure } from '../errors.js'
import type { AttemptOrigin } from '../../privacy/throttle.js'
import type { PinMemory } from '../pin-memory.js'

/** The requests Carrel answers (97 is the session's own business: it resends). */
export type RequestCode =
  | '93'
  | '99'
  | '23'
  | '01'
  | '63'
  | '11'
  | '09'
  | '29'
  | '65'
  | '17'
  | '19'
  | '15'
  | '35'
  | '37'
  | '25'

/** What a handler may ask of its connection. */
export interface SessionControl {
  readonly protocol: string
  /** Where the terminal connects from (wrong passwords and PINs are counted per address). */
  readonly origin: AttemptOrigin
  /** The last card and PIN verified on this connection (see PinMemory). */
  readonly pins: PinMemory
  login(account: SipAccount): void
  loginFailed(): void
  setProtocol(version: string): void
  /** The 98's BX field for an account (or for a connection that has not logged in). */
  supportedMessages(account: SipAccount | undefined): string
}

export interface BaseContext {
  ctx: AppContext
  account: SipAccount | undefined
  now: Date
  /** The ACS transaction date every response carries. */
  date: string
  session: SessionControl
}

/** A logged-in request: the account, and the actor every service call runs as. */
export interface TxContext extends BaseContext {
  account: SipAccount
  actor: Actor
}

interface HandlerBase<C extends RequestCode> {
  response: MessageCode
  /** Position in the supported-messages field (BX) of 98. */
  bx: number
  /** The refusal: used for errors, malformed requests and messages the account may not send. */
  fail(req: SipMessage<C>, hc: BaseContext, failure: SipFailure): SipMessage
}

/** Answered before login as well (93, 99). */
export interface OpenHandler<C extends RequestCode> extends HandlerBase<C> {
  open: true
  handle(req: SipMessage<C>, hc: BaseContext): Promise<SipMessage>
}

export interface TxHandler<C extends RequestCode> extends HandlerBase<C> {
  open?: false
  /** BX says Y only when the account's actor may do this. */
  needs?: Permission
  /** Answered properly, but Carrel does not do what it asks, so BX says N. */
  notPerformed?: true
  handle(req: SipMessage<C>, hc: TxContext): Promise<SipMessage>
}

export type Handler<C extends RequestCode> = OpenHandler<C> | TxHandler<C>
