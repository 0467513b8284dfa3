import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { AppError, conflict, notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { getLibraryStructure } from '../library/library.service.js'
import { attemptSucceeded, reserveAttempt } from '../patrons/pin-lockout.js'
import { appendAudit, recordAudit, type AuditDetail } from '../privacy/audit.js'
import { blindIndex } from '../privacy/crypto.js'
import {
  addressKey,
  giveBackAddressAttempt,
  reserveAddressAttempt,
  type AttemptOrigin,
  type ReservedAttempt,
} from '../privacy/throttle.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import * as repo from './sip-account.repository.js'
import {
  DEFAULT_PERSONAL_FIELDS,
  NewSipAccountSchema,
  SIP_MESSAGE_CODES,
  SIP_PERSONAL_FIELDS,
  SipAccountChangesSchema,
  type SipAccount,
  type SipAccountChanges,
  type SipMessageCode,
  type SipPersonalField,
} from './sip-account.schemas.js'

export const MIN_SIP_PASSWORD_LENGTH = 12

/**
 * The actor a SIP account's requests run as: SIP_PERMISSIONS, audited under the account's id,
 * plus card.manage (block 01, enable 25) only where an administrator granted it.
 */
export const sipActor = (account: Pick<SipAccount, 'id' | 'mayBlockPatrons'>): Actor => ({
  type: 'sip',
  id: account.id,
  ...(account.mayBlockPatrons && { grants: ['card.manage'] }),
})

function jsonList<T extends string>(
  text: string,
  known: readonly T[],
  fallback: readonly T[],
): T[] {
  try {
    const parsed: unknown = JSON.parse(text)
    if (Array.isArray(parsed)) return known.filter((k) => parsed.includes(k))
  } catch {
    // A hand-edited row falls back to the safe default rather than failing every request.
  }
  return [...fallback]
}

const toView = (r: repo.SipAccountRow): SipAccount => ({
  id: r.id,
  login: r.login,
  institutionId: r.institution_id,
  location: r.location,
  allowedMessages: jsonList<SipMessageCode>(r.allowed_messages, SIP_MESSAGE_CODES, []),
  charset: r.charset === 'latin1' ? 'latin1' : 'utf8',
  personalFields: jsonList<SipPersonalField>(
    r.personal_fields,
    SIP_PERSONAL_FIELDS,
    DEFAULT_PERSONAL_FIELDS,
  ),
  mayBlockPatrons: r.may_block_patrons === 1,
  unknownCommands: r.unknown_commands === 'resend' ? 'resend' : 'ignore',
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

function checkPassword(password: string): void {
  if (password.length < MIN_SIP_PASSWORD_LENGTH || password.length > 200)
    throw validation(
      'WEAK_PASSWORD',
      `A SIP account password is ${MIN_SIP_PASSWORD_LENGTH} to 200 characters.`,
    )
  if (/[|\r\n\0]/.test(password))
    throw validation('INVALID_PASSWORD', 'A SIP password cannot contain "|" or line breaks.')
}

function checkInstitution(institutionId: string): void {
  if (!/^[\x21-\x7b\x7d\x7e]([\x20-\x7b\x7d\x7e]{0,62}[\x21-\x7b\x7d\x7e])?$/.test(institutionId))
    throw validation(
      'INVALID_INSTITUTION',
      'An institution id is 1–64 printable ASCII characters, without "|".',
    )
}

async function checkLocation(ctx: AppContext, location: string): Promise<void> {
  const { branches } = await getLibraryStructure(ctx.db)
  if (!branches.some((b) => b.code === location))
    throw validation('UNKNOWN_BRANCH', 'The location must be the code of a branch.')
}

/** Creates a SIP account; without a list of messages it may use every one Carrel answers. */
export async function createSipAccount(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<SipAccount> {
  requirePermission(actor, 'sip.manage')
  const input = check(NewSipAccountSchema, raw)
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/.test(input.login))
    throw validation(
      'INVALID_LOGIN',
      'A SIP login is 2–40 letters, digits, dots, dashes or underscores.',
    )
  checkPassword(input.password)
  checkInstitution(input.institutionId)
  await checkLocation(ctx, input.location)
  const at = ctx.clock.now().toISOString()
  const row: repo.SipAccountRow = {
    id: newId(),
    login: input.login,
    password_hash: await ctx.hasher.hash(input.password),
    institution_id: input.institutionId,
    location: input.location,
    allowed_messages: JSON.stringify(input.allowedMessages ?? SIP_MESSAGE_CODES),
    charset: input.charset ?? 'utf8',
    personal_fields: JSON.stringify(input.personalFields ?? DEFAULT_PERSONAL_FIELDS),
    may_block_patrons: input.mayBlockPatrons === true ? 1 : 0,
    unknown_commands: input.unknownCommands ?? 'ignore',
    active: 1,
    created_at: at,
    updated_at: at,
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertSipAccount(trx, row)
      await appendAudit(trx, ctx.engine, ctx.clock, actor, [
        {
          action: 'sip.account_create',
          detail: {
            sipAccountId: row.id,
            mayBlockPatrons: row.may_block_patrons === 1,
            personalFields: input.personalFields ?? [...DEFAULT_PERSONAL_FIELDS],
          },
        },
      ])
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('LOGIN_TAKEN', 'That SIP login is already in use.')
    throw err
  }
  return toView(row)
}

export async function listSipAccounts(ctx: AppContext, actor: Actor): Promise<SipAccount[]> {
  requirePermission(actor, 'sip.manage')
  return (await repo.listSipAccountRows(ctx.db)).map(toView)
}

export async function updateSipAccount(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<SipAccount> {
  requirePermission(actor, 'sip.manage')
  const changes = check(SipAccountChangesSchema, raw)
  const current = await repo.findSipAccountById(ctx.db, id)
  if (current === undefined) throw notFound('SIP_ACCOUNT_NOT_FOUND', 'No such SIP account.')
  if (changes.password !== undefined) checkPassword(changes.password)
  if (changes.institutionId !== undefined) checkInstitution(changes.institutionId)
  if (changes.location !== undefined) await checkLocation(ctx, changes.location)
  const patch = {
    ...(changes.password !== undefined && {
      password_hash: await ctx.hasher.hash(changes.password),
    }),
    ...(changes.institutionId !== undefined && { institution_id: changes.institutionId }),
    ...(changes.location !== undefined && { location: changes.location }),
    ...(changes.allowedMessages !== undefined && {
      allowed_messages: JSON.stringify(changes.allowedMessages),
    }),
    ...(changes.charset !== undefined && { charset: changes.charset }),
    ...(changes.personalFields !== undefined && {
      personal_fields: JSON.stringify(changes.personalFields),
    }),
    ...(changes.mayBlockPatrons !== undefined && {
      may_block_patrons: changes.mayBlockPatrons ? 1 : 0,
    }),
    ...(changes.unknownCommands !== undefined && { unknown_commands: changes.unknownCommands }),
    ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
    updated_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSipAccountRow(trx, id, patch)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'sip.account_update',
        detail: { sipAccountId: id, fields: Object.keys(changes), ...changedValues(changes) },
      },
    ])
  })
  return toView({ ...current, ...patch })
}

/** What a change set each setting to (never the password), so the log shows the change itself. */
function changedValues(changes: SipAccountChanges): AuditDetail {
  const out: AuditDetail = {}
  for (const [key, value] of Object.entries(changes))
    if (key !== 'password' && value !== undefined) out[key] = value
  return out
}

/**
 * Checks a SIP login. An unknown login, a switched-off account and a wrong password get the same
 * answer after the same work; each checked attempt is audited with the account as actor.
 * Wrong passwords count per network address (every login tried from there) and per login name
 * and address together: an address past either budget is refused without checking or auditing,
 * so guessing costs no hashing and writes no rows, and nobody elsewhere can lock a kiosk out.
 */
export async function authenticateSipAccount(
  ctx: AppContext,
  login: string,
  password: string,
  origin?: AttemptOrigin,
): Promise<SipAccount | undefined> {
  let address: ReservedAttempt | undefined
  try {
    address = await reserveAddressAttempt(ctx, origin)
  } catch (err) {
    if (err instanceof AppError && err.code === 'RATE_LIMITED') return undefined
    throw err
  }
  const subject = sipLoginSubject(ctx, login, origin)
  if ((await reserveAttempt(ctx, subject)) === undefined) return undefined
  const row = login.length <= 100 ? await repo.findSipAccountByLogin(ctx.db, login) : undefined
  const ok =
    row !== undefined && row.active === 1
      ? await ctx.hasher.verify(row.password_hash, password)
      : await ctx.hasher.verifyNothing(password)
  const reason = row === undefined ? 'unknown_login' : row.active !== 1 ? 'inactive' : 'password'
  const detail: AuditDetail = ok ? {} : { reason }
  await recordAudit(ctx.db, ctx.engine, ctx.clock, { type: 'sip', id: row?.id ?? 'unknown' }, [
    { action: ok ? 'sip.login' : 'sip.login_failed', detail },
  ])
  if (!ok || row === undefined) return undefined
  await attemptSucceeded(ctx.db, subject)
  await giveBackAddressAttempt(ctx, address)
  return toView(row)
}

/** The lockout subject of a SIP login name tried from one address (both as keyed digests). */
function sipLoginSubject(
  ctx: AppContext,
  login: string,
  origin: AttemptOrigin | undefined,
): string {
  const name = blindIndex(ctx.keyring.indexKey, 'sip-subject', login.slice(0, 100))
  const from = origin?.address === undefined ? '' : addressKey(origin.address)
  return `${name}:${blindIndex(ctx.keyring.indexKey, 'sip-address', from)}`
}

/** The account as it is now, or undefined once it is switched off (checked on every request). */
export async function activeSipAccount(
  ctx: AppContext,
  id: string,
): Promise<SipAccount | undefined> {
  const row = await repo.findSipAccountById(ctx.db, id)
  return row !== undefined && row.active === 1 ? toView(row) : undefined
}

/** Serves SCs that never log in, where the configuration allows it: the oldest active account. */
export async function defaultSipAccount(ctx: AppContext): Promise<SipAccount | undefined> {
  const row = await repo.oldestActiveSipAccount(ctx.db)
  return row === undefined ? undefined : toView(row)
}
