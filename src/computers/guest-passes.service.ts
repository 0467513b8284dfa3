import { randomInt } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { lockRows } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { localDate } from '../library/calendar.js'
import { appendAudit } from '../privacy/audit.js'
import { blindIndex } from '../privacy/crypto.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { closingToday } from './branch-closing.js'

/**
 * Guest passes: anonymous codes printed in batches at the desk, good at one branch until it
 * closes that day. Only a keyed hash of each code is stored (the key is derived from the master
 * key, so a copy of the database cannot test guesses offline), and a pass is deleted once past
 * its closing time (P13).
 */

export const MAX_PASSES_PER_BATCH = 100

export const GuestPassBatchSchema = Type.Object(
  {
    branch: Type.String({ minLength: 1, maxLength: 40 }),
    count: Type.Integer({ minimum: 1, maximum: MAX_PASSES_PER_BATCH }),
  },
  { additionalProperties: false },
)

/** No 0/O, 1/I/L: a code is read off paper and typed by hand. 10 of 30 symbols: about 49 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ2345678'
const CODE_LENGTH = 10

function newCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

/** Case, spaces and dashes do not matter when a code is typed or scanned. */
export function normaliseGuestCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}

const codeHash = (ctx: AppContext, code: string) =>
  blindIndex(ctx.keyring.indexKey, 'guest-pass', normaliseGuestCode(code))

const CLOSED = () =>
  ruleViolation('LIBRARY_CLOSED', 'The branch is closed for the rest of today: no pass would work.')

export interface GuestPassBatch {
  codes: { code: string }[]
  branch: string
  validOn: string
  expiresAt: string
}

/**
 * Makes a batch of passes for a branch, good until its closing time today; the codes are returned
 * once (for the printed sheet) and never stored. One transaction: all of the batch or none.
 */
export async function createGuestPassBatch(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<GuestPassBatch> {
  requirePermission(actor, 'computers.desk')
  const { branch, count } = check(GuestPassBatchSchema, raw)
  const exists = await ctx.db
    .selectFrom('branches')
    .select('code')
    .where('code', '=', branch)
    .executeTakeFirst()
  if (exists === undefined) throw notFound('BRANCH_NOT_FOUND', 'No such branch.')
  const now = ctx.clock.now()
  const closes = await closingToday(ctx.db, branch, now, ctx.config.library.timezone)
  if (closes === undefined || closes.getTime() <= now.getTime()) throw CLOSED()
  const validOn = localDate(now, ctx.config.library.timezone)
  const codes = Array.from({ length: count }, () => ({ code: newCode() }))
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('guest_passes')
      .values(
        codes.map(({ code }) => ({
          id: newId(),
          branch,
          code_hash: codeHash(ctx, code),
          valid_on: validOn,
          expires_at: closes.toISOString(),
        })),
      )
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'guest_passes.issue', detail: { branch, count } },
    ])
  })
  return { codes, branch, validOn, expiresAt: closes.toISOString() }
}

/** The contract's shape: the codes of a new batch. */
export async function createGuestPasses(
  ctx: AppContext,
  actor: Actor,
  input: { branch: string; count: number },
): Promise<{ code: string }[]> {
  return (await createGuestPassBatch(ctx, actor, input)).codes
}

const INVALID = () =>
  ruleViolation('GUEST_PASS_INVALID', 'This guest pass is not valid here or has expired.')

/**
 * Checks a pass typed or scanned at a computer of `branch`, inside the caller's (sign-in)
 * transaction: unknown, expired, another branch's or already on a computer are all the same
 * refusal. The pass row is locked on PostgreSQL so two sign-ins with one pass take turns; the
 * unique guest_pass_id of computer_sessions settles the rest.
 */
export async function redeemGuestPass(
  tx: Transaction<RecordsDb>,
  ctx: AppContext,
  code: string,
  branch: string,
  now: Date,
): Promise<{ passId: string }> {
  if (code.length > 64) throw INVALID()
  const pass = await lockRows(
    tx
      .selectFrom('guest_passes')
      .select(['id', 'branch', 'expires_at'])
      .where('code_hash', '=', codeHash(ctx, code)),
    ctx.engine,
  ).executeTakeFirst()
  if (pass === undefined || pass.branch !== branch || pass.expires_at <= now.toISOString())
    throw INVALID()
  const inUse = await tx
    .selectFrom('computer_sessions')
    .select('id')
    .where('guest_pass_id', '=', pass.id)
    .executeTakeFirst()
  if (inUse !== undefined) throw INVALID()
  return { passId: pass.id }
}

/** Passes past their closing time are deleted: the sweep (retention `guest-passes`, `carrel jobs run`). */
export async function sweepGuestPasses(ctx: AppContext): Promise<number> {
  const res = await ctx.db
    .deleteFrom('guest_passes')
    .where('expires_at', '<=', ctx.clock.now().toISOString())
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}
