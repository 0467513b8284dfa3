import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { recordAudit, verifyAuditChain, type VerifyResult } from './audit.js'
import {
  AuditFilterSchema,
  AuditSearchSchema,
  resolveFilter,
  type AuditFilter,
} from './audit-filter.js'
import {
  namePatron,
  nameRows,
  patronIdByCard,
  staffForFilter,
  type AuditPatronName,
  type NamedAuditEntry,
} from './audit-names.js'
import { allAuditRows, auditPageRows } from './audit-paging.js'
import { forbidden, notFound, validation } from '../errors.js'

export { AUDIT_ACTIONS, isAuditAction } from './audit-filter.js'
export type { AuditActorName, AuditPatronName, NamedAuditEntry } from './audit-names.js'

export const AuditQuerySchema = Type.Object(
  {
    patronId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)

export interface AuditEntryView {
  seq: number
  at: string
  actorType: string
  actorId: string
  /** The staff member's role at the time of reading (null for patrons, self-check and the system). */
  actorRole: string | null
  action: string
  patronId: string | null
  detail: Record<string, unknown>
}

/** Checks the chain; reading the log is itself recorded. */
export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<VerifyResult> {
  requirePermission(actor, 'audit.read')
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'audit.read', detail: { verify: true } },
  ])
  return verifyAuditChain(ctx.db)
}

/** The newest entries first, optionally for one patron, paged by sequence number. */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<AuditEntryView[]> {
  const q = check(AuditQuerySchema, raw)
  // Patrons included: their own page (accessesToOwnRecord) shows role and date, never who.
  requirePermission(actor, 'audit.read')
  let query = ctx.db
    .selectFrom('audit_log')
    .leftJoin('staff', (j) =>
      j.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_type',
      'audit_log.actor_id',
      'staff.role',
      'audit_log.action',
      'audit_log.patron_id',
      'audit_log.detail',
    ])
    .orderBy('audit_log.seq', 'desc')
    .limit(q.limit ?? 100)
  if (q.patronId !== undefined) query = query.where('audit_log.patron_id', '=', q.patronId)
  // Entry numbers are 32-bit on PostgreSQL: anything past the largest asks for the newest.
  if (q.before !== undefined)
    query = query.where('audit_log.seq', '<', Math.min(q.before, 2 ** 31 - 1))
  const rows = await query.execute()
  if (actor.type === 'staff') {
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      { action: 'audit.read', ...(q.patronId !== undefined && { patronId: q.patronId }) },
    ])
  }
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorRole: r.role,
    action: r.action,
    patronId: r.patron_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }))
}

/**
 * "Who looked at my record": staff accesses to the patron's own record, by role and date only —
 * never which staff member. The library may switch this off.
 */
export async function accessesToOwnRecord(
  ctx: AppContext,
  actor: Actor,
  enabled: boolean,
): Promise<{ at: string; role: string; action: string }[]> {
  if (actor.type !== 'patron') throw forbidden('FORBIDDEN', 'Only for a signed-in patron.')
  if (!enabled) throw forbidden('FEATURE_OFF', 'The library has switched this page off.')
  const rows = await ctx.db
    .selectFrom('audit_log')
    .innerJoin('staff', 'staff.id', 'audit_log.actor_id')
    .select(['audit_log.at', 'staff.role', 'audit_log.action'])
    .where('audit_log.patron_id', '=', actor.id)
    .where('audit_log.actor_type', '=', 'staff')
    .orderBy('audit_log.seq', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ at: r.at, role: r.role, action: r.action }))
}

/** The filters used, by name only: what the reader looked for, never a value. */
const filterNames = (f: AuditFilter): string[] =>
  (['staffId', 'patronId', 'action', 'from', 'to'] as const).filter((k) => f[k] !== undefined)

export interface AuditSearchPage {
  entries: NamedAuditEntry[]
  /** `before` for the next, older page; absent when there is none. */
  older?: number
  /** `after` for the newer page; absent when there is none. */
  newer?: number
}

/**
 * A page of the log, filtered by staff member, patron, action and the library's local dates,
 * with people named as they are now (staff by name, patrons by card, erased ones as such).
 * Reading is recorded like the plain listing, naming the patron when the filter did.
 */
export async function searchAudit(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<AuditSearchPage> {
  requirePermission(actor, 'audit.read')
  const q = check(AuditSearchSchema, raw)
  if (q.before !== undefined && q.after !== undefined)
    throw validation('AUDIT_BAD_PAGE', 'Ask for older or newer entries, not both.', {
      fields: ['before', 'after'],
    })
  const { before, after, limit, ...filter } = q
  const resolved = await resolveFilter(ctx.db, ctx.config.library.timezone, filter)
  const page = await auditPageRows(
    ctx.db,
    resolved,
    { ...(before !== undefined && { before }), ...(after !== undefined && { after }) },
    limit ?? 50,
  )
  if (actor.type === 'staff') {
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      {
        action: 'audit.read',
        ...(filter.patronId !== undefined && { patronId: filter.patronId }),
        detail: { filters: filterNames(filter) },
      },
    ])
  }
  return {
    entries: await nameRows(ctx.db, page.rows),
    ...(page.older !== undefined && { older: page.older }),
    ...(page.newer !== undefined && { newer: page.newer }),
  }
}

/** The most entries one export holds; a larger one is refused with a request to narrow it. */
export const AUDIT_EXPORT_MAX = 100_000

/** Every entry the filter matches, named, for a download; the export itself is recorded. */
export async function exportAudit(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
  max = AUDIT_EXPORT_MAX,
): Promise<NamedAuditEntry[]> {
  requirePermission(actor, 'audit.read')
  const filter = check(AuditFilterSchema, raw)
  const resolved = await resolveFilter(ctx.db, ctx.config.library.timezone, filter)
  const rows = await allAuditRows(ctx.db, resolved, max)
  if (rows === undefined)
    throw validation(
      'AUDIT_EXPORT_TOO_LARGE',
      `More than ${max.toLocaleString('en-US')} entries match. Choose a shorter date range or another filter.`,
    )
  if (actor.type === 'staff') {
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      {
        action: 'audit.read',
        ...(filter.patronId !== undefined && { patronId: filter.patronId }),
        detail: { filters: filterNames(filter), export: 'csv', entries: rows.length },
      },
    ])
  }
  return nameRows(ctx.db, rows)
}

/** The patron a card number (current or old) belongs to, for filtering the log by them. */
export async function auditPatronByCard(
  ctx: AppContext,
  actor: Actor,
  card: string,
): Promise<string> {
  requirePermission(actor, 'audit.read')
  const id = card.trim() === '' ? undefined : await patronIdByCard(ctx.db, card)
  if (id === undefined) throw notFound('CARD_NOT_FOUND', 'No patron has that card number.')
  return id
}

/** What a patron is called in the log's pages: their current card, or "erased". */
export async function auditPatronName(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<AuditPatronName> {
  requirePermission(actor, 'audit.read')
  return namePatron(ctx.db, patronId)
}

/** Every staff account by name, for choosing whose entries to see. */
export async function auditStaffChoices(
  ctx: AppContext,
  actor: Actor,
): Promise<Awaited<ReturnType<typeof staffForFilter>>> {
  requirePermission(actor, 'audit.read')
  return staffForFilter(ctx.db)
}
