import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { conflict, notFound, unauthorized, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from './roles.js'
import { readToken, signToken } from './staff-token.js'
import {
  findStaffById,
  findStaffByUsername,
  insertStaff,
  listStaff as listStaffRows,
  updateStaffRow,
  type StaffRow,
} from './staff.repository.js'
import { STAFF_ROLES, type StaffRole } from './staff.tables.js'

export interface StaffView {
  id: string
  username: string
  displayName: string
  role: StaffRole
  active: boolean
  createdAt: string
}

export interface NewStaff {
  username: string
  displayName: string
  password: string
  role: StaffRole
}

export const MIN_PASSWORD_LENGTH = 12

const toView = (r: StaffRow): StaffView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
})

function checkNewStaff(input: NewStaff): void {
  if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(input.username))
    throw validation(
      'INVALID_USERNAME',
      'A username is 2–40 lower-case letters, digits, dots, dashes or underscores.',
    )
  checkPassword(input.password)
  if (!STAFF_ROLES.includes(input.role))
    throw validation('INVALID_ROLE', `Role must be one of ${STAFF_ROLES.join(', ')}.`)
  if (input.displayName.trim().length === 0 || input.displayName.length > 100)
    throw validation('INVALID_DISPLAY_NAME', 'A display name is 1–100 characters.')
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200)
    throw validation(
      'WEAK_PASSWORD',
      `A staff password is at least ${MIN_PASSWORD_LENGTH} characters.`,
    )
}

/** Creates an individual staff account (never a shared one). */
export async function createStaff(
  ctx: AppContext,
  actor: Actor,
  input: NewStaff,
): Promise<StaffView> {
  requirePermission(actor, 'staff.manage')
  checkNewStaff(input)
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

export interface StaffChanges {
  displayName?: string
  role?: StaffRole
  active?: boolean
  password?: string
}

export async function updateStaff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: StaffChanges,
): Promise<StaffView> {
  requirePermission(actor, 'staff.manage')
  const current = await findStaffById(ctx.db, id)
  if (current === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
  if (changes.role !== undefined && !STAFF_ROLES.includes(changes.role))
    throw validation('INVALID_ROLE', `Role must be one of ${STAFF_ROLES.join(', ')}.`)
  if (changes.password !== undefined) checkPassword(changes.password)
  const patch = {
    ...(changes.displayName !== undefined && { display_name: changes.displayName.trim() }),
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
    ...(changes.password !== undefined && {
      password_hash: await ctx.hasher.hash(changes.password),
    }),
    updated_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateStaffRow(trx, id, patch)
    const fields = Object.keys(changes).filter((k) => k !== 'password')
    if (changes.password !== undefined) fields.push('password')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'staff.update', detail: { staffId: id, fields } },
    ])
  })
  return toView({ ...current, ...patch })
}

export interface StaffSession {
  token: string
  expiresAt: string
  staff: StaffView
}

/** Checks a username and password; unknown users and wrong passwords get the same answer. */
export async function signInStaff(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<StaffSession> {
  const row = await findStaffByUsername(ctx.db, username)
  const ok =
    row !== undefined && row.active === 1
      ? await ctx.hasher.verify(row.password_hash, password)
      : await ctx.hasher.verifyNothing(password)
  if (!ok || row === undefined)
    throw unauthorized('INVALID_CREDENTIALS', 'The username or password is not right.')
  const exp = ctx.clock.now().getTime() + ctx.config.security.staffTokenMinutes * 60_000
  return {
    token: signToken(ctx.keyring.tokenKey, { sub: row.id, exp }),
    expiresAt: new Date(exp).toISOString(),
    staff: toView(row),
  }
}

/** Turns a credential back into an actor, or undefined when it is forged, expired or the account is off. */
export async function actorFromToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  const payload = readToken(ctx.keyring.tokenKey, token, ctx.clock.now().getTime())
  if (payload === undefined) return undefined
  const row = await findStaffById(ctx.db, payload.sub)
  if (row === undefined || row.active !== 1) return undefined
  return { type: 'staff', id: row.id, role: row.role }
}

export async function getStaffView(ctx: AppContext, id: string): Promise<StaffView> {
  const row = await findStaffById(ctx.db, id)
  if (row === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
  return toView(row)
}
