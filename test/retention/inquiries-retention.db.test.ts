// The retention schedule's inquiry series: answered or closed questions go a set time after
// that day, never-answered ones a longer time after they were sent; a public question's own key
// is destroyed first, and each run that disposed of something leaves a disposal record.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { closeInquiry } from '../../src/comms/inquiry-desk.js'
import { inquiryKeyId } from '../../src/comms/inquiry-keys.js'
import { submitPublicInquiry } from '../../src/comms/inquiry-submit.js'
import type { AppContext } from '../../src/context.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

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
    })
  },
  { retention: { authorities: AUTHORITIES }, inquiries: { keepClosedDays: 30 } },
)
