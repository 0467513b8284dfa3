import { Type, type Static } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { staffIdOf } from '../actor.js'
import { loadLive } from './patron.service.js'
import { balanceCents } from './patron.repository.js'

export const LedgerEntryInputSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('credit'), Type.Literal('debit')]),
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_00 }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type LedgerEntryInput = Static<typeof LedgerEntryInputSchema>

export interface LedgerEntry {
  id: string
  amountCents: number
  reason: string
  staffId: string | null
  createdAt: string
}

export interface Ledger {
  balanceCents: number
  entries: LedgerEntry[]
}

/** Adds a credit or debit; the balance is always the sum of the entries. */
export async function addLedgerEntry(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
  raw: unknown,
): Promise<Ledger> {
  requirePermission(actor, 'ledger.write')
  const input = check(LedgerEntryInputSchema, raw)
  await loadLive(ctx, patronId)
  const entry = {
    id: newId(),
    patron_id: patronId,
    amount_cents: input.kind === 'credit' ? input.amountCents : -input.amountCents,
    reason: input.reason.trim(),
    staff_id: staffIdOf(actor),
    created_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('card_ledger').values(entry).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'ledger.entry',
        patronId,
        detail: { kind: input.kind, amountCents: input.amountCents },
      },
    ])
  })
  return readLedger(ctx, patronId)
}

export async function getLedger(ctx: AppContext, actor: Actor, patronId: string): Promise<Ledger> {
  requirePermission(actor, 'ledger.read')
  await loadLive(ctx, patronId)
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'patron.read', patronId, detail: { part: 'ledger' } },
  ])
  return readLedger(ctx, patronId)
}

async function readLedger(ctx: AppContext, patronId: string): Promise<Ledger> {
  const rows = await ctx.db
    .selectFrom('card_ledger')
    .selectAll()
    .where('patron_id', '=', patronId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return {
    balanceCents: await balanceCents(ctx.db, patronId),
    entries: rows.map((r) => ({
      id: r.id,
      amountCents: r.amount_cents,
      reason: r.reason,
      staffId: r.staff_id,
      createdAt: r.created_at,
    })),
  }
}
