import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import type { ComputerDevice } from '../../src/computers/computer-registry.service.js'
import {
  endSessionByStaff,
  extendSessionByStaff,
  lockScreen,
  logOff,
  sendMessage,
  sessionStatus,
  startSession,
  unlockScreen,
} from '../../src/computers/sessions.service.js'
import type { AppContext } from '../../src/context.js'
import { JOBS, runJob } from '../../src/jobs/scheduler.js'
import { saveBranch } from '../../src/library/library.service.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { outcome } from '../harness/interleave.js'
import {
  dumpEverything,
  permutationScore,
  shuffled,
  type Identities,
  type Target,
} from '../harness/linkage-attack.js'
import { cardHolder, computerGroup, PIN, rule } from './computer-fixtures.js'

const ALL_AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s, i) => [
    s,
    { application: '26-044', item: String(300 + i) },
  ]),
)
const PATRONS = 10
const ROUNDS = 4

async function identities(ctx: AppContext, computers: ComputerDevice[]): Promise<Identities> {
  const cards = await ctx.db.selectFrom('cards').select(['id', 'patron_id', 'barcode']).execute()
  const patrons = new Map<string, string[]>()
  for (const c of cards)
    patrons.set(c.patron_id, [...(patrons.get(c.patron_id) ?? [c.patron_id]), c.id, c.barcode])
  return { patrons, things: new Map(computers.map((c) => [c.id, { ids: [c.id, c.name] }])) }
}

describeEngines(
  'computers forget, against someone holding every file (P13)',
  (env) => {
    it('leaves nothing that pairs a patron with the computer they used, a day on', async () => {
      const { ctx, clock } = env()
      clock.set('2026-01-15T16:00:00.000Z')
      // Patrons registered long before the computers were set up.
      const patrons = []
      for (let i = 0; i < PATRONS; i++) patrons.push(await cardHolder(ctx))
      clock.advance(9 * 24 * 60 * MINUTE)
      await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
      const tag = randomBytes(2).toString('hex')
      const adult = await computerGroup(ctx, { code: `lnk-a${tag}`, computers: 3 })
      const east = await computerGroup(ctx, { branch: 'east', code: `lnk-e${tag}`, computers: 3 })
      await rule(ctx, `lnk-a${tag}`, '*', { daily: 300, session: 60, extension: 15 })
      await rule(ctx, `lnk-e${tag}`, '*', { daily: 300, session: 45, extension: 0 })
      const computers = [...adult.devices, ...east.devices]
      const desk = await staffActor(ctx, 'librarian')
      clock.advance(3 * 60 * MINUTE)

      const targets: Target[] = []
      const open: Target[] = []
      let during: ReturnType<typeof permutationScore> | undefined
      for (let round = 0; round < ROUNDS; round++) {
        const seated = shuffled(patrons, 13 + round).slice(0, computers.length)
        for (const [i, pc] of computers.entries()) {
          const p = seated[i]!
          // Some mistype their PIN first: the refusal is audited against them.
          if ((i + round) % 3 === 0)
            expect(
              await outcome(
                startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: '0000' }),
              ),
            ).toMatch(/^INVALID_CREDENTIALS/)
          clock.advance(41_000)
          await startSession(ctx, pc, { kind: 'card', barcode: p.barcode, pin: PIN })
          const target = { patron: p.id, thing: [pc.id], kind: 'loan' as const }
          targets.push(target)
          if (round === 0) open.push(target)
          clock.advance(2 * MINUTE + 13_000)
        }
        if (round === 0)
          during = permutationScore(
            open,
            await identities(ctx, computers),
            await dumpEverything(ctx),
          )
        // Staff act on some computers, by computer only; others lock and come back.
        await extendSessionByStaff(ctx, desk, computers[round % 6]!.id, 10)
        clock.advance(7 * MINUTE)
        await sendMessage(ctx, desk, { groupId: adult.groupId }, 'The library closes at eight')
        await lockScreen(ctx, computers[(round + 2) % 6]!, '4711')
        clock.advance(3 * MINUTE)
        await unlockScreen(ctx, computers[(round + 2) % 6]!, '4711')
        clock.advance(11 * MINUTE)
        await endSessionByStaff(ctx, desk, computers[(round + 3) % 6]!.id)
        for (const [i, pc] of computers.entries()) {
          clock.advance((5 + i) * MINUTE)
          await sessionStatus(ctx, pc)
          if (i % 2 === 0) await logOff(ctx, pc)
        }
        // The rest run out of time and the minute job ends (or extends, then ends) them.
        for (let m = 0; m < 90; m += 5) {
          clock.advance(5 * MINUTE)
          await runJob(
            ctx,
            JOBS.find((j) => j.name === 'computer-minute')!,
          )
        }
      }
      expect(during!.real).toBeGreaterThan(open.length * 0.9)
      expect(during!.p).toBeLessThan(0.01)

      // A day on: the jobs (the computer sweep, the retention sweep) run.
      clock.advance(25 * 60 * MINUTE)
      for (const job of JOBS) await runJob(ctx, job)
      expect(await ctx.db.selectFrom('computer_sessions').selectAll().execute()).toEqual([])

      const unique = [...new Map(targets.map((t) => [`${t.patron}|${t.thing[0]}`, t])).values()]
      const after = permutationScore(
        unique,
        await identities(ctx, computers),
        await dumpEverything(ctx),
      )
      console.info(
        `[${ctx.engine}] ${unique.length} patron–computer links a day on: attack ${after.real.toFixed(2)} expected right, ` +
          `shuffled control ${after.control.toFixed(2)} (p = ${after.p.toFixed(2)}); while open: ${during!.real.toFixed(2)} of ${open.length}`,
      )
      // No retained row names a patron with a computer, and no time ties the two.
      expect(after.tying.filter((j) => !j.startsWith('order:'))).toEqual([])
      expect(after.p).toBeGreaterThan(0)
      expect(after.real).toBeLessThan(after.control + 4)
    })
  },
  { retention: { authorities: ALL_AUTHORITIES } },
)
