// The computer waiting list on both engines with a moved clock: joining with card and PIN, the
// next person called when a computer comes free, a no-show timed out and the next called, and
// nothing of the list left once the day is over.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY, MINUTE } from '../../src/clock.js'
import { setCardStatus } from '../../src/patrons/card.service.js'
import {
  callNext,
  consumeReservation,
  expireCalls,
  reservationFor,
  sweepComputerQueue,
  waitingCount,
} from '../../src/computers/queue.service.js'
import { joinQueue, leaveQueue } from '../../src/computers/queue-join.js'
import { placeOf, queueDisplay } from '../../src/computers/queue-views.js'
import { computerEvents } from '../../src/computers/computer-events.js'
import { newId } from '../../src/ids.js'
import { loadPatronCipher } from '../../src/privacy/field-cipher.js'
import { describeEngines } from '../harness/engines.js'
import { computerFixtures, PIN } from './queue-fixtures.js'

const MORNING = '2026-01-15T16:00:00.000Z' // 10:00 in Chicago, the default time zone

const join = (
  ctx: Parameters<typeof joinQueue>[0],
  groupId: string,
  p: { barcode: string },
  pin = PIN,
) => joinQueue(ctx, { groupId, barcode: p.barcode, pin }, { address: '203.0.113.7' })

describeEngines('computer waiting list', (env) => {
  it('hands out tickets in order per branch and day, and a patron holds one place per branch', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const adult = await f.group('main')
    const kids = await f.group('main')
    const pc = await f.computer(adult)
    await f.occupy(pc.id)
    const [a, b, c] = [await f.patron(), await f.patron(), await f.patron()]
    const first = await join(ctx, adult.id, a)
    const second = await join(ctx, kids.id, b)
    const third = await join(ctx, adult.id, c)
    expect([first.ticket, second.ticket, third.ticket]).toEqual([1, 2, 3])
    expect(await waitingCount(ctx.db, 'main', adult.id)).toBe(2)
    expect(await placeOf(ctx, 'main', 3)).toMatchObject({ position: 2, status: 'waiting' })
    expect(await placeOf(ctx, 'main', 2)).toMatchObject({ position: 1, groupName: kids.name })

    await expect(join(ctx, kids.id, a)).rejects.toMatchObject({ code: 'ALREADY_IN_QUEUE' })
    await expect(join(ctx, adult.id, a, '0000')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    await expect(join(ctx, newId(), a)).rejects.toMatchObject({ code: 'COMPUTER_GROUP_NOT_FOUND' })
    expect(await waitingCount(ctx.db, 'main', kids.id)).toBe(1)

    // Another branch has its own numbers and its own place for the same patron.
    const east = await f.group('east')
    await f.occupy((await f.computer(east)).id)
    expect((await join(ctx, east.id, a)).ticket).toBe(1)
  })

  it('refuses a category the rules keep off a group, and a card that cannot be used', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const kids = await f.group('main', 'children')
    await f.occupy((await f.computer(kids)).id)
    await ctx.db
      .insertInto('computer_rules')
      .values([
        {
          id: newId(),
          group_code: 'children',
          category: '*',
          allowed: 0,
          daily_minutes: 60,
          session_minutes: 30,
          extension_minutes: 0,
        },
        {
          id: newId(),
          group_code: 'children',
          category: 'child',
          allowed: 1,
          daily_minutes: 60,
          session_minutes: 30,
          extension_minutes: 0,
        },
      ])
      .execute()
    const grown = await f.patron({ category: 'adult' })
    const child = await f.patron({ category: 'child' })
    await expect(join(ctx, kids.id, grown)).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
    expect((await join(ctx, kids.id, child)).ticket).toBeGreaterThan(0)

    const lost = await f.patron()
    await setCardStatus(ctx, SYSTEM_ACTOR, lost.barcode, 'lost')
    await expect(join(ctx, kids.id, lost)).rejects.toMatchObject({ code: 'CARD_NOT_USABLE' })
    expect(await waitingCount(ctx.db, 'main', kids.id)).toBe(1)
  })

  it('calls the next person to a computer that comes free; a no-show times out and the next is called', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('north')
    const pc = await f.computer(group, 'PC-07')
    await f.occupy(pc.id)
    const [a, b] = [await f.patron(), await f.patron()]
    const ta = await join(ctx, group.id, a)
    const tb = await join(ctx, group.id, b)

    await callNext(ctx, pc.id)
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toBeUndefined()

    const reserved: string[] = []
    const stop = computerEvents.subscribe(pc.id, (e) => reserved.push(e.type))
    await f.free(pc.id)
    await callNext(ctx, pc.id)
    stop()
    expect(reserved).toEqual(['reserved'])
    const until = new Date(Date.parse(MORNING) + 10 * MINUTE).toISOString()
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toMatchObject({
      ticket: ta.ticket,
      patronId: a.id,
      until,
    })
    expect(await waitingCount(ctx.db, 'north', group.id)).toBe(1)
    expect(await placeOf(ctx, 'north', tb.ticket)).toMatchObject({ position: 1 })
    expect(await queueDisplay(ctx, 'north')).toEqual({
      called: [{ ticket: ta.ticket, computerName: 'PC-07', until }],
      waiting: [{ groupName: group.name, count: 1 }],
    })
    // A second call for the same computer does not take another person while the first holds it.
    await callNext(ctx, pc.id)
    expect(await waitingCount(ctx.db, 'north', group.id)).toBe(1)

    clock.advance(9 * MINUTE)
    expect(await expireCalls(ctx)).toBe(0)
    clock.advance(1 * MINUTE)
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toBeUndefined()
    expect(await expireCalls(ctx)).toBe(1)
    expect(await placeOf(ctx, 'north', ta.ticket)).toBeUndefined()
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toMatchObject({
      ticket: tb.ticket,
      patronId: b.id,
    })

    // B signs in (pc's startSession consumes the call in its transaction): the place is gone.
    const held = await reservationFor(ctx.db, pc.id, clock.now())
    await ctx.db.transaction().execute((tx) => consumeReservation(tx, held?.entryId ?? ''))
    expect(await placeOf(ctx, 'north', tb.ticket)).toBeUndefined()
    expect(
      await ctx.db
        .selectFrom('computer_queue')
        .select('id')
        .where('group_id', '=', group.id)
        .execute(),
    ).toEqual([])
  })

  it('calls at once someone who joins while a computer stands free; leaving a call offers it on', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    const pc = await f.computer(group)
    const [a, b] = [await f.patron(), await f.patron()]
    const ta = await join(ctx, group.id, a)
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toMatchObject({ ticket: ta.ticket })
    expect(await placeOf(ctx, 'main', ta.ticket)).toMatchObject({
      status: 'called',
      position: 0,
      computerName: pc.name,
    })
    const tb = await join(ctx, group.id, b)
    expect(await placeOf(ctx, 'main', tb.ticket)).toMatchObject({ status: 'waiting', position: 1 })

    await expect(
      leaveQueue(ctx, { branch: 'main', barcode: a.barcode, pin: '9999' }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    await leaveQueue(ctx, { branch: 'main', barcode: a.barcode, pin: PIN })
    expect(await reservationFor(ctx.db, pc.id, clock.now())).toMatchObject({ ticket: tb.ticket })
    await expect(
      leaveQueue(ctx, { branch: 'main', barcode: a.barcode, pin: PIN }),
    ).rejects.toMatchObject({ code: 'NOT_IN_QUEUE' })
  })

  it('keeps nothing past the day: the sweep deletes every place and counter, and numbers start again', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-20T22:00:00.000Z')
    const f = computerFixtures(ctx)
    const group = await f.group('west')
    await f.occupy((await f.computer(group)).id)
    const a = await f.patron()
    const b = await f.patron()
    await join(ctx, group.id, a)
    await join(ctx, group.id, b)
    expect(await sweepComputerQueue(ctx)).toBe(0)

    clock.advance(DAY)
    expect(await placeOf(ctx, 'west', 1)).toBeUndefined()
    expect(await sweepComputerQueue(ctx)).toBe(2)
    const left = await ctx.db
      .selectFrom('computer_queue_tickets')
      .select('day')
      .where('branch', '=', 'west')
      .execute()
    expect(left).toEqual([])
    // Yesterday's place is no obstacle, and today's numbers start at 1.
    expect((await join(ctx, group.id, a)).ticket).toBe(1)
  })

  it('keeps the initial sealed under the patron key, never in clear', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const f = computerFixtures(ctx)
    const group = await f.group('main')
    await f.occupy((await f.computer(group)).id)
    const a = await f.patron({ givenName: 'Zelda' })
    await join(ctx, group.id, a)
    const row = await ctx.db
      .selectFrom('computer_queue')
      .selectAll()
      .where('patron_id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(row.initial_enc).toMatch(/^v1\.[A-Za-z0-9_-]{20,}$/)
    const cipher = await loadPatronCipher(ctx.keys, ctx.keyring, a.id)
    expect(cipher?.decrypt('queue_initial', row.initial_enc)).toBe('Z')
    expect(JSON.stringify(row)).not.toContain(a.barcode)
  })
})
