import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import { enqueueNotice } from '../../circulation/circ-support.js'
import { appendAudit } from '../audit.js'
import type { Batch, SweepContext } from './sweeps.js'

export interface Candidate {
  id: string
  expires_on: string
  updated_at: string
  erasure_warned_at: string | null
  erasure_warning_delivered: number
  email_enc: string | null
}

/**
 * Lapsed registrations: the card expired before the cutoff, nothing is on loan, nothing is owed,
 * the record has not changed since the cutoff, and no legal hold covers the patron.
 */
export async function erasureCandidates(ctx: AppContext, s: SweepContext): Promise<Candidate[]> {
  let q = ctx.db
    .selectFrom('patrons')
    .select([
      'id',
      'expires_on',
      'updated_at',
      'erasure_warned_at',
      'erasure_warning_delivered',
      'email_enc',
    ])
    .where('status', '=', 'active')
    .where('expires_on', '<', s.cutoff.slice(0, 10))
    .where('updated_at', '<', s.cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('loans')
            .select('loans.id')
            .whereRef('loans.patron_id', '=', 'patrons.id')
            .where('loans.returned_at', 'is', null),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('fees')
            .select('fees.id')
            .whereRef('fees.patron_id', '=', 'patrons.id')
            .where('fees.status', 'in', ['open', 'accruing']),
        ),
      ),
    )
    .orderBy('id')
  if (s.heldPatrons.length > 0) q = q.where('id', 'not in', s.heldPatrons)
  return q.execute()
}

/** Where the latest erasure warning of a patron stands in the outbox. */
async function warningState(
  ctx: AppContext,
  patronId: string,
): Promise<'delivered' | 'pending' | 'undelivered'> {
  const rows = await ctx.db
    .selectFrom('notice_outbox')
    .select('status')
    .where('patron_id', '=', patronId)
    .where('kind', '=', 'erasure_warning')
    .execute()
  const statuses = rows.map((r) => r.status)
  if (statuses.some((s) => s === 'queued' || s === 'sending')) return 'pending'
  // A letter left for printing (or printed) has reached the only address there is.
  if (statuses.some((s) => s === 'sent' || s === 'maildrop' || s === 'print' || s === 'printed'))
    return 'delivered'
  return 'undelivered'
}

/**
 * First a warning through the notice outbox; once it has reached the patron (sent, written to the
 * maildrop, or left for a letter) and the warning period has passed without the patron coming
 * back, erasure (which destroys the data key). A patron with no email address is not waited for.
 * A warning that failed for good, or was never sent, is written again, and the period starts over.
 * A warning counts only if it is newer than the last change to the record: whatever path changed
 * it (the desk, the patron's own choices, the reading-history switch), a patron who lapses again
 * is warned afresh. That the warning arrived is kept on the registration, because the outbox row
 * may be purged before the period ends.
 */
export async function sweepLapsedRegistrations(
  ctx: AppContext,
  actor: Actor,
  s: SweepContext,
  erase: (patronId: string, batch: Batch) => Promise<void>,
): Promise<{ warned: number; erased: number }> {
  const now = ctx.clock.now()
  const at = now.toISOString()
  const eraseBefore = new Date(
    now.getTime() - ctx.config.retention.erasureWarningDays * 86_400_000,
  ).toISOString()
  let warned = 0
  let erased = 0
  const warn = async (p: Candidate) => {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('patrons')
        .set({ erasure_warned_at: at, erasure_warning_delivered: 0 })
        .where('id', '=', p.id)
        .where((eb) =>
          p.erasure_warned_at === null
            ? eb('erasure_warned_at', 'is', null)
            : eb('erasure_warned_at', '=', p.erasure_warned_at),
        )
        .execute()
      const erasureOn = new Date(
        now.getTime() + ctx.config.retention.erasureWarningDays * 86_400_000,
      )
        .toISOString()
        .slice(0, 10)
      await enqueueNotice(trx, p.id, 'erasure_warning', { erasureOn }, at)
      await appendAudit(trx, ctx.engine, ctx.clock, actor, [
        { action: 'patron.erasure_warning', patronId: p.id },
      ])
    })
    warned += 1
  }
  for (const p of await erasureCandidates(ctx, s)) {
    // A change in the warning's own millisecond may have come after it: warn again.
    if (p.erasure_warned_at === null || p.erasure_warned_at <= p.updated_at) {
      await warn(p)
      continue
    }
    let delivered = p.email_enc === null || p.erasure_warning_delivered === 1
    if (!delivered) {
      const state = await warningState(ctx, p.id)
      if (state === 'undelivered') {
        await warn(p)
        continue
      }
      if (state === 'delivered') {
        await ctx.db
          .updateTable('patrons')
          .set({ erasure_warning_delivered: 1 })
          .where('id', '=', p.id)
          .execute()
        delivered = true
      }
    }
    if (delivered && p.erasure_warned_at < eraseBefore) {
      await erase(p.id, { count: 1, from: p.expires_on, to: p.expires_on })
      erased += 1
    }
  }
  return { warned, erased }
}
