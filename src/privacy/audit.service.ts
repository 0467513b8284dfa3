import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { forbidden } from '../errors.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { recordAudit, verifyAuditChain, type VerifyResult } from './audit.js'

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
