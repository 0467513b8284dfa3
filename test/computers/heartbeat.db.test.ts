import { beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { SEEN_EVERY_MS } from '../../src/computers/computer-seen.js'
import { sendMessage, sessionStatus } from '../../src/computers/sessions.service.js'
import { describeEngines } from '../harness/engines.js'
import { computerGroup } from './computer-fixtures.js'

const MORNING = '2026-01-15T16:00:00.000Z'

describeEngines('computers: the heartbeat', (env) => {
  beforeEach(() => env().clock.set(MORNING))

  const lastSeen = async (id: string) =>
    (
      await env()
        .ctx.db.selectFrom('computers')
        .select('last_seen_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).last_seen_at

  it('records when a computer was last seen, at most once in each interval', async () => {
    const { ctx, clock } = env()
    const [pc] = (await computerGroup(ctx, { computers: 1 })).devices
    if (pc === undefined) throw new Error('no computer')
    expect(await lastSeen(pc.id)).toBeNull()
    await sessionStatus(ctx, pc)
    expect(await lastSeen(pc.id)).toBe(MORNING)
    clock.advance(SEEN_EVERY_MS - 1000)
    await sessionStatus(ctx, pc)
    expect(await lastSeen(pc.id)).toBe(MORNING)
    clock.advance(1000)
    await sessionStatus(ctx, pc)
    expect(await lastSeen(pc.id)).toBe(new Date(Date.parse(MORNING) + SEEN_EVERY_MS).toISOString())
  })

  it('hands each staff message over once, oldest first, even to two heartbeats at once', async () => {
    const { ctx, clock } = env()
    const [pc] = (await computerGroup(ctx, { computers: 1 })).devices
    if (pc === undefined) throw new Error('no computer')
    await sendMessage(ctx, SYSTEM_ACTOR, { computerId: pc.id }, 'First')
    clock.advance(1000)
    await sendMessage(ctx, SYSTEM_ACTOR, { computerId: pc.id }, 'Second')
    const [a, b] = await Promise.all([sessionStatus(ctx, pc), sessionStatus(ctx, pc)])
    expect([...(a?.messages ?? []), ...(b?.messages ?? [])].sort()).toEqual(['First', 'Second'])
    expect([a?.messages, b?.messages]).toContainEqual(['First', 'Second'])
    expect((await sessionStatus(ctx, pc)).messages).toEqual([])
  })
})
