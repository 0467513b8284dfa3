import type { AppContext } from '../context.js'
import { noticeEnabled } from '../comms/notice-types.js'
import { addDays, localDate } from '../library/calendar.js'
import { enqueueNotice } from './circ-support.js'

/** The stage each notice of a loan brings it to (`loans.notice_stage`). */
const STAGE = { courtesy: 1, overdue_first: 2, overdue_second: 3 } as const
type LoanNotice = keyof typeof STAGE

/** Whole days from `from` to `to` (both local dates). */
const daysBetween = (from: string, to: string): number =>
  Math.round(
    (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000,
  )

/** Which notice an open loan is due for today, from its local due day; undefined: none. */
export function loanNoticeFor(
  config: AppContext['config'],
  today: string,
  dueDay: string,
): LoanNotice | undefined {
  const late = daysBetween(dueDay, today)
  const n = config.notices
  if (late >= n.overdue.secondDaysAfter) return 'overdue_second'
  if (late >= n.overdue.firstDaysAfter) return 'overdue_first'
  if (late <= 0 && -late <= n.courtesy.daysBefore) return 'courtesy'
  return undefined
}

/**
 * The daily notices: a courtesy reminder before items are due, the first and second overdue
 * notices, and the card-expiring notice. One notice per patron, type and due day, counting the
 * loans it is about (their ids travel in the payload so titles can be looked up when it is
 * written, for a patron who chose titles; never the titles).
 *
 * Each is queued once: a loan remembers how far its notices have gone (`loans.notice_stage`,
 * deleted with the loan, reset by a renewal) and a registration the expiry date it was told of
 * (`patrons.card_expiry_noticed`), each advanced by a conditional update in the same transaction
 * as the queued notice; so a second run the same day, or two runs at once, queue nothing new.
 * Neither keeps a time: a stage number and a date the record already holds. A run missed for a
 * day catches up the next: what is due by then is queued (a loan already past its second overdue
 * day gets only the second notice).
 */
export async function queueDailyNotices(ctx: AppContext): Promise<Record<string, number>> {
  const tz = ctx.config.library.timezone
  const now = ctx.clock.now()
  const at = now.toISOString()
  const today = localDate(now, tz)
  const counts: Record<string, number> = {}
  const loans = await ctx.db
    .selectFrom('loans')
    .select(['id', 'patron_id', 'due_at', 'notice_stage'])
    .where('returned_at', 'is', null)
    .where('patron_id', 'is not', null)
    .where('notice_stage', '<', STAGE.overdue_second)
    .execute()
  // patron → kind → due day → loans
  const groups = new Map<
    string,
    { patronId: string; kind: LoanNotice; dueOn: string; ids: string[] }
  >()
  for (const loan of loans) {
    if (loan.patron_id === null) continue
    const dueOn = localDate(new Date(loan.due_at), tz)
    const kind = loanNoticeFor(ctx.config, today, dueOn)
    if (kind === undefined || STAGE[kind] <= loan.notice_stage) continue
    if (!noticeEnabled(ctx.config, kind)) continue
    const key = `${loan.patron_id} ${kind} ${dueOn}`
    const group = groups.get(key) ?? { patronId: loan.patron_id, kind, dueOn, ids: [] }
    group.ids.push(loan.id)
    groups.set(key, group)
  }
  for (const g of groups.values()) {
    await ctx.db.transaction().execute(async (trx) => {
      const taken: string[] = []
      for (const id of g.ids) {
        const res = await trx
          .updateTable('loans')
          .set({ notice_stage: STAGE[g.kind] })
          .where('id', '=', id)
          .where('returned_at', 'is', null)
          .where('notice_stage', '<', STAGE[g.kind])
          .executeTakeFirst()
        if (res.numUpdatedRows > 0n) taken.push(id)
      }
      if (taken.length === 0) return
      await enqueueNotice(
        trx,
        g.patronId,
        g.kind,
        { loanIds: taken.join(','), count: taken.length, dueOn: g.dueOn },
        at,
      )
      counts[g.kind] = (counts[g.kind] ?? 0) + 1
    })
  }
  if (noticeEnabled(ctx.config, 'card_expiring')) {
    const until = addDays(today, ctx.config.notices.card_expiring.daysBefore)
    const expiring = await ctx.db
      .selectFrom('patrons')
      .select(['id', 'expires_on'])
      .where('status', '=', 'active')
      .where('expires_on', '>=', today)
      .where('expires_on', '<=', until)
      .where((eb) =>
        eb.or([
          eb('card_expiry_noticed', 'is', null),
          eb('card_expiry_noticed', '<>', eb.ref('expires_on')),
        ]),
      )
      .execute()
    for (const p of expiring) {
      await ctx.db.transaction().execute(async (trx) => {
        // Not `updated_at`: being told is no change to the registration.
        const res = await trx
          .updateTable('patrons')
          .set({ card_expiry_noticed: p.expires_on })
          .where('id', '=', p.id)
          .where('expires_on', '=', p.expires_on)
          .where((eb) =>
            eb.or([
              eb('card_expiry_noticed', 'is', null),
              eb('card_expiry_noticed', '<>', p.expires_on),
            ]),
          )
          .executeTakeFirst()
        if (res.numUpdatedRows === 0n) return
        await enqueueNotice(trx, p.id, 'card_expiring', { expiresOn: p.expires_on }, at)
        counts.card_expiring = (counts.card_expiring ?? 0) + 1
      })
    }
  }
  return counts
}
