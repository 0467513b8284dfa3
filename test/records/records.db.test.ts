// Public records (P11; REQ-2.1–2.5): suggestions stored apart from borrower records with their
// senders' details sealed, exported redacted for a records request; the request's statutory
// clock over the library's closed days, its one extension, its denial; the retention series.
import { expect, it } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import { recordKeyId } from '../../src/records/record-keys.js'
import { recordsRequestCounts } from '../../src/records/records-counts.js'
import {
  decideRecordsRequest,
  extendRecordsRequest,
} from '../../src/records/records-request-decisions.js'
import {
  addOtherRecord,
  addSuggestionsToRequest,
  exemptionsCited,
  exportRequestRecords,
  listRequestItems,
} from '../../src/records/records-request-items.js'
import {
  getRecordsRequest,
  intakeRecordsRequest,
  listRecordsRequests,
  submitRecordsRequest,
} from '../../src/records/records-requests.service.js'
import {
  answerSuggestion,
  closeSuggestion,
  getSuggestion,
  listSuggestions,
  submitSuggestion,
} from '../../src/records/suggestions.service.js'
import { findWrappedKey } from '../../src/privacy/keystore.repository.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { maildropMessagesTo } from '../web/newsletter-mail.js'

const AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s) => [
    s,
    { application: '26-003', item: s },
  ]),
)

const MESSAGE =
  'Please buy more large print. I am Dana Whitfield, write to dana.w@example.net or call 708-555-0142; I live at 221 Baker Street. Dana'

async function closeLibrary(ctx: AppContext, on: string, branch = '*') {
  await ctx.db
    .insertInto('closed_days')
    .values({ id: `${branch}-${on}`, branch, on_date: on, weekday: null, note: 'test' })
    .execute()
}

async function auditActions(ctx: AppContext, actor: Actor): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('actor_id', '=', actor.id)
    .orderBy('seq')
    .execute()
  return rows.map((r) => r.action)
}

describeEngines(
  'public records',
  (env) => {
    it('stores a suggestion apart from borrower records, its sender’s details sealed under a key of its own', async () => {
      const { ctx } = env()
      const id = await submitSuggestion(ctx, {
        message: 'More large print, please.',
        name: 'Dana Whitfield',
        email: 'Dana.W@example.net',
        phone: '708-555-0142',
        language: 'en',
      })
      const columns = Object.keys(
        await ctx.db
          .selectFrom('suggestions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      )
      // REQ-2.2: nothing in it can name a patron or a loan.
      expect(columns.filter((c) => /patron|card|loan|circ/.test(c))).toEqual([])
      const stored = JSON.stringify(
        await ctx.db
          .selectFrom('suggestions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      )
      expect(stored).not.toContain('dana.w@example.net')
      expect(stored).not.toContain('Whitfield')
      expect(await findWrappedKey(ctx.keys, recordKeyId('suggestion', id))).toBeDefined()

      const librarian = await staffActor(ctx, 'librarian')
      const listed = await listSuggestions(ctx, librarian)
      expect(JSON.stringify(listed.find((s) => s.id === id))).not.toContain('example.net')
      const read = await getSuggestion(ctx, librarian, id)
      expect(read).toMatchObject({ name: 'Dana Whitfield', email: 'dana.w@example.net' })
      expect(await auditActions(ctx, librarian)).toContain('suggestion.read')
    })

    it('refuses bad input with a stable code and stores nothing', async () => {
      const { ctx } = env()
      const count = async () =>
        Number(
          (
            await ctx.db
              .selectFrom('suggestions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      for (const bad of [
        { message: '', language: 'en' },
        { message: 'x'.repeat(4001), language: 'en' },
        { message: 'hi', email: 'not-an-address', language: 'en' },
        { message: 'hi', language: 'fr' },
      ])
        await expect(submitSuggestion(ctx, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await expect(
        submitRecordsRequest(ctx, {
          description: 'Board minutes',
          format: 'paper',
          language: 'en',
        }),
      ).rejects.toMatchObject({ code: 'CONTACT_REQUIRED' })
      expect(await count()).toBe(before)
    })

    it('answers by email (into the maildrop when no mail server is set), then closes; circulation staff may not', async () => {
      const { ctx } = env()
      const id = await submitSuggestion(ctx, {
        message: 'Open on Sundays?',
        email: 'sunday.reader@example.org',
        language: 'es',
      })
      const desk = await staffActor(ctx, 'circulation')
      await expect(listSuggestions(ctx, desk)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const librarian = await staffActor(ctx, 'librarian')
      expect(await answerSuggestion(ctx, librarian, id, 'We are looking into it.')).toEqual({
        emailed: true,
      })
      const [mail] = maildropMessagesTo(ctx.config.dataDir, 'sunday.reader@example.org')
      expect(mail?.text).toContain('We are looking into it.')
      expect(mail?.text).toContain('Usted escribió')
      await expect(answerSuggestion(ctx, librarian, id, 'Again')).rejects.toMatchObject({
        code: 'SUGGESTION_NOT_OPEN',
      })
      await closeSuggestion(ctx, librarian, id)
      expect((await getSuggestion(ctx, librarian, id)).status).toBe('closed')
    })

    it('exports a suggestion for a records request with private details redacted under the exemption that allows it', async () => {
      const { ctx } = env()
      const suggestion = await submitSuggestion(ctx, {
        message: MESSAGE,
        name: 'Dana Whitfield',
        email: 'dana.w@example.net',
        language: 'en',
      })
      const officer = await staffActor(ctx, 'privacy_officer')
      const { id } = await submitRecordsRequest(ctx, {
        description: 'Every suggestion about large print',
        email: 'reporter@example.com',
        format: 'electronic',
        language: 'en',
      })
      await addSuggestionsToRequest(ctx, officer, id, [suggestion])
      const out = await exportRequestRecords(ctx, officer, id)
      const text = out.records.map((r) => r.text).join('\n')
      expect(text).toContain('Please buy more large print.')
      for (const secret of [
        'Dana',
        'Whitfield',
        'dana.w@example.net',
        '708-555-0142',
        '221 Baker Street',
      ])
        expect(text).not.toContain(secret)
      expect(text).toContain('[redacted: 5 ILCS 140/7(1)(b)]')
      expect(text).toContain('[redacted: 5 ILCS 140/7(1)(c)]')
      expect(await auditActions(ctx, officer)).toContain('records_request.export')
      // A librarian answers suggestions but does not handle records requests.
      const librarian = await staffActor(ctx, 'librarian')
      await expect(exportRequestRecords(ctx, librarian, id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })

    it('sets the due date five business days on, over weekends and closed days, and moves it once with an extension', async () => {
      const { ctx, clock } = env()
      clock.set('2026-12-21T15:00:00.000Z') // a Monday in Chicago
      await closeLibrary(ctx, '2026-12-24')
      await closeLibrary(ctx, '2026-12-25')
      await closeLibrary(ctx, '2026-12-28', 'east') // one branch only: the clock runs on
      await closeLibrary(ctx, '2027-01-01')
      const officer = await staffActor(ctx, 'privacy_officer')
      const { id, dueOn } = await submitRecordsRequest(ctx, {
        description: 'The 2026 budget',
        address: '1 Main St, Thornton IL 60476',
        format: 'paper',
        language: 'en',
      })
      expect(dueOn).toBe('2026-12-30')
      await expect(
        extendRecordsRequest(ctx, officer, id, { reason: 'because', notifiedOn: '2026-12-21' }),
      ).rejects.toMatchObject({ code: 'INVALID_EXTENSION_REASON' })
      expect(
        await extendRecordsRequest(ctx, officer, id, {
          reason: 'wide-search',
          notifiedOn: '2026-12-21',
        }),
      ).toBe('2027-01-07')
      await expect(
        extendRecordsRequest(ctx, officer, id, { reason: 'burden', notifiedOn: '2026-12-21' }),
      ).rejects.toMatchObject({ code: 'ALREADY_EXTENDED' })
      const detail = await getRecordsRequest(ctx, officer, id)
      expect(detail).toMatchObject({
        status: 'extended',
        dueOn: '2027-01-07',
        originalDueOn: '2026-12-30',
      })

      // Staff intake of a request that came by mail: the day it arrived starts the clock.
      const mailed = await intakeRecordsRequest(ctx, officer, {
        request: { description: 'Minutes', address: '2 Oak Ave, Thornton IL', format: 'paper' },
        receivedVia: 'mail',
        receivedOn: '2026-12-18',
      })
      expect(mailed.dueOn).toBe('2026-12-29')
      // Past its due day, a request can no longer be extended.
      clock.set('2026-12-30T15:00:00.000Z')
      await expect(
        extendRecordsRequest(ctx, officer, mailed.id, {
          reason: 'burden',
          notifiedOn: '2026-12-28',
        }),
      ).rejects.toMatchObject({ code: 'EXTENSION_TOO_LATE' })
      const tracker = await listRecordsRequests(ctx, officer)
      expect(tracker.find((r) => r.id === mailed.id)).toMatchObject({ overdue: true, daysLeft: -1 })
    })

    it('denies only with a withheld record and its exemption, and counts the outcome for the transparency page', async () => {
      const { ctx, clock } = env()
      clock.set('2027-02-01T15:00:00.000Z')
      const officer = await staffActor(ctx, 'privacy_officer')
      const { id } = await submitRecordsRequest(ctx, {
        description: 'What my neighbour borrowed',
        email: 'curious@example.com',
        format: 'electronic',
        language: 'en',
      })
      await expect(
        decideRecordsRequest(ctx, officer, id, { status: 'denied', basis: 'Borrowing records.' }),
      ).rejects.toMatchObject({ code: 'NO_EXEMPTION_CITED' })
      await addOtherRecord(ctx, officer, id, {
        description: 'Circulation records of one patron',
        withheldUnder: 'patron-records',
      })
      await expect(
        decideRecordsRequest(ctx, officer, id, { status: 'denied', basis: '' }),
      ).rejects.toMatchObject({
        code: 'DENIAL_BASIS_REQUIRED',
      })
      await decideRecordsRequest(ctx, officer, id, {
        status: 'denied',
        basis: 'The records asked for are the borrowing records of a patron.',
      })
      expect(exemptionsCited(await listRequestItems(ctx, officer, id))).toEqual(['patron-records'])
      await expect(
        addOtherRecord(ctx, officer, id, { description: 'More', withheldUnder: '' }),
      ).rejects.toMatchObject({ code: 'RECORDS_REQUEST_CLOSED' })
      const counts = await recordsRequestCounts(ctx)
      expect(counts.find((c) => c.year === '2027')).toMatchObject({
        received: 1,
        denied: 1,
        fulfilled: 0,
      })
    })

    it('destroys suggestions past their period with their keys, keeping those a kept request lists', async () => {
      const { ctx, clock } = env()
      clock.set('2024-03-01T15:00:00.000Z')
      const old = await submitSuggestion(ctx, {
        message: 'Old',
        name: 'Old Sender',
        language: 'en',
      })
      const listed = await submitSuggestion(ctx, { message: 'Listed', language: 'en' })
      const officer = await staffActor(ctx, 'privacy_officer')
      const { id } = await submitRecordsRequest(ctx, {
        description: 'Suggestions',
        email: 'r@example.com',
        format: 'electronic',
        language: 'en',
      })
      await addSuggestionsToRequest(ctx, officer, id, [listed])
      clock.advance(800 * DAY)
      const approved = await env().reopen({ retention: { authorities: AUTHORITIES } })
      const admin = await staffActor(approved, 'admin')
      const run = await runRetention(approved, admin)
      expect(run.find((r) => r.series === 'suggestions')?.disposed).toBeGreaterThanOrEqual(1)
      const left = await approved.db
        .selectFrom('suggestions')
        .select('id')
        .where('id', 'in', [old, listed])
        .execute()
      expect(left.map((r) => r.id)).toEqual([listed])
      expect(await findWrappedKey(approved.keys, recordKeyId('suggestion', old))).toBeUndefined()
      const disposal = await approved.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', '=', 'suggestions')
        .executeTakeFirstOrThrow()
      expect(disposal).toMatchObject({ method: 'crypto-shred', covered_from: '2024-03-01' })
    })
  },
  { library: { timezone: 'America/Chicago' } },
)
