import { sql, type Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { AUDIT_CHAINS, entryHash, GENESIS_HASH } from './audit-hash.js'
import type { AuditLogTable } from './privacy.tables.js'

export type VerifyResult =
  | { ok: true; entries: number }
  | {
      ok: false
      entries: number
      /** The log entry (seq) where the break shows: the entry itself, or the one after a gap; 0 when none is left. */
      seq: number
      /** The chain, and the place in it, of the entry that was changed, removed or reordered. */
      chain?: number
      chainSeq?: number
      problem: 'changed' | 'removed' | 'reordered'
      message: string
    }

type Failure = Extract<VerifyResult, { ok: false }>

/** Where one chain starts and ends: its first remaining entry and its newest entry as recorded. */
interface ChainEnds {
  chain: number
  first?: { seq: number; chain_seq: number; prev_hash: string; at: string }
  head?: { chain_seq: number; hash: string }
}

interface Disposed {
  count: number
  to: string
}

const entryName = (r: { seq: number; chain: number; chain_seq: number }) =>
  `log entry ${r.seq} (entry ${r.chain_seq} of chain ${r.chain})`

/**
 * Every chain's ends and the audit-log disposal records, in one statement, so a sweep committing
 * meanwhile cannot show the entries and the records apart.
 */
async function chainEnds(
  db: Kysely<RecordsDb>,
): Promise<{ chains: ChainEnds[]; disposed: Disposed }> {
  const { rows } = await sql<{
    chain: number
    head_seq: number | null
    head_hash: string | null
    seq: number | null
    chain_seq: number | null
    prev_hash: string | null
    at: string | null
    disposed: number | string | null
    disposed_to: string | null
  }>`
    select c.chain, h.chain_seq as head_seq, h.hash as head_hash,
      f.seq, f.chain_seq, f.prev_hash, f.at,
      (select sum(d."count") from disposal_records d where d.series = 'audit-log') as disposed,
      (select max(d.covered_to) from disposal_records d where d.series = 'audit-log') as disposed_to
    from (select chain from audit_chains union select chain from audit_log) c
    left join audit_chains h on h.chain = c.chain
    left join audit_log f on f.chain = c.chain
      and f.chain_seq = (select min(m.chain_seq) from audit_log m where m.chain = c.chain)
    order by c.chain`.execute(db)
  const chains = rows.map((r) => ({
    chain: Number(r.chain),
    ...(r.seq !== null && {
      first: {
        seq: Number(r.seq),
        chain_seq: Number(r.chain_seq),
        prev_hash: r.prev_hash ?? '',
        at: r.at ?? '',
      },
    }),
    ...(r.head_seq !== null && {
      head: { chain_seq: Number(r.head_seq), hash: r.head_hash ?? '' },
    }),
  }))
  const disposed = { count: Number(rows[0]?.disposed ?? 0), to: rows[0]?.disposed_to ?? '' }
  return { chains, disposed }
}

/**
 * Entries older than the retention schedule allows are disposed of from the start of each chain,
 * and each sweep says so on a disposal record of the 'audit-log' series (a count and the dates
 * covered, never content). Missing heads are accepted only when those records account for them
 * exactly: their counts add up to the number of entries missing from the starts of all chains
 * (a chain emptied by a sweep counts up to its recorded newest entry), and none covers a date after
 * the oldest remaining entry of a chain that lost its head (a sweep removes only entries older
 * than the ones it leaves).
 */
function unaccountedHeads(chains: readonly ChainEnds[], disposed: Disposed): Failure | undefined {
  const cut = chains
    .map((c) => ({
      c,
      n: c.first !== undefined ? Math.max(0, c.first.chain_seq - 1) : (c.head?.chain_seq ?? 0),
    }))
    .filter((m) => m.n > 0)
  if (cut.length === 0) return undefined
  const total = cut.reduce((sum, m) => sum + m.n, 0)
  const parts = cut.map((m) => `1 to ${m.n} of chain ${m.c.chain}`)
  const range =
    `entries ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}` +
    ` are missing${parts.length > 1 ? ` (${total} in all)` : ''}`
  const fail = (c: ChainEnds, message: string): Failure => ({
    ok: false,
    entries: 0,
    seq: c.first?.seq ?? 0,
    chain: c.chain,
    chainSeq: 1,
    problem: 'removed',
    message,
  })
  const firstCut = (cut[0] as (typeof cut)[number]).c
  if (disposed.count === 0)
    return fail(firstCut, `${range} and no disposal record accounts for them`)
  if (disposed.count !== total)
    return fail(
      firstCut,
      `${range} but the audit-log disposal records account for ${disposed.count}`,
    )
  for (const { c } of cut) {
    const day = c.first?.at.slice(0, 10)
    if (day !== undefined && disposed.to > day)
      return fail(
        c,
        `${range} but the audit-log disposal records cover entries up to ${disposed.to}, after the oldest remaining entry of chain ${c.chain} (${day})`,
      )
  }
  return undefined
}

/** Walks one chain from its first remaining entry and names the first entry changed, removed or reordered. */
async function walkChain(
  db: Kysely<RecordsDb>,
  ends: ChainEnds,
  batch: number,
  counted: { entries: number },
): Promise<Failure | undefined> {
  const { chain, first, head } = ends
  const fail = (row: AuditLogTable, problem: Failure['problem'], message: string, at = row) =>
    ({
      ok: false,
      entries: counted.entries,
      seq: row.seq,
      chain,
      chainSeq: at.chain_seq,
      problem,
      message,
    }) satisfies Failure
  let expected = first?.chain_seq ?? 1
  let prev = first?.prev_hash ?? GENESIS_HASH
  let last: AuditLogTable | undefined
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', chain)
      .where('chain_seq', '>=', expected)
      .orderBy('chain_seq')
      .limit(batch)
      .execute()
    for (const row of rows) {
      if (row.prev_hash !== prev || row.chain_seq !== expected) {
        if (row.chain_seq !== expected)
          return fail(
            row,
            'removed',
            `entry ${expected} of chain ${chain} is missing (the chain jumps to ${entryName(row)})`,
            { ...row, chain_seq: expected },
          )
        return fail(
          row,
          'reordered',
          `${entryName(row)} does not follow entry ${expected - 1} of chain ${chain}: entries were reordered or removed, or entry ${expected - 1} was rewritten`,
        )
      }
      if (entryHash(row) !== row.hash)
        return fail(row, 'changed', `${entryName(row)} was changed after it was written`)
      if (head !== undefined && row.chain_seq === head.chain_seq && row.hash !== head.hash)
        return fail(
          row,
          'changed',
          `${entryName(row)} is not the entry recorded as chain ${chain}'s newest: it or an entry before it was rewritten`,
        )
      prev = row.hash
      expected += 1
      counted.entries += 1
      last = row
    }
    if (rows.length < batch) break
  }
  if (head === undefined && last !== undefined)
    return fail(last, 'removed', `the record of chain ${chain}'s newest entry is missing`)
  if (head !== undefined && first !== undefined && expected - 1 < head.chain_seq)
    return {
      ok: false,
      entries: counted.entries,
      seq: last?.seq ?? 0,
      chain,
      chainSeq: expected,
      problem: 'removed',
      message: `entries ${expected} to ${head.chain_seq} at the end of chain ${chain} are missing (its newest entry was entry ${head.chain_seq})`,
    }
  return undefined
}

/**
 * Verifies every chain of the log, each from its first remaining entry to its newest, and names
 * the first entry that was changed, removed or reordered (or moved from one chain to another,
 * which shows as both). Removing entries from the end of a chain shows against the chain's
 * recorded newest entry, unless that record was rewritten too.
 */
export async function verifyAuditChain(db: Kysely<RecordsDb>, batch = 2000): Promise<VerifyResult> {
  const { chains, disposed } = await chainEnds(db)
  const stranger = chains.find(
    (c) => !Number.isInteger(c.chain) || c.chain < 0 || c.chain >= AUDIT_CHAINS,
  )
  if (stranger !== undefined)
    return {
      ok: false,
      entries: 0,
      seq: stranger.first?.seq ?? 0,
      chain: stranger.chain,
      problem: 'changed',
      message: `there are entries in chain ${stranger.chain}, which Carrel never writes (it writes chains 0 to ${AUDIT_CHAINS - 1})`,
    }
  const heads = unaccountedHeads(chains, disposed)
  if (heads !== undefined) return heads
  const counted = { entries: 0 }
  for (const ends of chains) {
    const failure = await walkChain(db, ends, batch, counted)
    if (failure !== undefined) return failure
  }
  return { ok: true, entries: counted.entries }
}
