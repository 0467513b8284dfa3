import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import { newId } from '../../ids.js'
import { erasePatron } from '../../patrons/patron.service.js'
import { requirePermission } from '../../staff/roles.js'
import { RETENTION_RULES, type RetentionRuleId } from '../retention-rules.js'
import { compactAfterSweep } from './compaction.js'
import { activeHolds, type ActiveHolds } from './legal-holds.service.js'
import { authorityFor, cutoffFor, SCHEDULE, type DisposalMethod } from './schedule.js'
import { TABLE_SWEEPS, type Batch, type SweepContext } from './sweeps.js'
import { appendJournal } from '../erasure-journal.js'
import { setJournalMark } from '../journal-mark.js'
import { erasureCandidates, sweepLapsedRegistrations } from './registrations.js'

export type SeriesState = 'due' | 'kept' | 'no-authority' | 'held'

export interface SeriesPreview {
  series: RetentionRuleId
  title: string
  method: DisposalMethod
  authority: string | null
  state: SeriesState
  /** Records due for disposal now (for registrations: patrons to warn or erase). */
  due: number
}

const SERIES = Object.keys(SCHEDULE) as RetentionRuleId[]

function stateOf(ctx: AppContext, series: RetentionRuleId, holds: ActiveHolds): SeriesState {
  if (SCHEDULE[series].method === 'keep' || RETENTION_RULES[series].period === null) return 'kept'
  if (authorityFor(ctx.config, series) === undefined) return 'no-authority'
  if (holds.series.has(series)) return 'held'
  return 'due'
}

function sweepContext(
  ctx: AppContext,
  series: RetentionRuleId,
  holds: ActiveHolds,
): SweepContext | undefined {
  const cutoff = cutoffFor(series, ctx.clock.now(), ctx.config)
  if (cutoff === undefined) return undefined
  return {
    db: ctx.db,
    keys: ctx.keys,
    cutoff: cutoff.toISOString(),
    heldPatrons: holds.patrons,
    limit: ctx.config.retention.batchSize,
    dataDir: ctx.config.dataDir,
  }
}

/** What a sweep would do now, per series, without changing anything. */
export async function previewRetention(ctx: AppContext, actor: Actor): Promise<SeriesPreview[]> {
  requirePermission(actor, 'retention.run')
  const holds = await activeHolds(ctx.db)
  const out: SeriesPreview[] = []
  for (const series of SERIES) {
    const s = sweepContext(ctx, series, holds)
    const sweep = TABLE_SWEEPS[series]
    let due = 0
    if (s !== undefined) {
      if (series === 'patron-registration') due = (await erasureCandidates(ctx, s)).length
      else if (sweep !== undefined) due = await sweep.count(s)
    }
    out.push({
      series,
      title: SCHEDULE[series].title,
      method: SCHEDULE[series].method,
      authority: authorityFor(ctx.config, series) ?? null,
      state: stateOf(ctx, series, holds),
      due,
    })
  }
  return out
}

export interface SeriesRun {
  series: RetentionRuleId
  state: SeriesState
  disposed: number
  warned?: number
}

/**
 * Purges what is due, series by series, oldest first, in batches — only where the library has
 * an approved disposal authority and no legal hold. Each series that disposed of anything gets a
 * disposal record: authority, count, dates covered, method, when and by whom — never content.
 * Running it twice in a row disposes of nothing the second time.
 */
export async function runRetention(
  ctx: AppContext,
  actor: Actor,
  onProgress?: (series: RetentionRuleId, done: number) => void,
): Promise<SeriesRun[]> {
  requirePermission(actor, 'retention.run')
  const holds = await activeHolds(ctx.db)
  const results: SeriesRun[] = []
  for (const series of SERIES) {
    const state = stateOf(ctx, series, holds)
    const s = sweepContext(ctx, series, holds)
    if (state !== 'due' || s === undefined) {
      results.push({ series, state, disposed: 0 })
      continue
    }
    const disposalId = newId()
    let disposed = 0
    let warned: number | undefined
    if (series === 'patron-registration') {
      const r = await sweepLapsedRegistrations(ctx, actor, s, async (id, batch) => {
        await erasePatron(ctx, actor, id)
        disposed = await noteDisposal(ctx, actor, series, batch, disposalId)
      })
      warned = r.warned
    } else {
      disposed = await sweepSeries(ctx, actor, series, s, { journal: true }, onProgress)
    }
    results.push({ series, state, disposed, ...(warned !== undefined && { warned }) })
  }
  // Every run, not only one that disposed of something: check-ins and settlements forget links
  // between sweeps too, and their old row versions wait in the files for this.
  if (ctx.config.retention.compactAfterSweep) await compactAfterSweep(ctx)
  return results
}

/**
 * One series' table sweep, batch by batch, each batch in its own transaction with its disposal
 * record. With `journal`, the first batch that destroys anything appends the series and cutoff to
 * the erasure journal before its transaction commits (an append that fails rolls the batch back),
 * so a backup restored later is swept again up to the same cutoff.
 */
async function sweepSeries(
  ctx: AppContext,
  actor: Actor,
  series: RetentionRuleId,
  s: SweepContext,
  options: { journal: boolean },
  onProgress?: (series: RetentionRuleId, done: number) => void,
): Promise<number> {
  const sweep = TABLE_SWEEPS[series]
  if (sweep === undefined) return 0
  const disposalId = newId()
  let disposed = 0
  let journaled = !options.journal
  let after: string | number | undefined
  for (let more = true; more;) {
    more = await ctx.db.transaction().execute(async (trx) => {
      const batch = await sweep.batch({ ...s, db: trx, ...(after !== undefined && { after }) })
      if (batch.count > 0) {
        if (!journaled) {
          const entry = await appendJournal(
            ctx.config.dataDir,
            {
              kind: 'disposal',
              series,
              cutoff: s.cutoff,
              authority: authorityFor(ctx.config, series) ?? '',
            },
            ctx.clock.now(),
            ctx.config.backup.keystoreDays,
          )
          await setJournalMark(trx, entry.id)
          journaled = true
        }
        disposed = await noteDisposal({ ...ctx, db: trx }, actor, series, batch, disposalId)
      }
      after = batch.last
      return batch.count >= s.limit
    })
    onProgress?.(series, disposed)
  }
  return disposed
}

/**
 * Sweeps one series again up to a cutoff recorded in the erasure journal, after a restore: what
 * that sweep destroyed is destroyed again (with a disposal record), and what a legal hold now
 * protects is left alone. Returns how many records it disposed of.
 */
export async function reapplyDisposal(
  ctx: AppContext,
  actor: Actor,
  series: RetentionRuleId,
  cutoff: string,
): Promise<number> {
  const holds = await activeHolds(ctx.db)
  if (holds.series.has(series)) return 0
  const s: SweepContext = {
    db: ctx.db,
    keys: ctx.keys,
    cutoff,
    heldPatrons: holds.patrons,
    limit: ctx.config.retention.batchSize,
    dataDir: ctx.config.dataDir,
  }
  return sweepSeries(ctx, actor, series, s, { journal: false })
}

/**
 * One disposal record per series per run, written in the same transaction as each batch it
 * covers, so the record and the destruction can never disagree. Returns the running count.
 */
async function noteDisposal(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  actor: Actor,
  series: RetentionRuleId,
  batch: Batch,
  id: string,
): Promise<number> {
  const existing = await ctx.db
    .selectFrom('disposal_records')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  const from = (batch.from ?? '').slice(0, 10)
  const to = (batch.to ?? '').slice(0, 10)
  if (existing === undefined) {
    await ctx.db
      .insertInto('disposal_records')
      .values({
        id,
        series,
        authority: authorityFor(ctx.config, series) ?? '',
        method: SCHEDULE[series].method,
        count: batch.count,
        covered_from: from,
        covered_to: to,
        ran_at: ctx.clock.now().toISOString(),
        ran_by: `${actor.type}:${actor.id}`,
      })
      .execute()
    return batch.count
  }
  const count = existing.count + batch.count
  await ctx.db
    .updateTable('disposal_records')
    .set({
      count,
      covered_from: from < existing.covered_from ? from : existing.covered_from,
      covered_to: to > existing.covered_to ? to : existing.covered_to,
    })
    .where('id', '=', id)
    .execute()
  return count
}

export async function listDisposals(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'retention.run')
  return ctx.db
    .selectFrom('disposal_records')
    .selectAll()
    .orderBy('ran_at', 'desc')
    .limit(500)
    .execute()
}
