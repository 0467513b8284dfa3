// Guest passes on both engines with a moved clock: a batch is good at its branch until closing
// that day, only a keyed hash of each code is stored, and unknown, expired, other-branch or in-use
// passes are refused alike.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import {
  createGuestPassBatch,
  createGuestPasses,
  redeemGuestPass,
  sweepGuestPasses,
} from '../../src/computers/guest-passes.service.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { addClosedDay } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { computerFixtures } from './queue-fixtures.js'

// Thursday 15 January 2026, 10:00 in Chicago; the branches close at 20:00 (02:00 UTC next day).
const MORNING = '2026-01-15T16:00:00.000Z'
const CLOSING = '2026-01-16T02:00:00.000Z'

async function openHours(ctx: AppContext, branch: string) {
  await computerFixtures(ctx).branch(branch)
  await saveBranchDetails(ctx, SYSTEM_ACTOR, branch, {
    address: '1 Main Street',
    phone: '708-555-0100',
    hours: [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [
      { weekday, opens: '09:00', closes: '12:00' },
      { weekday, opens: '13:00', closes: '20:00' },
    ]),
  })
}

const redeem = (ctx: AppContext, code: string, branch: string) =>
  ctx.db.transaction().execute((tx) => redeemGuestPass(tx, ctx, code, branch, ctx.clock.now()))

const passCount = async (ctx: AppContext) =>
  Number(
    (
      await ctx.db
        .selectFrom('guest_passes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describeEngines('guest passes', (env) => {
  let desk: Actor

  it('makes a batch good until the branch closes today, storing only a keyed hash of each code', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    await openHours(ctx, 'main')
    await openHours(ctx, 'east')
    desk = await staffActor(ctx, 'circulation')
    const batch = await createGuestPassBatch(ctx, desk, { branch: 'main', count: 3 })
    expect(batch).toMatchObject({ branch: 'main', validOn: '2026-01-15', expiresAt: CLOSING })
    const codes = batch.codes.map((c) => c.code)
    expect(new Set(codes).size).toBe(3)
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-8]{5}-[A-HJKMNP-Z2-8]{5}$/)
    const rows = await ctx.db.selectFrom('guest_passes').selectAll().execute()
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.expires_at).toBe(CLOSING)
      for (const code of codes) {
        expect(JSON.stringify(row)).not.toContain(code)
        expect(JSON.stringify(row)).not.toContain(code.replace('-', ''))
      }
    }
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['detail', 'patron_id'])
      .where('action', '=', 'guest_passes.issue')
      .execute()
    expect(audit).toEqual([
      { detail: JSON.stringify({ branch: 'main', count: 3 }), patron_id: null },
    ])

    // Typed by hand: case and dashes do not matter.
    const [first = '', second = ''] = codes
    const a = await redeem(ctx, first, 'main')
    const b = await redeem(ctx, second.toLowerCase().replace('-', ' '), 'main')
    expect(a.passId).not.toBe(b.passId)
    expect(rows.map((r) => r.id)).toContain(a.passId)
  })

  it('refuses an unknown code, another branch, a pass on a computer already, and every pass after closing', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const [code = '', other = ''] = await createGuestPasses(ctx, desk, {
      branch: 'main',
      count: 2,
    }).then((p) => p.map((x) => x.code))
    await expect(redeem(ctx, 'ABCDE-FGHJK', 'main')).rejects.toMatchObject({
      code: 'GUEST_PASS_INVALID',
    })
    await expect(redeem(ctx, 'x'.repeat(500), 'main')).rejects.toMatchObject({
      code: 'GUEST_PASS_INVALID',
    })
    await expect(redeem(ctx, code, 'east')).rejects.toMatchObject({ code: 'GUEST_PASS_INVALID' })

    const f = computerFixtures(ctx)
    const pc = await f.computer(await f.group('main'))
    const { passId } = await redeem(ctx, code, 'main')
    await f.occupy(pc.id, { guestPassId: passId })
    await expect(redeem(ctx, code, 'main')).rejects.toMatchObject({ code: 'GUEST_PASS_INVALID' })
    await f.free(pc.id)
    expect(await redeem(ctx, code, 'main')).toEqual({ passId })

    clock.set(new Date(Date.parse(CLOSING) - MINUTE))
    expect(await redeem(ctx, other, 'main')).toBeDefined()
    clock.set(CLOSING)
    await expect(redeem(ctx, other, 'main')).rejects.toMatchObject({ code: 'GUEST_PASS_INVALID' })
    await expect(redeem(ctx, code, 'main')).rejects.toMatchObject({ code: 'GUEST_PASS_INVALID' })
  })

  it('deletes passes once past closing, and keeps the day’s others', async () => {
    const { ctx, clock } = env()
    clock.set(CLOSING)
    const before = await passCount(ctx)
    expect(before).toBeGreaterThan(0)
    expect(await sweepGuestPasses(ctx)).toBe(before)
    clock.set('2026-01-16T16:00:00.000Z')
    await createGuestPasses(ctx, desk, { branch: 'east', count: 4 })
    expect(await sweepGuestPasses(ctx)).toBe(0)
    expect(await passCount(ctx)).toBe(4)
    clock.set('2026-01-17T02:00:00.000Z')
    expect(await sweepGuestPasses(ctx)).toBe(4)
    expect(await passCount(ctx)).toBe(0)
  })

  it('refuses a bad count, a closed day, a time after closing and a role without the desk right, writing nothing', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-18T16:00:00.000Z')
    const before = await passCount(ctx)
    for (const count of [0, 101, 2.5])
      await expect(createGuestPasses(ctx, desk, { branch: 'main', count })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    await expect(
      createGuestPasses(ctx, desk, { branch: 'nowhere', count: 1 }),
    ).rejects.toMatchObject({
      code: 'BRANCH_NOT_FOUND',
    })
    const officer = await staffActor(ctx, 'privacy_officer')
    await expect(
      createGuestPasses(ctx, officer, { branch: 'main', count: 1 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await addClosedDay(ctx, SYSTEM_ACTOR, { branch: 'main', date: '2026-01-18', note: 'Inventory' })
    await expect(createGuestPasses(ctx, desk, { branch: 'main', count: 1 })).rejects.toMatchObject({
      code: 'LIBRARY_CLOSED',
    })
    clock.set('2026-01-19T02:30:00.000Z') // 20:30 on the 18th in Chicago: east has closed too
    await expect(createGuestPasses(ctx, desk, { branch: 'east', count: 1 })).rejects.toMatchObject({
      code: 'LIBRARY_CLOSED',
    })
    expect(await passCount(ctx)).toBe(before)
  })
})
