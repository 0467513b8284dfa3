// The retention schedule's inquiry series: answered or closed questions go a set time after
// that day, never-answered ones a longer time after they were sent; a public question's own key
// is destroyed first, and each run that disposed of something leaves a disposal record.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { closeInquiry } from '../../src/comms/inquiry-desk.js'
import { inquiryKeyId } from '../../src/comms/inquiry-keys.js'
import { submitOwnInquiry, submitPublicInquiry } from '../../src/comms/inquiry-submit.js'
import type { AppContext } from '../../src/context.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { libraryHelpers } from '../harness/library.js'

const AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s) => [
    s,
    { application: '26-022', item: s },
  ]),
)

const QUESTION = 'Do you hold the 1911 Thornton plat maps of Quillfeather Lane?'

async function askPublic(ctx: AppContext, clock: { advance(ms: number): void }): Promise<string> {
  clock.advance(1000)
  await submitPublicInquiry(ctx, { question: QUESTION, replyBy: 'desk', language: 'en' })
  const row = await ctx.db
    .selectFrom('inquiries')
    .select('id')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  return row.id
}

async function hasKey(ctx: AppContext, id: string): Promise<boolean> {
  const row = await ctx.keys
    .selectFrom('patron_keys')
    .select('patron_id')
    .where('patron_id', '=', inquiryKeyId(id))
    .executeTakeFirst()
  return row !== undefined
}

describeEngines(
  'inquiries: the retention sweep',
  (env) => {
    it('erases closed questions after the period and never-answered ones after the longer one, destroying their keys, with a disposal record', async () => {
      const { ctx, clock } = env()
      const librarian = await staffActor(ctx, 'librarian')
      const ask = () => askPublic(ctx, clock)
      const closed = await ask()
      await closeInquiry(ctx, librarian, closed)
      clock.advance(DAY)
      const waiting = await ask()
      const sentOn = clock.now().toISOString().slice(0, 10)

      // 20 days on: nothing is due yet (30 after closing, 180 after sending).
      clock.advance(20 * DAY)
      await runRetention(ctx, SYSTEM_ACTOR)
      expect(await hasKey(ctx, closed)).toBe(true)

      // 32 days after closing: the closed one goes, key first; the open one stays.
      clock.advance(12 * DAY)
      const run = await runRetention(ctx, SYSTEM_ACTOR)
      expect(run.find((r) => r.series === 'inquiries')?.disposed).toBe(1)
      expect(await hasKey(ctx, closed)).toBe(false)
      const left = await ctx.db.selectFrom('inquiries').select('id').execute()
      expect(left.map((r) => r.id)).toEqual([waiting])
      const record = await ctx.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', '=', 'inquiries')
        .executeTakeFirstOrThrow()
      expect(record).toMatchObject({ count: 1, method: 'crypto-shred' })
      expect(record.covered_from).toMatch(/^\d{4}-\d{2}-\d{2}$/)

      // 181 days after it was sent, the one never answered goes too.
      clock.advance(150 * DAY)
      const later = await runRetention(ctx, SYSTEM_ACTOR)
      expect(later.find((r) => r.series === 'inquiries-unanswered')?.disposed).toBe(1)
      expect(await hasKey(ctx, waiting)).toBe(false)
      expect(await ctx.db.selectFrom('inquiries').select('id').execute()).toEqual([])
      // A question never answered is dated by the day it was sent.
      expect(
        await ctx.db
          .selectFrom('disposal_records')
          .select(['covered_from', 'covered_to'])
          .where('series', '=', 'inquiries-unanswered')
          .executeTakeFirstOrThrow(),
      ).toEqual({ covered_from: sentOn, covered_to: sentOn })
    })

    it('spares a held patron’s questions and one closed on the cutoff day, and records the days closed of what it destroyed', async () => {
      const { ctx, clock } = env()
      const librarian = await staffActor(ctx, 'librarian')
      const officer = await staffActor(ctx, 'privacy_officer')
      const lib = libraryHelpers(ctx)
      const patron = async (): Promise<Actor> => ({ type: 'patron', id: (await lib.patron()).id })
      const [first, second, edge, held] = [
        await patron(),
        await patron(),
        await patron(),
        await patron(),
      ]
      const day = () => clock.now().toISOString().slice(0, 10)
      const ask = async (who: Actor): Promise<string> => {
        clock.advance(1000)
        return submitOwnInquiry(ctx, who, { question: QUESTION, replyBy: 'desk', language: 'en' })
      }
      const [firstId, secondId, heldId, edgeId] = [
        await ask(first),
        await ask(second),
        await ask(held),
        await ask(edge),
      ]
      // Closed on later days than they were sent, and on three different days.
      clock.advance(2 * DAY)
      await closeInquiry(ctx, librarian, firstId)
      const firstClosed = day()
      clock.advance(DAY)
      await closeInquiry(ctx, librarian, secondId)
      await closeInquiry(ctx, librarian, heldId)
      const secondClosed = day()
      clock.advance(DAY)
      await closeInquiry(ctx, librarian, edgeId)
      await placeLegalHold(ctx, officer, { patronId: held.id, reason: 'Subpoena 26-114' })
      // Ids in the reverse order of the days closed, so the record's span cannot come from the
      // order the rows were read in.
      for (const [from, to] of [
        [firstId, 'ffffffff-ffff-4fff-8fff-ffffffffffff'],
        [secondId, '00000000-0000-4000-8000-000000000001'],
      ] as const)
        await ctx.db.updateTable('inquiries').set({ id: to }).where('id', '=', from).execute()

      // Exactly 30 days after the last was closed: its day is the cutoff day, not before it.
      clock.advance(30 * DAY)
      const due = await previewRetention(ctx, officer)
      expect(due.find((d) => d.series === 'inquiries')?.due).toBe(2)
      const run = await runRetention(ctx, SYSTEM_ACTOR)
      expect(run.find((r) => r.series === 'inquiries')?.disposed).toBe(2)
      const left = await ctx.db.selectFrom('inquiries').select('id').orderBy('id').execute()
      expect(left.map((r) => r.id).sort()).toEqual([heldId, edgeId].sort())
      const record = await ctx.db
        .selectFrom('disposal_records')
        .select(['count', 'covered_from', 'covered_to'])
        .where('series', '=', 'inquiries')
        .orderBy('ran_at', 'desc')
        .executeTakeFirstOrThrow()
      expect(record).toEqual({ count: 2, covered_from: firstClosed, covered_to: secondClosed })
    })
  },
  { retention: { authorities: AUTHORITIES }, inquiries: { keepClosedDays: 30 } },
)
