import type { AppContext } from '../../context.js'
import type { Engine } from '../../db/dialect.js'
import {
  checkpointPostgres,
  rewritePostgresTables,
  truncateSqliteWal,
  type Reclaimed,
} from '../../db/reclaim.js'

/**
 * Records tables whose forgotten rows tied a patron to an item, a title or an amount: swept by
 * retention, or unlinked at check-in and settlement between sweeps. A table that does not exist
 * (yet, or any more) is skipped.
 */
export const LINK_TABLES = [
  'loans',
  'holds',
  'fees',
  'fee_payments',
  'notice_outbox',
  'patron_requests',
  // Public computers: a session tied a patron to a computer; the day's counters to their minutes.
  'computer_sessions',
  'computer_allowance',
  'computer_day_keys',
] as const

/**
 * Tables that outlive what happened but are rewritten on every movement: on PostgreSQL the
 * physical order of their rows follows the order of their last change (a copy's last check-in,
 * say), which the audit log's order could be matched against. They are rewritten in an order
 * that says nothing: copies in the order they were catalogued, counts in the order of their
 * random ids. (SQLite updates a row where it lies, so there the order stays the order in which
 * the rows were first written.)
 */
export const REORDERED_TABLES = [
  { table: 'items', index: 'items_catalogued' },
  { table: 'circulation_counts', index: 'circulation_counts_pkey' },
  { table: 'hold_counts', index: 'hold_counts_pkey' },
  { table: 'fee_counts', index: 'fee_counts_pkey' },
  { table: 'computer_usage_counts', index: 'computer_usage_counts_pk' },
] as const

/** Key-store tables: an erased patron's wrapped data key must not outlive its row either. */
export const KEY_TABLES = ['patron_keys'] as const

/** How long a rewrite waits for its table's lock before leaving that table to the next run. */
const LOCK_TIMEOUT_MS = 10_000

export interface CompactionResult {
  engine: Engine
  /** Tables rewritten (PostgreSQL, as store.table) or stores whose WAL was emptied (SQLite). */
  done: string[]
  skipped: { name: string; reason: string }[]
  /** SQLite: both WALs emptied. PostgreSQL: CHECKPOINT ran (it needs superuser or pg_checkpoint). */
  checkpointed: boolean
  ms: number
}

/**
 * Makes deleted rows unreadable in the database files, not just in queries (P3, §5 Linkability:
 * freed pages count as retained). SQLite already zeroes deleted content (secure_delete, set
 * when a store is opened), so what is left is emptying the WAL of older page images. PostgreSQL
 * keeps dead row versions in its files until they are rewritten, so the tables above are.
 * Neither reaches copies made before: PostgreSQL WAL segments, base backups and replicas, or a
 * SQLite file copied before the sweep, keep the old versions until they are recycled or expire.
 */
export async function compactAfterSweep(
  ctx: Pick<AppContext, 'engine' | 'db' | 'keys' | 'logger'>,
): Promise<CompactionResult> {
  const started = performance.now()
  const parts: Reclaimed[] = []
  let checkpointed: boolean
  if (ctx.engine === 'sqlite') {
    parts.push(await truncateSqliteWal(ctx.db, 'records'))
    parts.push(await truncateSqliteWal(ctx.keys, 'keys'))
    checkpointed = parts.every((p) => p.skipped.length === 0)
  } else {
    parts.push(
      prefixed(
        'records',
        await rewritePostgresTables(ctx.db, LINK_TABLES, LOCK_TIMEOUT_MS, REORDERED_TABLES),
      ),
    )
    parts.push(prefixed('keys', await rewritePostgresTables(ctx.keys, KEY_TABLES, LOCK_TIMEOUT_MS)))
    // One server usually holds both, but the key store may live on another.
    checkpointed = (await checkpointPostgres(ctx.db)) && (await checkpointPostgres(ctx.keys))
  }
  const result: CompactionResult = {
    engine: ctx.engine,
    done: parts.flatMap((p) => p.done),
    skipped: parts.flatMap((p) => p.skipped),
    checkpointed,
    ms: Math.round(performance.now() - started),
  }
  if (result.skipped.some((s) => s.reason !== 'no such table'))
    ctx.logger.warn({ compaction: result }, 'deleted rows may still be readable in the files')
  else ctx.logger.info({ compaction: result }, 'freed space cleared after the retention sweep')
  return result
}

function prefixed(store: string, r: Reclaimed): Reclaimed {
  return {
    done: r.done.map((n) => `${store}.${n}`),
    skipped: r.skipped.map((s) => ({ ...s, name: `${store}.${s.name}` })),
  }
}
