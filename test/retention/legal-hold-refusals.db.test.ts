// A legal hold stops purges of exactly one thing (P5): one record series of the schedule, or
// everything about one patron. A hold that names both, neither, or a series the schedule does
// not have is refused, and nothing is stored or audited.
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { liftLegalHold, placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** A message (or other string) containing these words; typed for use inside toMatchObject. */
const says = (words: RegExp): unknown => expect.stringMatching(words)

const stored = async (ctx: AppContext) => ({
  holds: (await ctx.db.selectFrom('legal_holds').select('id').execute()).length,
  audited: (
    await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'legal_hold.place')
      .execute()
  ).length,
})

describeEngines('legal holds refused (P5)', (env) => {
  it('refuses a hold that names both a series and a patron, or neither', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await lib.patron()
    const before = await stored(ctx)
    for (const scope of [{ series: 'notices', patronId: p.id }, {}])
      await expect(
        placeLegalHold(ctx, officer, { ...scope, reason: 'Pending litigation' }),
        JSON.stringify(scope),
      ).rejects.toMatchObject({
        kind: 'validation',
        code: 'ONE_SCOPE',
        message: says(/either one record series or one patron/),
      })
    expect(await stored(ctx)).toEqual(before)
    // Either one alone is taken.
    await placeLegalHold(ctx, officer, { series: 'notices', reason: 'Pending litigation' })
    await placeLegalHold(ctx, officer, { patronId: p.id, reason: 'Pending litigation' })
    expect(await stored(ctx)).toEqual({ holds: before.holds + 2, audited: before.audited + 2 })
  })

  it('refuses a hold on a series the retention schedule does not have', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const before = await stored(ctx)
    for (const series of ['tea-breaks', 'toString', '__proto__'])
      await expect(
        placeLegalHold(ctx, officer, { series, reason: 'Pending litigation' }),
        series,
      ).rejects.toMatchObject({
        kind: 'validation',
        code: 'UNKNOWN_SERIES',
        message: says(/No such record series/),
      })
    expect(await stored(ctx)).toEqual(before)
  })

  it('lifts a hold once, and answers "no such legal hold" to an unknown one', async () => {
    const { ctx } = env()
    const officer = await staffActor(ctx, 'privacy_officer')
    const lifts = async () =>
      (
        await ctx.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'legal_hold.lift')
          .execute()
      ).length
    const before = await lifts()
    await expect(
      liftLegalHold(ctx, officer, '0190f1a2-0000-7000-8000-000000000000'),
    ).rejects.toMatchObject({
      kind: 'not_found',
      code: 'LEGAL_HOLD_NOT_FOUND',
      message: says(/No such legal hold/),
    })
    const { id } = await placeLegalHold(ctx, officer, {
      series: 'notices',
      reason: 'Pending litigation',
    })
    await liftLegalHold(ctx, officer, id)
    const lifted = await ctx.db
      .selectFrom('legal_holds')
      .select(['lifted_at', 'lifted_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    await expect(liftLegalHold(ctx, officer, id)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'LEGAL_HOLD_LIFTED',
      message: says(/already lifted/),
    })
    // The first lifting stands, recorded once.
    expect(
      await ctx.db
        .selectFrom('legal_holds')
        .select(['lifted_at', 'lifted_by'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual(lifted)
    expect(await lifts()).toBe(before + 1)
  })
})
