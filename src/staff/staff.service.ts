import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { AppError, conflict, notFound, unauthorized, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { blindIndex, hmac } from '../privacy/crypto.js'
import { attemptSucceeded, clearFailures, reserveAttempt } from '../patrons/pin-lockout.js'
import {
  giveBackAddressAttempt,
  reserveAddressAttempt,
  type AttemptOrigin,
} from '../privacy/throttle.js'
import { check } from '../validate.js'
import { requirePermission } from './roles.js'
import { readToken, signToken } from './staff-token.js'
import { MIN_PASSWORD_LENGTH, NewStaffSchema, StaffChangesSchema } from './staff.schemas.js'
import {
  findStaffById,
  findStaffByUsername,
  insertStaff,
  listStaff as listStaffRows,
  raiseStaffSessionVersion,
  updateStaffRow,
  type StaffRow,
} from './staff.repository.js'
import type { StaffRole } from './staff.tables.js'

export { MIN_PASSWORD_LENGTH } from './staff.schemas.js'
export type { NewStaff, StaffChanges } from './staff.schemas.js'

export interface StaffView {
  id: string
  username: string
  displayName: string
  role: StaffRole
  active: boolean
  createdAt: string
}

const toView = (r: StaffRow): StaffView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
})

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw validation(
      'WEAK_PASSWORD',
      `A staff password is at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
}

/** Creates an individual staff account (never a shared one). */
export async function createStaff(ctx: AppContext, actor: Actor, raw: unknown): Promise<StaffView> {
  requirePermission(actor, 'staff.manage')
  const input = check(NewStaffSchema, raw)
  if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(input.username))
    throw validation(
      'INVALID_USERNAME',
      'A username is 2–40 lower-case letters, digits, dots, dashes or underscores.',
    )
  checkPassword(input.password)
  if (input.displayName.trim() === '')
    throw validation('INVALID_DISPLAY_NAME', 'A display name is 1–100 characters.')
  const at = ctx.clock.now().toISOString()
  const row: StaffRow = {
    id: newId(),
    username: input.username,
    display_name: input.displayName.trim(),
    password_hash: await ctx.hasher.hash(input.password),
    role: input.role,
    active: 1,
    created_at: at,
    updated_at: at,
    credentials_changed_at: at,
    session_version: 0,
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertStaff(trx, row)
      await appendAudit(trx, ctx.engine, ctx.clock, actor, [
        { action: 'staff.create', detail: { staffId: row.id, role: row.role } },
      ])
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('USERNAME_TAKEN', 'That username is already in use.')
    throw err
  }
  return toView(row)
}

export async function listStaff(ctx: AppContext, actor: Actor): Promise<StaffView[]> {
  requirePermission(actor, 'staff.manage')
  return (await listStaffRows(ctx.db)).map(toView)
}

/** Changes an account. New passwords, role changes and switching off end every credential issued before. */
export async function updateStaff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<StaffView> {
  requirePermission(actor, 'staff.manage')
  const changes = check(StaffChangesSchema, raw)
  const current = await findStaffById(ctx.db, id)
  if (current === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
  if (changes.password !== undefined) checkPassword(changes.password)
  if (changes.displayName !== undefined && changes.displayName.trim() === '')
    throw validation('INVALID_DISPLAY_NAME', 'A display name is 1–100 characters.')
  const at = ctx.clock.now().toISOString()
  const credentialsChange =
    changes.password !== undefined ||
    (changes.role ?? current.role) !== current.role ||
    (changes.active ?? current.active === 1) !== (current.active === 1)
  const patch = {
    ...(changes.displayName !== undefined && { display_name: changes.displayName.trim() }),
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
    ...(changes.password !== undefined && {
      password_hash: await ctx.hasher.hash(changes.password),
    }),
    ...(credentialsChange && { credentials_changed_at: at }),
    updated_at: at,
  }
  const after = { ...current, ...patch }
  await ctx.db.transaction().execute(async (trx) => {
    if (
      current.role === 'admin' &&
      current.active === 1 &&
      (after.role !== 'admin' || after.active !== 1)
    ) {
      const admins = await trx
        .selectFrom('staff')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .execute()
      if (admins.length <= 1)
        throw conflict(
          'LAST_ADMIN',
          'This is the last active administrator; appoint another first.',
        )
    }
    await updateStaffRow(trx, id, patch)
    // The API token is revoked by the stamp above; desk sessions by their version.
    if (credentialsChange) await raiseStaffSessionVersion(trx, id)
    const fields = Object.keys(changes)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'staff.update', detail: { staffId: id, fields } },
    ])
  })
  return toView(after)
}

export interface StaffSession {
  token: string
  expiresAt: string
  staff: StaffView
  /** For a desk (web) session: the account's session version, read before the password was checked. */
  sessionVersion: number
  /** A known-device credential for this browser, to keep beside the session (see `SignInFrom`). */
  device: string
}

/** Where a sign-in comes from: the network address, and a device credential from an earlier sign-in. */
export interface SignInFrom {
  origin?: AttemptOrigin
  device?: string | undefined
}

const STAFF_LOCKED = () =>
  new AppError(
    'locked',
    'ACCOUNT_LOCKED',
    'Too many failed sign-ins to this account: it is locked for a while. A browser that has signed in to it before can still sign in, and an administrator can unlock it.',
  )

/** The lockout subject of a staff account, by the name typed (unknown names lock like real ones). */
function staffSubject(ctx: AppContext, username: string): string {
  return blindIndex(ctx.keyring.indexKey, 'staff-subject', username.trim().toLowerCase())
}

/**
 * Checks a username and password. Unknown users and wrong passwords get the same answer after
 * the same work. Wrong passwords count first per network address (RATE_LIMITED), then per
 * account: an account locked by guessing from elsewhere still lets its own known browsers in
 * (each of those has a lockout of its own), so nobody can lock staff out at will.
 */
export async function signInStaff(
  ctx: AppContext,
  username: string,
  password: string,
  from: SignInFrom = {},
): Promise<StaffSession> {
  const address = await reserveAddressAttempt(ctx, from.origin)
  const row = await findStaffByUsername(ctx.db, username)
  const known =
    row !== undefined && from.device !== undefined && isKnownDevice(ctx, row, from.device)
  const account = staffSubject(ctx, username)
  // A known browser has a budget of its own, so guessing elsewhere does not lock it out.
  const subject = known ? `${account}:${deviceSubject(ctx, from.device ?? '')}` : account
  if ((await reserveAttempt(ctx, subject)) === undefined) throw STAFF_LOCKED()
  const ok =
    row !== undefined && row.active === 1
      ? await ctx.hasher.verify(row.password_hash, password)
      : await ctx.hasher.verifyNothing(password)
  if (!ok || row === undefined) {
    if (row !== undefined)
      await recordAudit(
        ctx.db,
        ctx.engine,
        ctx.clock,
        { type: 'staff', id: row.id, role: row.role },
        [{ action: 'staff.login_failed' }],
      )
    throw unauthorized('INVALID_CREDENTIALS', 'The username or password is not right.')
  }
  await attemptSucceeded(ctx.db, subject)
  await giveBackAddressAttempt(ctx, address)
  await recordAudit(ctx.db, ctx.engine, ctx.clock, { type: 'staff', id: row.id, role: row.role }, [
    { action: 'staff.login' },
  ])
  const now = ctx.clock.now().getTime()
  const exp = now + ctx.config.security.staffTokenMinutes * 60_000
  return {
    token: signToken(ctx.keyring.tokenKey, { sub: row.id, iat: now, exp }),
    expiresAt: new Date(exp).toISOString(),
    staff: toView(row),
    sessionVersion: row.session_version,
    device: signToken(deviceKey(ctx), { sub: row.id, iat: now, exp: now + DEVICE_DAYS * DAY_MS }),
  }
}

const DAY_MS = 86_400_000
/** How long a browser stays known after a sign-in (each sign-in renews it). */
export const DEVICE_DAYS = 90

/** Device credentials are signed with a key of their own, so none can pass for an API token. */
function deviceKey(ctx: AppContext): Buffer {
  return hmac(ctx.keyring.tokenKey, 'staff-device')
}

function deviceSubject(ctx: AppContext, device: string): string {
  return blindIndex(ctx.keyring.indexKey, 'staff-device', device)
}

/** A device credential issued to this account since its last password change, and not expired. */
function isKnownDevice(ctx: AppContext, row: StaffRow, device: string): boolean {
  const payload = readToken(deviceKey(ctx), device, ctx.clock.now().getTime())
  return (
    payload !== undefined &&
    payload.sub === row.id &&
    payload.iat >= Date.parse(row.credentials_changed_at)
  )
}

/** An administrator lifts the lockout of a staff account at once (audited). */
export async function unlockStaff(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'staff.manage')
  const row = await findStaffById(ctx.db, id)
  if (row === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
  await ctx.db.transaction().execute(async (trx) => {
    await clearFailures(trx, staffSubject(ctx, row.username))
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'staff.unlock', detail: { staffId: id } },
    ])
  })
}

/** Turns a credential back into an actor, or undefined when it is forged, expired, revoked or the account is off. */
export async function actorFromToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const payload = readToken(ctx.keyring.tokenKey, token, ctx.clock.now().getTime())
  if (payload === undefined) return undefined
  const row = await findStaffById(ctx.db, payload.sub)
  if (row === undefined || row.active !== 1) return undefined
  if (payload.iat < Date.parse(row.credentials_changed_at)) return undefined
  return { type: 'staff', id: row.id, role: row.role }
}

/**
 * The staff desk's cookie session, checked like a token on every request: the account must still
 * be active, the session younger than a credential's lifetime, issued after the last credential
 * change and under the account's current session version (sign-out raises it).
 */
export async function actorFromStaffSession(
  ctx: AppContext,
  staffId: string,
  issuedAtMs: number,
  sessionVersion: number,
): Promise<Actor | undefined> {
  const now = ctx.clock.now().getTime()
  if (issuedAtMs > now || now >= issuedAtMs + ctx.config.security.staffTokenMinutes * 60_000)
    return undefined
  const row = await findStaffById(ctx.db, staffId)
  if (row === undefined || row.active !== 1) return undefined
  if (issuedAtMs < Date.parse(row.credentials_changed_at)) return undefined
  if (row.session_version !== sessionVersion) return undefined
  return { type: 'staff', id: row.id, role: row.role }
}

/** Signing out at the desk ends every desk session of the account; API tokens keep their own lifetime. */
export async function endStaffSessions(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.type !== 'staff') return
  await raiseStaffSessionVersion(ctx.db, actor.id)
}

export async function getStaffView(ctx: AppContext, id: string): Promise<StaffView> {
  const row = await findStaffById(ctx.db, id)
  if (row === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
  return toView(row)
}
