// The audit log's pages at their edges (P9): the cursors to the neighbouring pages are given
// exactly when there are entries there, walking back or forward, on full, partly full and empty
// pages, and entries that are not the filter's never count.
import { expect, it } from 'vitest'
import { getPatron } from '../../src/patrons/patron.service.js'
import { searchAudit } from '../../src/privacy/audit.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('paging the audit log at its edges', (env) => {
  it('points to older and newer pages only when there are entries there', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const reader = await staffActor(ctx, 'librarian')
    const other = await staffActor(ctx, 'circulation')
    const p = await lib.patron()
    // Six entries of the reader's, each with another's entry between, so no two are adjacent.
    for (let i = 0; i < 6; i++) {
      await getPatron(ctx, reader, p.id)
      await getPatron(ctx, other, p.id)
    }
    const page = (cursor: { before?: number; after?: number }) =>
      searchAudit(ctx, officer, { staffId: reader.id, limit: 3, ...cursor })
    const all = (await searchAudit(ctx, officer, { staffId: reader.id })).entries.map((e) => e.seq)
    expect(all).toHaveLength(6)
    const seqs = (p: { entries: { seq: number }[] }) => p.entries.map((e) => e.seq)

    // Walking back: a full page with more behind it, then one with exactly a page left.
    const first = await page({})
    expect([seqs(first), first.older, first.newer]).toEqual([all.slice(0, 3), all[2], undefined])
    const second = await page({ before: first.older })
    expect([seqs(second), second.older, second.newer]).toEqual([all.slice(3), undefined, all[3]])
    // Before the oldest: empty, pointing just below it so that the next page forward starts there.
    const oldest = all[5] ?? 0
    const beyond = await page({ before: oldest })
    expect([seqs(beyond), beyond.older, beyond.newer]).toEqual([[], undefined, oldest - 1])
    expect(seqs(await page({ after: beyond.newer }))).toEqual(all.slice(3))
    // Before a number past the newest: the newest page, with nothing newer.
    const top = await page({ before: 2 ** 40 })
    expect([seqs(top), top.older, top.newer]).toEqual([all.slice(0, 3), all[2], undefined])

    // Walking forward: from the start, the oldest page with more after it and nothing before.
    const start = await page({ after: 0 })
    expect([seqs(start), start.older, start.newer]).toEqual([all.slice(3), undefined, all[3]])
    // Exactly a page left after it: nothing newer.
    const end = await page({ after: start.newer })
    expect([seqs(end), end.older, end.newer]).toEqual([all.slice(0, 3), all[2], undefined])
    // After the newest: empty, pointing just above it so that the next page back starts there.
    const newest = all[0] ?? 0
    const past = await page({ after: newest })
    expect([seqs(past), past.older, past.newer]).toEqual([[], newest + 1, undefined])
    expect(seqs(await page({ before: past.older }))).toEqual(all.slice(0, 3))
  })
})
