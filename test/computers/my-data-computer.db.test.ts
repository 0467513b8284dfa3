import { expect, it } from 'vitest'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import { logOff, startSession } from '../../src/computers/sessions.service.js'
import { myData, myDataCsv } from '../../src/patrons/self-service.js'
import { gatherRelease } from '../../src/privacy/legal/release.js'
import { describeEngines } from '../harness/engines.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

describeEngines('computers: what a patron and a court order can see of computer use', (env) => {
  it('shows the running session only, in My data and in a release, and nothing once it ended', async () => {
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const g = await computerGroup(ctx, { code: 'mine-a', computers: 1 })
    await rule(ctx, 'mine-a', '*', { session: 30 })
    const pc = g.devices[0] as ComputerDevice
    const p = await cardHolder(ctx)
    const me = { type: 'patron' as const, id: p.id }
    const section = async () =>
      (await myData(ctx, me)).sections.find((s) => s.what === 'Public computer session')
    const released = async () =>
      (await gatherRelease(ctx, p.id, { parts: ['computer_sessions'], fields: [] })).parts
        .computer_sessions

    await startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: PIN })
    const running = {
      computer: pc.name,
      branch: 'main',
      started_at: '2026-01-15T16:00:00.000Z',
      ends_at: '2026-01-15T16:30:00.000Z',
    }
    expect((await section())?.records).toEqual([running])
    expect(myDataCsv(await myData(ctx, me))).toContain(pc.name)
    expect(await released()).toEqual([running])

    await logOff(ctx, pc)
    expect((await section())?.records).toEqual([])
    expect(await released()).toEqual([])
  })
})
