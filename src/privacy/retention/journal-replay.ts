import { SYSTEM_ACTOR } from '../../actor.js'
import type { AppContext } from '../../context.js'
import { erasePatron } from '../../patrons/patron.service.js'
import { readJournal, type JournalEntry } from '../erasure-journal.js'
import { journalMark, setJournalMark } from '../journal-mark.js'
import { findWrappedKey } from '../keystore.repository.js'
import { RETENTION_RULES, type RetentionRuleId } from '../retention-rules.js'
import { reapplyDisposal } from './retention.service.js'

export interface ReplayReport {
  /** Patrons erased again: the restored stores still had their key or their record. */
  erased: string[]
  /** Patrons the restored stores already held as erased. */
  alreadyErased: number
  /** Patrons registered after the backup was taken: not in it, so nothing to erase. */
  notInBackup: number
  /** Each series swept again, with the cutoff it was swept to and what that disposed of. */
  disposals: { series: string; cutoff: string; disposed: number }[]
}

/**
 * Applies journal entries again to stores that may be older than them (a restored backup). Both
 * kinds are idempotent: an erasure is redone only where the key or the record is still there, and
 * a disposal sweeps its series up to the recorded cutoff, which destroys nothing already gone.
 * Registration disposals are not swept again: every patron they erased has an erasure entry.
 */
export async function replayJournal(
  ctx: AppContext,
  entries: readonly JournalEntry[],
): Promise<ReplayReport> {
  const report: ReplayReport = { erased: [], alreadyErased: 0, notInBackup: 0, disposals: [] }
  const patrons = [...new Set(entries.flatMap((e) => (e.kind === 'erasure' ? [e.patron] : [])))]
  for (const id of patrons) {
    const row = await ctx.db
      .selectFrom('patrons')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst()
    const key = await findWrappedKey(ctx.keys, id)
    if (row === undefined && key === undefined) report.notInBackup++
    else if (row?.status === 'erased' && key === undefined) report.alreadyErased++
    else {
      if (row === undefined)
        await ctx.keys.deleteFrom('patron_keys').where('patron_id', '=', id).execute()
      else await erasePatron(ctx, SYSTEM_ACTOR, id, { journal: false })
      report.erased.push(id)
    }
  }
  // Per series, the latest cutoff covers every earlier one.
  const cutoffs = new Map<RetentionRuleId, string>()
  for (const e of entries) {
    if (e.kind !== 'disposal' || !(e.series in RETENTION_RULES)) continue
    const series = e.series as RetentionRuleId
    if (series === 'patron-registration') continue
    const before = cutoffs.get(series)
    if (before === undefined || e.cutoff > before) cutoffs.set(series, e.cutoff)
  }
  for (const [series, cutoff] of cutoffs) {
    const disposed = await reapplyDisposal(ctx, SYSTEM_ACTOR, series, cutoff)
    report.disposals.push({ series, cutoff, disposed })
  }
  return report
}

/** Entries written on or after `day` (the journal keeps days, not times: see erasure-journal.ts). */
export function entriesSince(entries: readonly JournalEntry[], day: string): JournalEntry[] {
  return entries.filter((e) => e.day >= day)
}

/**
 * Brings the records store and the key store level with the erasure journal before Carrel serves
 * anyone: when the store's mark is not the journal's last entry (a backup was restored by hand, or
 * a process stopped between an entry and its commit), every entry after the mark is re-applied —
 * all of them when the mark is not in the journal. Undefined when the stores were already level.
 */
export async function catchUpWithJournal(ctx: AppContext): Promise<ReplayReport | undefined> {
  const journal = await readJournal(ctx.config.dataDir)
  const last = journal.at(-1)
  if (last === undefined) return undefined
  const mark = await journalMark(ctx.db)
  if (mark === last.id) return undefined
  const at = mark === undefined ? -1 : journal.findIndex((e) => e.id === mark)
  const report = await replayJournal(ctx, journal.slice(at + 1))
  await setJournalMark(ctx.db, last.id)
  return report
}

/** What a replay did, one line each, for a restore's report or a log. */
export function describeReplay(report: ReplayReport): string[] {
  return [
    ...report.erased.map((id) => `erased again: patron ${id}`),
    ...(report.alreadyErased > 0
      ? [`already erased in the backup: ${report.alreadyErased} patron(s)`]
      : []),
    ...(report.notInBackup > 0
      ? [`registered and erased after the backup: ${report.notInBackup} patron(s), nothing to do`]
      : []),
    ...report.disposals.map(
      (d) => `swept again: ${d.series} up to ${d.cutoff}: ${d.disposed} record(s) disposed of`,
    ),
  ]
}
