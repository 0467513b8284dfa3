import { MINUTE } from '../clock.js'
import type { AppContext } from '../context.js'
import { AppError, unauthorized } from '../errors.js'
import { verifyPin } from '../patrons/card.service.js'
import type { AttemptOrigin } from '../privacy/throttle.js'
import { computerEvents } from './computer-events.js'
import type { ComputerDevice } from './computer-registry.service.js'
import { libkiErrorCode } from './libki-errors.js'
import { markSeen } from './computer-seen.js'
import { LibkiIdentities } from './libki-identity.js'
import { reservationFor } from './queue.service.js'
import {
  KIOSK_ACTOR,
  logOff,
  sessionStatus,
  startSession,
  type Credentials,
} from './sessions.service.js'

/** The query parameters Libki's client sends (every request carries node, location and type). */
export interface LibkiQuery {
  action: string
  node?: string | undefined
  /** register_node repeats the node's name under this name. */
  node_name?: string | undefined
  location?: string | undefined
  username?: string | undefined
  password?: string | undefined
  createGuest?: string | undefined
  reserved_for?: string | undefined
}

/** Libki's JSON answers; its client reads numbers as booleans, as Libki's Perl server sends them. */
export interface LibkiReply {
  registered?: 0 | 1
  status?: string
  reserved_for?: string
  ClientBehavior?: string
  ReservationShowUsername?: 0 | 1
  EnableClientSessionLocking?: 0 | 1
  EnableClientPasswordlessMode?: 0 | 1
  EnableGuestSelfRegistration?: 0 | 1
  ClientTimeWarningThreshold?: number
  authenticated?: 0 | 1
  units?: number
  messages?: string[]
  logged_out?: 0 | 1
  error?: string
}

export const LIBKI_ACTIONS = [
  'register_node',
  'login',
  'get_user_data',
  'logout',
  'acknowledge_reservation',
  'clear_message',
] as const

interface RunningSession {
  id: string
  patronId: string | null
  endsAt: string
}

const NOT_RECOGNISED = () =>
  unauthorized(
    'LIBKI_NOT_RECOGNISED',
    "These are not the card and PIN this computer's session was opened with.",
  )

/**
 * Libki's client protocol (v1_0) over Carrel's computer sessions. A Libki node is a computer
 * staff registered in Carrel, found by its name and branch (Libki's "location"); unknown nodes
 * are refused, never created, so a machine on the network cannot add itself.
 */
export class LibkiEndpoint {
  readonly identities = new LibkiIdentities()
  private readonly unsubscribe = new Map<string, () => void>()

  constructor(private readonly ctx: AppContext) {}

  async handle(q: LibkiQuery, origin: AttemptOrigin): Promise<LibkiReply> {
    const device = await this.findNode(q.node ?? q.node_name ?? '', q.location ?? '')
    switch (q.action) {
      case 'register_node':
        return this.registerNode(device)
      case 'login':
        return this.login(device, q, origin)
      case 'get_user_data':
        return this.userData(device, q, origin)
      case 'logout':
        return this.logout(device, q, origin)
      default:
        // acknowledge_reservation: a call's time runs from when Carrel called the patron, so there
        // is nothing to start here. clear_message: messages go once they have been shown.
        return {}
    }
  }

  private async findNode(name: string, location: string): Promise<ComputerDevice | undefined> {
    if (name === '') return undefined
    let query = this.ctx.db
      .selectFrom('computers')
      .innerJoin('computer_groups', 'computer_groups.id', 'computers.group_id')
      .select([
        'computers.id',
        'computers.name',
        'computers.branch',
        'computers.group_id',
        'computers.in_service',
        'computer_groups.code as group_code',
      ])
      .where('computers.name', '=', name)
    if (location !== '') query = query.where('computers.branch', '=', location)
    // Without a location the name must be unique across branches.
    const rows = await query.limit(2).execute()
    const row = rows[0]
    if (row === undefined || rows.length > 1) return undefined
    return {
      id: row.id,
      name: row.name,
      branch: row.branch,
      groupId: row.group_id,
      groupCode: row.group_code,
      inService: row.in_service === 1,
    }
  }

  private async registerNode(device: ComputerDevice | undefined): Promise<LibkiReply> {
    if (device === undefined) return { registered: 0, error: 'INVALID_CLIENT' }
    const now = this.ctx.clock.now()
    await markSeen(this.ctx.db, device.id, now)
    const reservation = await reservationFor(this.ctx.db, device.id, now)
    return {
      registered: 1,
      status: device.inService ? 'online' : 'suspended',
      // The ticket number, never a name: the client shows "Reserved for #12".
      ...(reservation !== undefined && { reserved_for: `#${reservation.ticket}` }),
      ClientBehavior: 'FCFS',
      ReservationShowUsername: 1,
      EnableClientSessionLocking: 0,
      EnableClientPasswordlessMode: 0,
      EnableGuestSelfRegistration: 0,
      ClientTimeWarningThreshold: 5,
    }
  }

  private async login(
    device: ComputerDevice | undefined,
    q: LibkiQuery,
    origin: AttemptOrigin,
  ): Promise<LibkiReply> {
    if (q.createGuest === '1') return { error: 'GUEST_SELF_REG_NOT_ENABLED' }
    if (device === undefined) return { error: 'INVALID_CLIENT' }
    const username = (q.username ?? '').trim()
    const password = q.password ?? ''
    if (username === '') return { error: 'BAD_LOGIN' }
    // A guest pass is one code: typed as the username, with the password left empty.
    const creds: Credentials =
      password === ''
        ? { kind: 'guest', code: username }
        : { kind: 'card', barcode: username, pin: password }
    let minutesLeft: number
    try {
      minutesLeft = (await startSession(this.ctx, device, creds, origin)).minutesLeft
    } catch (err) {
      const resumed =
        err instanceof AppError && err.code === 'COMPUTER_IN_USE' && creds.kind === 'card'
          ? await this.resume(device, username, password)
          : undefined
      return resumed ?? { error: libkiErrorCode(err) }
    }
    const session = await this.runningSession(device.id)
    if (session !== undefined) this.remember(device.id, session.id, username, password)
    return { authenticated: 1, units: minutesLeft }
  }

  /**
   * A client restarted mid-session (a crash, a reboot) signs its patron in again on the same
   * computer: the session goes on. startSession has already checked the PIN before it found the
   * computer busy, so the card only has to be the session's.
   */
  private async resume(
    device: ComputerDevice,
    username: string,
    password: string,
  ): Promise<LibkiReply | undefined> {
    const session = await this.runningSession(device.id)
    if (session?.patronId == null) return undefined
    const card = await this.ctx.db
      .selectFrom('cards')
      .select('patron_id')
      .where('barcode', '=', username)
      .executeTakeFirst()
    if (card?.patron_id !== session.patronId) return undefined
    this.remember(device.id, session.id, username, password)
    const left = Date.parse(session.endsAt) - this.ctx.clock.now().getTime()
    return { authenticated: 1, units: Math.max(0, Math.ceil(left / MINUTE)) }
  }

  private async userData(
    device: ComputerDevice | undefined,
    q: LibkiQuery,
    origin: AttemptOrigin,
  ): Promise<LibkiReply> {
    const session = device && (await this.runningSession(device.id))
    if (device === undefined || session === undefined) {
      if (device !== undefined) this.forget(device.id)
      // Either way the client logs off; "Kicked" says staff took the computer out of service.
      const status = device?.inService === false ? 'Kicked' : 'Logged out'
      return { status, units: 0, messages: [] }
    }
    await this.confirm(device, session, q, origin)
    const status = await sessionStatus(this.ctx, device)
    if (status.state === 'in_session' || status.state === 'locked')
      return { status: 'Logged in', units: status.minutesLeft ?? 0, messages: status.messages }
    // It ended between the two reads.
    this.forget(device.id)
    return { status: 'Logged out', units: 0, messages: status.messages }
  }

  private async logout(
    device: ComputerDevice | undefined,
    q: LibkiQuery,
    origin: AttemptOrigin,
  ): Promise<LibkiReply> {
    const session = device && (await this.runningSession(device.id))
    if (device === undefined || session === undefined) {
      if (device !== undefined) this.forget(device.id)
      return { logged_out: 1 }
    }
    await this.confirm(device, session, q, origin)
    await logOff(this.ctx, device)
    this.forget(device.id)
    return { logged_out: 1 }
  }

  /**
   * The poll must carry the card and PIN that opened the session. Recognised in memory when this
   * process saw the login; otherwise (another process, a restart) checked once more the full way,
   * Argon2id, card lockout and address throttle included, and then remembered. A guest pass has
   * no such second check here: its session is recognised only by the process that opened it.
   */
  private async confirm(
    device: ComputerDevice,
    session: RunningSession,
    q: LibkiQuery,
    origin: AttemptOrigin,
  ): Promise<void> {
    const username = (q.username ?? '').trim()
    const password = q.password ?? ''
    if (this.identities.recognises(device.id, session.id, username, password)) return
    if (password === '' || session.patronId === null) throw NOT_RECOGNISED()
    try {
      const checked = await verifyPin(this.ctx, KIOSK_ACTOR, username, password, origin)
      if (checked.patronId !== session.patronId) throw NOT_RECOGNISED()
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') throw NOT_RECOGNISED()
      throw err
    }
    this.remember(device.id, session.id, username, password)
  }

  private async runningSession(computerId: string): Promise<RunningSession | undefined> {
    const row = await this.ctx.db
      .selectFrom('computer_sessions')
      .select(['id', 'patron_id', 'ends_at'])
      .where('computer_id', '=', computerId)
      .executeTakeFirst()
    return row && { id: row.id, patronId: row.patron_id, endsAt: row.ends_at }
  }

  private remember(computerId: string, sessionId: string, username: string, pin: string): void {
    this.identities.remember(computerId, sessionId, username, pin)
    if (this.unsubscribe.has(computerId)) return
    // A session ended in this process (staff, time up) drops what was kept at once.
    const off = computerEvents.subscribe(computerId, (event) => {
      if (event.type === 'ended') this.forget(computerId)
    })
    this.unsubscribe.set(computerId, off)
  }

  private forget(computerId: string): void {
    this.unsubscribe.get(computerId)?.()
    this.unsubscribe.delete(computerId)
    this.identities.forget(computerId)
  }

  /** Drops everything kept in memory (the server is closing). */
  close(): void {
    for (const off of this.unsubscribe.values()) off()
    this.unsubscribe.clear()
    this.identities.clear()
  }
}
