// After a sweep, compaction makes deleted rows unreadable in the files (P3, §5 Linkability).
// When it cannot finish — a reader holds the SQLite WAL, a PostgreSQL table stays locked — the
// operator is warned that deleted rows may still be readable, with what was left and why; a
// table that does not exist is no such case, and a clean run is only reported as done.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { SQLITE_FILES } from '../../src/db/database.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { compactAfterSweep } from '../../src/privacy/retention/compaction.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'

/** A message (or other string) containing these words; typed for use inside toMatchObject. */
const says = (words: RegExp): unknown => expect.stringMatching(words)

interface LogLine {
  level: number
  msg: string
  compaction?: { skipped: { name: string; reason: string }[]; checkpointed: boolean }
}
const WARN = 40
const INFO = 30

/** Compaction on this env's stores, with a logger that keeps what it wrote. */
async function compact(env: TestEnv) {
  const lines: LogLine[] = []
  const logger = pino(
    { level: 'info' },
    { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) },
  )
  const result = await compactAfterSweep({ ...env.ctx, logger })
  return { result, lines }
}

/**
 * Runs `during` while another connection holds what compaction needs: on SQLite a reader's
 * open snapshot of the records WAL, on PostgreSQL a lock on the notice outbox.
 */
async function whileHeld<T>(env: TestEnv, during: () => Promise<T>): Promise<T> {
  const { ctx } = env
  // Something in the WAL (SQLite) and in the table (PostgreSQL) to compact.
  await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
  if (env.engine === 'sqlite') {
    const reader = new Database(join(env.dataDir, SQLITE_FILES.records), { readonly: true })
    try {
      reader.exec('begin')
      reader.prepare('select count(*) from audit_log').get()
      return await during()
    } finally {
      reader.exec('commit')
      reader.close()
    }
  }
  let release = () => {}
  const released = new Promise<void>((r) => (release = r))
  let locked = () => {}
  const isLocked = new Promise<void>((r) => (locked = r))
  const holder = ctx.db.transaction().execute(async (trx) => {
    await sql`lock table notice_outbox in access share mode`.execute(trx)
    locked()
    await released
  })
  await isLocked
  try {
    return await during()
  } finally {
    release()
    await holder
  }
}

describeEngines('compaction after a sweep (P3)', (env) => {
  it('warns that deleted rows may still be readable when compaction had to leave something', async () => {
    const { result, lines } = await whileHeld(env(), () => compact(env()))
    const left =
      env().engine === 'sqlite'
        ? { name: 'records', reason: says(/reader held the WAL/) }
        : { name: 'records.notice_outbox', reason: says(/lock timeout/) }
    expect(result.skipped).toEqual([left])
    if (env().engine === 'sqlite') expect(result.checkpointed).toBe(false)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: WARN,
      msg: says(/deleted rows may still be readable/),
      compaction: { skipped: [left] },
    })
  })

  it('reports a run that left nothing as done, without the warning', async () => {
    const { result, lines } = await compact(env())
    expect(result.skipped).toEqual([])
    // SQLite: both WALs emptied. PostgreSQL: the tests' server lets CHECKPOINT run.
    expect(result.checkpointed).toBe(true)
    expect(result.done).toEqual(
      env().engine === 'sqlite'
        ? ['records', 'keys']
        : expect.arrayContaining(['records.fees', 'records.items', 'keys.patron_keys']),
    )
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: INFO,
      msg: says(/freed space cleared/),
      compaction: { skipped: [] },
    })
  })

  it('skips a table that does not exist without warning, naming it by its store', async () => {
    const { ctx, engine } = env()
    // A store migrated before the table existed: nothing in it can hold a forgotten row.
    await sql`drop table patron_requests`.execute(ctx.db)
    const { result, lines } = await compact(env())
    expect(result.skipped).toEqual(
      engine === 'sqlite' ? [] : [{ name: 'records.patron_requests', reason: 'no such table' }],
    )
    expect(result.done).toEqual(
      engine === 'sqlite'
        ? ['records', 'keys']
        : expect.arrayContaining(['records.loans', 'records.notice_outbox', 'keys.patron_keys']),
    )
    expect(lines.map((l) => l.level)).toEqual([INFO])
  })
})
