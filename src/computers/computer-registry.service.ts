import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import { isoDate } from '../clock.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { LOCKS, lockForTransaction } from '../db/locks.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { caseConflict } from '../library/codes.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { callNext } from './queue.service.js'
import { computerEvents } from './computer-events.js'
import {
  ComputerGroupSchema,
  ComputerRuleSchema,
  ComputerSchema,
} from './computer-registry.schemas.js'
import type { ComputerGroupsTable, ComputerRulesTable } from './computers.tables.js'

export { listComputers, type ComputerState } from './computer-states.js'

/** A computer as its own device credential identifies it. */
export interface ComputerDevice {
  id: string
  name: string
  branch: string
  groupId: string
  groupCode: string
  inService: boolean
}

/** The pseudo-category guest passes use in rules and counts. */
export const GUEST_CATEGORY = 'guest'

export async function listGroups(db: Kysely<RecordsDb>): Promise<ComputerGroupsTable[]> {
  return db.selectFrom('computer_groups').selectAll().orderBy('branch').orderBy('code').execute()
}

export async function listRules(db: Kysely<RecordsDb>): Promise<ComputerRulesTable[]> {
  return db
    .selectFrom('computer_rules')
    .selectAll()
    .orderBy('group_code')
    .orderBy('category')
    .execute()
}

async function requireBranch(db: Kysely<RecordsDb>, branch: string): Promise<void> {
  const row = await db
    .selectFrom('branches')
    .select('code')
    .where('code', '=', branch)
    .executeTakeFirst()
  if (row === undefined) throw validation('UNKNOWN_BRANCH', 'There is no such branch.')
}

/**
 * Another group's code equal to `code` but for letter case. The same code at several branches is
 * one group code (time rules name it); one spelled differently would quietly miss its rules.
 */
async function groupCaseTwin(
  db: Kysely<RecordsDb>,
  code: string,
  exceptId?: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('computer_groups')
    .select('code')
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .where('code', '<>', code)
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId ?? ''))
    .executeTakeFirst()
  return row?.code
}

/** Adds or renames a group; moving it to another branch moves its computers with it. */
export async function saveGroup(ctx: AppContext, actor: Actor, raw: unknown): Promise<string> {
  requirePermission(actor, 'computers.manage')
  const input = check(ComputerGroupSchema, raw)
  await requireBranch(ctx.db, input.branch)
  const id = input.id ?? newId()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await lockForTransaction(trx, ctx.engine, LOCKS.libraryCodes)
      const twin = await groupCaseTwin(trx, input.code, input.id)
      if (twin !== undefined) throw caseConflict('computer group', input.code, twin)
      const values = { branch: input.branch, code: input.code, name: input.name.trim() }
      if (input.id === undefined) {
        await trx
          .insertInto('computer_groups')
          .values({ id, ...values })
          .execute()
        return
      }
      const updated = await trx
        .updateTable('computer_groups')
        .set(values)
        .where('id', '=', id)
        .executeTakeFirst()
      if (updated.numUpdatedRows === 0n) throw notFound('GROUP_NOT_FOUND', 'No such group.')
      await trx
        .updateTable('computers')
        .set({ branch: input.branch })
        .where('group_id', '=', id)
        .execute()
    })
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('NAME_TAKEN', 'That code, or a computer name, is already used at the branch.')
    throw err
  }
  return id
}

/** Adds or changes a computer; a new one is in service and has no credential yet. */
export async function saveComputer(ctx: AppContext, actor: Actor, raw: unknown): Promise<string> {
  requirePermission(actor, 'computers.manage')
  const input = check(ComputerSchema, raw)
  const group = await ctx.db
    .selectFrom('computer_groups')
    .select(['id', 'branch'])
    .where('id', '=', input.groupId)
    .executeTakeFirst()
  if (group === undefined) throw validation('UNKNOWN_GROUP', 'There is no such group.')
  const id = input.id ?? newId()
  const values = { branch: group.branch, group_id: group.id, name: input.name.trim() }
  try {
    if (input.id === undefined) {
      await ctx.db
        .insertInto('computers')
        .values({
          id,
          ...values,
          in_service: 1,
          token_hash: null,
          token_issued_on: null,
          last_seen_at: null,
        })
        .execute()
    } else {
      const updated = await ctx.db
        .updateTable('computers')
        .set(values)
        .where('id', '=', id)
        .executeTakeFirst()
      if (updated.numUpdatedRows === 0n) throw notFound('COMPUTER_NOT_FOUND', 'No such computer.')
    }
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('NAME_TAKEN', 'Another computer at this branch has that name.')
    throw err
  }
  computerEvents.publish(id, { type: 'status' })
  return id
}

/**
 * Takes a computer out of service (no new sign-in; a running session goes on) or back in; back
 * in service, the next person waiting is called to it.
 */
export async function setInService(
  ctx: AppContext,
  actor: Actor,
  computerId: string,
  inService: boolean,
): Promise<void> {
  requirePermission(actor, 'computers.desk')
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('computers')
      .set({ in_service: inService ? 1 : 0 })
      .where('id', '=', computerId)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw notFound('COMPUTER_NOT_FOUND', 'No such computer.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer.service', detail: { computer: computerId, inService } },
    ])
  })
  computerEvents.publish(computerId, { type: 'status' })
  if (inService) await callNext(ctx, computerId)
}

export const hashDeviceToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex')

/** A new credential for a computer, shown once; the one it replaces stops working at once. */
export async function issueDeviceToken(
  ctx: AppContext,
  actor: Actor,
  computerId: string,
): Promise<{ token: string }> {
  requirePermission(actor, 'computers.manage')
  const token = randomBytes(32).toString('base64url')
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('computers')
      .set({ token_hash: hashDeviceToken(token), token_issued_on: isoDate(ctx.clock.now()) })
      .where('id', '=', computerId)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw notFound('COMPUTER_NOT_FOUND', 'No such computer.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'computer.credential', detail: { computer: computerId } },
    ])
  })
  return { token }
}

/** The computer a device credential belongs to, or undefined for an unknown or revoked one. */
export async function deviceByToken(
  ctx: AppContext,
  token: string,
): Promise<ComputerDevice | undefined> {
  if (token.length === 0 || token.length > 200) return undefined
  const row = await ctx.db
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
    .where('computers.token_hash', '=', hashDeviceToken(token))
    .executeTakeFirst()
  if (row === undefined) return undefined
  return {
    id: row.id,
    name: row.name,
    branch: row.branch,
    groupId: row.group_id,
    groupCode: row.group_code,
    inService: row.in_service === 1,
  }
}

/** Sets the rule for a group code and category, replacing the one there. */
export async function saveRule(ctx: AppContext, actor: Actor, raw: unknown): Promise<string> {
  requirePermission(actor, 'computers.manage')
  const input = check(ComputerRuleSchema, raw)
  if (input.groupCode !== '*') {
    const twin = await groupCaseTwin(ctx.db, input.groupCode)
    if (twin !== undefined) throw caseConflict('computer group', input.groupCode, twin, 'groupCode')
  }
  if (input.category !== '*' && input.category !== GUEST_CATEGORY) {
    const known = await ctx.db
      .selectFrom('patron_categories')
      .select('code')
      .where('code', '=', input.category)
      .executeTakeFirst()
    if (known === undefined)
      throw validation('UNKNOWN_CATEGORY', 'There is no such patron category.')
  }
  const values = {
    allowed: input.allowed ? 1 : 0,
    daily_minutes: input.dailyMinutes,
    session_minutes: input.sessionMinutes,
    extension_minutes: input.extensionMinutes,
  }
  const id = newId()
  await ctx.db
    .insertInto('computer_rules')
    .values({ id, group_code: input.groupCode, category: input.category, ...values })
    .onConflict((oc) => oc.columns(['group_code', 'category']).doUpdateSet(values))
    .execute()
  const row = await ctx.db
    .selectFrom('computer_rules')
    .select('id')
    .where('group_code', '=', input.groupCode)
    .where('category', '=', input.category)
    .executeTakeFirstOrThrow()
  return row.id
}
