import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { deviceByToken } from '../../src/computers/computer-registry.service.js'
import { startSession } from '../../src/computers/sessions.service.js'
import { demoComputerToken, seedDemoComputers } from '../../src/demo/demo-computers.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { outcome } from '../harness/interleave.js'
import { cardHolder, PIN } from './computer-fixtures.js'

describeEngines('demo library: public computers that work', (env) => {
  it('adds computers with published credentials, and rules that keep adults and children apart', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    expect(await seedDemoComputers(ctx, SYSTEM_ACTOR)).toBe(7 + 4)
    const adultPc = await deviceByToken(ctx, demoComputerToken('main', 'adult', 1))
    const kidsPc = await deviceByToken(ctx, demoComputerToken('east', 'children', 1))
    if (adultPc === undefined || kidsPc === undefined) throw new Error('demo computers missing')
    const adult = await cardHolder(ctx)
    const child = await cardHolder(ctx, { category: 'child', birthDate: '2016-05-02' })
    const card = (p: { barcode: string }) =>
      ({ kind: 'card', barcode: p.barcode, pin: PIN }) as const
    expect(await outcome(startSession(ctx, kidsPc, card(adult)))).toMatch(/^NOT_ALLOWED/)
    expect(await outcome(startSession(ctx, adultPc, card(child)))).toMatch(/^NOT_ALLOWED/)
    expect((await startSession(ctx, adultPc, card(adult))).minutesLeft).toBe(60)
    expect((await startSession(ctx, kidsPc, card(child))).minutesLeft).toBe(45)
  })
})
