// Re-applying the erasure journal to stores older than it, case by case: what each kind of entry
// finds in a restored store, which cutoff a series is swept to again, where catching up starts
// and what the report says (the whole backup-and-restore round is in backup-restore.db.test.ts).
import { randomBytes, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import {
  appendJournal,
  journalDir,
  readJournal,
  type JournalEntry,
} from '../../src/privacy/erasure-journal.js'
import { journalMark } from '../../src/privacy/journal-mark.js'
import { destroyPatronKey } from '../../src/privacy/field-cipher.js'
import { findWrappedKey, insertWrappedKey } from '../../src/privacy/keystore.repository.js'
import {
  catchUpWithJournal,
  describeReplay,
  entriesSince,
  replayJournal,
} from '../../src/privacy/retention/journal-replay.js'
import { placeLegalHold, liftLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { libraryHelpers } from '../harness/library.js'

const erasure = (patron: string): JournalEntry => ({
  id: randomUUID(),
  kind: 'erasure',
  day: '2026-12-01',
  patron,
})

const disposal = (series: string, cutoff: string): JournalEntry => ({
  id: randomUUID(),
  kind: 'disposal',
  day: cutoff.slice(0, 10),
  series,
  cutoff,
  authority: '24-017/9',
})

async function status(ctx: AppContext, id: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('patrons')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.status
}

async function pinFailuresLeft(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('pin_failures')
    .select('subject')
    .orderBy('subject')
    .execute()
  return rows.map((r) => r.subject)
}

describeEngines('re-applying the erasure journal', (env) => {
  it('erases again what the store still holds, and counts what it already lacks', async () => {
    const { ctx, clock } = env()
    const lib = libraryHelpers(ctx)
    const live = await lib.patron()
    const gone = await lib.patron()
    await erasePatron(ctx, SYSTEM_ACTOR, gone.id)
    // Erased in the records store, but the key store was copied before the key was destroyed.
    const stale = await lib.patron()
    const staleKey = await findWrappedKey(ctx.keys, stale.id)
    await erasePatron(ctx, SYSTEM_ACTOR, stale.id)
    await insertWrappedKey(ctx.keys, stale.id, staleKey ?? 'missing', clock.now().toISOString())
    // A key with no registration beside it: the key store was copied a moment after the
    // records store, while this patron was being registered.
    const halfway = randomUUID()
    // The other way round: the key is gone but the records store was copied before the row
    // was scrubbed.
    const keyless = await lib.patron()
    await destroyPatronKey(ctx.keys, keyless.id)
    const wrapped = await findWrappedKey(ctx.keys, live.id)
    await insertWrappedKey(ctx.keys, halfway, wrapped ?? 'missing', clock.now().toISOString())
    const never = randomUUID()

    const report = await replayJournal(ctx, [
      erasure(live.id),
      erasure(gone.id),
      erasure(stale.id),
      erasure(halfway),
      erasure(keyless.id),
      erasure(never),
      // The same patron twice in the journal is erased once.
      erasure(live.id),
    ])

    expect(report).toEqual({
      erased: [live.id, stale.id, halfway, keyless.id],
      alreadyErased: 1,
      notInBackup: 1,
      disposals: [],
    })
    expect(await status(ctx, live.id)).toBe('erased')
    expect(await findWrappedKey(ctx.keys, live.id)).toBeUndefined()
    expect(await findWrappedKey(ctx.keys, stale.id)).toBeUndefined()
    expect(await status(ctx, stale.id)).toBe('erased')
    expect(await findWrappedKey(ctx.keys, halfway)).toBeUndefined()
    expect(await status(ctx, halfway)).toBeUndefined()
    expect(await status(ctx, keyless.id)).toBe('erased')
  })

  it('sweeps each series once, to the latest cutoff the journal holds for it', async () => {
    const { ctx, clock } = env()
    const at = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString()
    await ctx.db
      .insertInto('pin_failures')
      .values([
        { id: randomBytes(8).toString('hex'), subject: 'a-five-days', failed_at: at(5) },
        { id: randomBytes(8).toString('hex'), subject: 'b-three-days', failed_at: at(3) },
        { id: randomBytes(8).toString('hex'), subject: 'c-an-hour', failed_at: at(1 / 24) },
      ])
      .execute()

    const report = await replayJournal(ctx, [
      disposal('pin-failures', at(4)),
      disposal('pin-failures', at(2)),
      // Older than the one before it: the later cutoff already covers it.
      disposal('pin-failures', at(6)),
      // Registrations are not swept again (each erased patron has an erasure entry), and a
      // series this version does not know is passed over.
      disposal('patron-registration', at(1)),
      disposal('no-such-series', at(1)),
    ])

    // Disposals name no patron: nothing is counted as erased or missing.
    expect(report).toEqual({
      erased: [],
      alreadyErased: 0,
      notInBackup: 0,
      disposals: [{ series: 'pin-failures', cutoff: at(2), disposed: 2 }],
    })
    expect(await pinFailuresLeft(ctx)).toEqual(['c-an-hour'])
  })

  it('catches up from the first line of the journal when the store has no mark yet', async () => {
    const { ctx, clock } = env()
    const lib = libraryHelpers(ctx)
    const patron = await lib.patron()
    // As a store restored from a backup taken before any erasure: no mark, and a journal whose
    // only line came after it.
    await ctx.db.deleteFrom('erasure_journal_mark').execute()
    rmSync(journalDir(ctx.config.dataDir), { recursive: true, force: true })
    // Written as if by another process whose erasure never committed here.
    const entry = await appendJournal(
      ctx.config.dataDir,
      { kind: 'erasure', patron: patron.id },
      clock.now(),
      30,
    )

    const report = await catchUpWithJournal(ctx)

    expect(report?.erased).toEqual([patron.id])
    expect(await status(ctx, patron.id)).toBe('erased')
    expect(await journalMark(ctx.db)).toBe(entry.id)
    // Level now: nothing more to do.
    expect(await catchUpWithJournal(ctx)).toBeUndefined()
  })

  it('catches up from the line after the mark, not from the start', async () => {
    const { ctx, clock } = env()
    const lib = libraryHelpers(ctx)
    await ctx.db.deleteFrom('erasure_journal_mark').execute()
    rmSync(journalDir(ctx.config.dataDir), { recursive: true, force: true })
    const [a, b, c] = [await lib.patron(), await lib.patron(), await lib.patron()]
    // Two erasures that committed, each moving the mark to its own line ...
    await erasePatron(ctx, SYSTEM_ACTOR, a.id)
    await erasePatron(ctx, SYSTEM_ACTOR, b.id)
    // ... and a third whose process stopped after writing its line, before committing.
    const last = await appendJournal(
      ctx.config.dataDir,
      { kind: 'erasure', patron: c.id },
      clock.now(),
      30,
    )

    expect(await catchUpWithJournal(ctx)).toEqual({
      erased: [c.id],
      alreadyErased: 0,
      notInBackup: 0,
      disposals: [],
    })
    expect(await status(ctx, c.id)).toBe('erased')
    expect(await journalMark(ctx.db)).toBe(last.id)
  })

  it('leaves a series under a legal hold alone, whatever the journal says', async () => {
    const { ctx, clock } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const old = new Date(clock.now().getTime() - 3 * DAY).toISOString()
    await ctx.db
      .insertInto('pin_failures')
      .values({ id: randomBytes(8).toString('hex'), subject: 'held-one', failed_at: old })
      .execute()
    const before = await pinFailuresLeft(ctx)
    const hold = await placeLegalHold(ctx, officer, {
      series: 'pin-failures',
      reason: 'Preservation letter 26-031',
    })
    try {
      const report = await replayJournal(ctx, [disposal('pin-failures', clock.now().toISOString())])
      expect(report.disposals).toEqual([
        { series: 'pin-failures', cutoff: clock.now().toISOString(), disposed: 0 },
      ])
      expect(await pinFailuresLeft(ctx)).toEqual(before)
    } finally {
      await liftLegalHold(ctx, officer, hold.id)
    }
  })

  it('writes one line to the journal for a sweep that takes several batches', async () => {
    const { clock } = env()
    const ctx = await env().reopen({
      retention: {
        batchSize: 100,
        authorities: { 'pin-failures': { application: '24-017', item: '9' } },
      },
    })
    try {
      const old = new Date(clock.now().getTime() - 3 * DAY).toISOString()
      await ctx.db
        .insertInto('pin_failures')
        .values(
          Array.from({ length: 250 }, (_, i) => ({
            id: randomBytes(8).toString('hex'),
            subject: `batch-${i}`,
            failed_at: old,
          })),
        )
        .execute()
      const before = (await readJournal(ctx.config.dataDir)).length
      const run = await runRetention(ctx, await staffActor(ctx, 'privacy_officer'))
      expect(run.find((r) => r.series === 'pin-failures')?.disposed).toBeGreaterThanOrEqual(250)
      const lines = (await readJournal(ctx.config.dataDir)).slice(before)
      expect(
        lines.filter((e) => e.kind === 'disposal' && e.series === 'pin-failures'),
      ).toHaveLength(1)
    } finally {
      await ctx.close()
    }
  })

  it('reports each kind of outcome in a line of its own', () => {
    expect(
      describeReplay({
        erased: ['p-1', 'p-2'],
        alreadyErased: 3,
        notInBackup: 4,
        disposals: [{ series: 'pin-failures', cutoff: '2026-12-01T00:00:00.000Z', disposed: 5 }],
      }),
    ).toEqual([
      'erased again: patron p-1',
      'erased again: patron p-2',
      'already erased in the backup: 3 patron(s)',
      'registered and erased after the backup: 4 patron(s), nothing to do',
      'swept again: pin-failures up to 2026-12-01T00:00:00.000Z: 5 record(s) disposed of',
    ])
    expect(describeReplay({ erased: [], alreadyErased: 0, notInBackup: 0, disposals: [] })).toEqual(
      [],
    )
  })
})

it('a restore re-applies the lines of the day its backup was taken and after, not before', () => {
  const lines = ['2026-11-30', '2026-12-01', '2026-12-02'].map((day) => ({
    ...erasure(randomUUID()),
    day,
  }))
  expect(entriesSince(lines, '2026-12-01')).toEqual(lines.slice(1))
})
