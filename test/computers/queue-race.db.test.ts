// The waiting list under concurrency, decided by the database: two joins at once never share a
// ticket number, one patron joining twice at once gets one place, and two computers calling at
// once call two different people.
import pg from 'pg'
import { expect, it } from 'vitest'
import { callNext, reservationFor } from '../../src/computers/queue.service.js'
import { joinQueue } from '../../src/computers/queue-join.js'
import type { AppContext } from '../../src/context.js'
import { describeEngines } from '../harness/engines.js'
import { describePostgresOnly, lockHolder, outcome } from '../harness/interleave.js'
import { computerFixtures, PIN } from './queue-fixtures.js'

const MORNING = '2026-01-15T16:00:00.000Z'
const DAY = '2026-01-15'

const join = (ctx: AppContext, groupId: string, p: { barcode: string }) =>
  joinQueue(ctx, { groupId, barcode: p.barcode, pin: PIN })

const tickets = async (ctx: AppContext, groupId: string) =>
  (
    await ctx.db
      .selectFrom('computer_queue')
      .select('ticket')
      .where('group_id', '=', groupId)
      .orderBy('ticket')
      .execute()
  ).map((r) => r.ticket)

describeEngines('joins at the same time', (env) => {
  it('each gets its own number, with no gap and no repeat', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    await f.occupy((await f.computer(group)).id)
    const people = await Promise.all(Array.from({ length: 6 }, () => f.patron()))
    const other = env().engine === 'postgres' ? await env().reopen() : ctx
    const got = await Promise.all(people.map((p, i) => join(i % 2 ? ctx : other, group.id, p)))
    expect(got.map((t) => t.ticket).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describePostgresOnly('the waiting list, interleaved [postgres only]', (env) => {
  it('[postgres only] two joins held at the ticket counter both wait on its row, then take the next two numbers', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    await f.occupy((await f.computer(group)).id)
    const [a, b, c] = [await f.patron(), await f.patron(), await f.patron()]
    expect((await join(ctx, group.id, a)).ticket).toBe(1)
    const locks = await lockHolder(env())
    const counter = new pg.Client({ connectionString: env().databaseUrl })
    await counter.connect()
    try {
      await counter.query('begin')
      await counter.query(
        'select last_ticket from computer_queue_tickets where branch = $1 and day = $2 for update',
        ['main', DAY],
      )
      const first = join(ctx, group.id, b)
      const second = join(ctx, group.id, c)
      await locks.waiting(2)
      await counter.query('commit')
      expect([(await first).ticket, (await second).ticket].sort()).toEqual([2, 3])
    } finally {
      await counter.end()
      await locks.end()
    }
    expect(await tickets(ctx, group.id)).toEqual([1, 2, 3])
  })

  it('[postgres only] one patron joining twice at once: both pass the check, the unique index keeps one place', async () => {
    const { ctx } = env()
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    await f.occupy((await f.computer(group)).id)
    const p = await f.patron()
    const other = await env().reopen()
    await join(ctx, group.id, await f.patron()) // the counter row exists to be held
    const locks = await lockHolder(env())
    const counter = new pg.Client({ connectionString: env().databaseUrl })
    await counter.connect()
    try {
      await counter.query('begin')
      await counter.query(
        'select last_ticket from computer_queue_tickets where branch = $1 and day = $2 for update',
        ['main', DAY],
      )
      const first = outcome(join(ctx, group.id, p))
      const second = outcome(join(other, group.id, p))
      await locks.waiting(2)
      await counter.query('commit')
      const results = [await first, await second].map((r) => r.split(':')[0])
      expect(results.sort()).toEqual(['ALREADY_IN_QUEUE', 'done'])
    } finally {
      await counter.end()
      await locks.end()
    }
    const places = await ctx.db
      .selectFrom('computer_queue')
      .select('ticket')
      .where('patron_id', '=', p.id)
      .execute()
    expect(places).toHaveLength(1)
  })

  it('[postgres only] a call passes over a place another call has locked, so two computers call two people', async () => {
    const { ctx } = env()
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    const [pc1, pc2] = [await f.computer(group, 'PC-1'), await f.computer(group, 'PC-2')]
    await f.occupy(pc1.id)
    await f.occupy(pc2.id)
    const [a, b] = [await f.patron(), await f.patron()]
    const ta = await join(ctx, group.id, a)
    const tb = await join(ctx, group.id, b)
    await f.free(pc1.id)
    await f.free(pc2.id)
    const entry = new pg.Client({ connectionString: env().databaseUrl })
    await entry.connect()
    try {
      // Another call holds A's place, as a callNext does between choosing it and committing.
      await entry.query('begin')
      await entry.query('select id from computer_queue where patron_id = $1 for update', [a.id])
      await callNext(ctx, pc1.id)
      expect(await reservationFor(ctx.db, pc1.id, ctx.clock.now())).toMatchObject({
        ticket: tb.ticket,
      })
      await entry.query('rollback')
    } finally {
      await entry.end()
    }
    await callNext(ctx, pc2.id)
    expect(await reservationFor(ctx.db, pc2.id, ctx.clock.now())).toMatchObject({
      ticket: ta.ticket,
    })
  })
})
