// Account sign-ups linked to the borrower record, staff issues and their rights, and the ends of
// a subscription: unsubscribing, erasing the patron, and the sweep of sign-ups never confirmed.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import type { AppContext } from '../../src/context.js'
import {
  accountSubscription,
  activeSubscriberCount,
  confirmSubscription,
  createIssue,
  deleteDraft,
  getIssue,
  listIssues,
  renderIssue,
  startSending,
  subscribeAccount,
  subscribeByEmail,
  unsubscribeAccount,
  unsubscribeByToken,
  updateIssue,
} from '../../src/comms/newsletter.service.js'
import { subscriptionKeyId, unsubscribeToken } from '../../src/comms/newsletter-keys.js'
import { deliverNewsletter } from '../../src/comms/newsletter-worker.js'
import { listMaildrop, readMaildrop } from '../../src/comms/maildrop.js'
import { erasePatron, registerPatron } from '../../src/patrons/patron.service.js'
import { myData } from '../../src/patrons/self-service.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { previewRetention, runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s) => [
    s,
    { application: '26-002', item: s },
  ]),
)

async function patron(ctx: AppContext, email: string | null = undefined as unknown as null) {
  const input = patronInput()
  const view = await registerPatron(ctx, SYSTEM_ACTOR, {
    ...input,
    ...(email === null ? { email: undefined } : {}),
    card: {},
  })
  return view.id
}

/** The confirmation token waiting in the delivery queue for a subscription. */
async function queuedToken(ctx: AppContext, subscriptionId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('newsletter_deliveries')
    .select('payload')
    .where('subscription_id', '=', subscriptionId)
    .where('kind', '=', 'confirm')
    .executeTakeFirstOrThrow()
  return row.payload ?? ''
}

async function linkedRow(ctx: AppContext, patronId: string) {
  return ctx.db
    .selectFrom('newsletter_subscriptions')
    .selectAll()
    .where('patron_id', '=', patronId)
    .executeTakeFirst()
}

describeEngines(
  'newsletter: account sign-up, staff issues, erasure and retention',
  (env) => {
    it('links an account sign-up to the record, keeps no address of its own, and confirms by the link', async () => {
      const { ctx } = env()
      const id = await patron(ctx)
      expect(await accountSubscription(ctx, id)).toBeNull()
      expect(await subscribeAccount(ctx, id, 'es')).toBe('pending')
      const row = await linkedRow(ctx, id)
      expect(row).toMatchObject({
        status: 'pending',
        language: 'es',
        email_enc: null,
        email_digest: null,
      })
      const today = env().clock.now().toISOString().slice(0, 10)
      expect(await accountSubscription(ctx, id)).toEqual({ status: 'pending', since: today })
      // Asking again while pending gives a fresh link; the first stops working.
      const first = await queuedToken(ctx, row?.id ?? '')
      expect(await subscribeAccount(ctx, id, 'es')).toBe('pending')
      const second = await queuedToken(ctx, row?.id ?? '')
      expect(second).not.toBe(first)
      expect(await confirmSubscription(ctx, first)).toBe('invalid')
      env().clock.advance(DAY)
      expect(await confirmSubscription(ctx, second)).toBe('confirmed')
      const later = env().clock.now().toISOString().slice(0, 10)
      expect(await accountSubscription(ctx, id)).toEqual({ status: 'active', since: later })
      expect(await subscribeAccount(ctx, id, 'en')).toBe('active')

      // My data shows it.
      const data = await myData(ctx, { type: 'patron', id })
      const section = data.sections.find((s) => s.what === 'Newsletter subscription')
      expect(section?.records).toEqual([
        { status: 'active', language: 'es', requested_on: today, confirmed_on: later },
      ])

      expect(await unsubscribeAccount(ctx, id)).toBe(true)
      expect(await linkedRow(ctx, id)).toBeUndefined()
      expect(await unsubscribeAccount(ctx, id)).toBe(false)
      expect(await accountSubscription(ctx, id)).toBeNull()
    })

    it('takes a public sign-up’s messages out of the maildrop when it is erased', async () => {
      const { ctx } = env()
      const email = 'maildrop.reader@example.net'
      await subscribeByEmail(ctx, { email, language: 'en' })
      const sub = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select('id')
        .where('email_digest', 'is not', null)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
      expect(await deliverNewsletter(ctx)).toMatchObject({ maildrop: 1 })
      const filed = () => listMaildrop(env().dataDir).filter((e) => e.patronId === sub.id)
      expect(filed()).toHaveLength(1)
      expect(readMaildrop(env().dataDir, filed()[0]?.name ?? '').raw.toString()).toContain(email)
      const token = unsubscribeToken(ctx.keyring, sub.id)
      expect(await unsubscribeByToken(ctx, token)).toBe('erased')
      expect(filed()).toEqual([])
    })

    it('stores nothing for a record with no email address', async () => {
      const { ctx } = env()
      const id = await patron(ctx, null)
      expect(await subscribeAccount(ctx, id, 'en')).toBe('no_email')
      expect(await linkedRow(ctx, id)).toBeUndefined()
      await expect(subscribeAccount(ctx, 'no-such-patron', 'en')).rejects.toMatchObject({
        code: 'PATRON_NOT_FOUND',
      })
    })

    it('erases the linked subscription with the patron', async () => {
      const { ctx } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const id = await patron(ctx)
      await subscribeAccount(ctx, id, 'en')
      const sub = await linkedRow(ctx, id)
      await confirmSubscription(ctx, await queuedToken(ctx, sub?.id ?? ''))
      await erasePatron(ctx, officer, id)
      expect(await linkedRow(ctx, id)).toBeUndefined()
      const left = await ctx.db
        .selectFrom('newsletter_deliveries')
        .select('id')
        .where('subscription_id', '=', sub?.id ?? '')
        .execute()
      expect(left).toEqual([])
    })

    it('sweeps sign-ups never confirmed after newsletter.confirmDays, keys and all, and leaves confirmed ones', async () => {
      const { ctx, clock } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const short = await env().reopen({
        newsletter: { confirmDays: 3 },
        retention: { authorities: AUTHORITIES },
      })
      await subscribeByEmail(short, { email: 'never.confirms@example.net', language: 'en' })
      await subscribeByEmail(short, { email: 'does.confirm@example.net', language: 'en' })
      const rows = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select(['id', 'status'])
        .where('patron_id', 'is', null)
        .where('status', '=', 'pending')
        .execute()
      const tokens = new Map<string, string>()
      for (const r of rows) tokens.set(r.id, await queuedToken(ctx, r.id))
      const [keepId, dropId] = [...tokens.keys()]
      await confirmSubscription(short, tokens.get(keepId ?? '') ?? '')
      const due = async () =>
        (await previewRetention(short, officer)).find((r) => r.series === 'newsletter-pending')
      clock.advance(3 * DAY)
      expect((await due())?.due).toBe(0)
      clock.advance(2 * DAY)
      expect(await due()).toMatchObject({ state: 'due', due: 1 })
      // Too late to confirm.
      expect(await confirmSubscription(short, tokens.get(dropId ?? '') ?? '')).toBe('invalid')
      const run = await runRetention(short, officer)
      expect(run.find((r) => r.series === 'newsletter-pending')?.disposed).toBe(1)
      const ids = (await ctx.db.selectFrom('newsletter_subscriptions').select('id').execute()).map(
        (r) => r.id,
      )
      expect(ids).toContain(keepId)
      expect(ids).not.toContain(dropId)
      const keys = await ctx.keys
        .selectFrom('patron_keys')
        .select('patron_id')
        .where('patron_id', 'in', [
          subscriptionKeyId(keepId ?? ''),
          subscriptionKeyId(dropId ?? ''),
        ])
        .execute()
      expect(keys.map((k) => k.patron_id)).toEqual([subscriptionKeyId(keepId ?? '')])
      const disposal = await ctx.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', '=', 'newsletter-pending')
        .execute()
      expect(disposal).toHaveLength(1)
      expect(JSON.stringify(disposal)).not.toContain('never.confirms')
    })

    it('lets only newsletter.manage write and send issues, with stable codes for bad drafts', async () => {
      const { ctx } = env()
      const librarian = await staffActor(ctx, 'librarian')
      const admin = await staffActor(ctx, 'admin')
      const desk: Actor = await staffActor(ctx, 'circulation')
      const officer = await staffActor(ctx, 'privacy_officer')
      for (const actor of [desk, officer]) {
        await expect(listIssues(ctx, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
        await expect(createIssue(ctx, actor, { subject: 'x', body: 'y' })).rejects.toMatchObject({
          code: 'FORBIDDEN',
        })
        await expect(activeSubscriberCount(ctx, actor)).rejects.toMatchObject({
          code: 'FORBIDDEN',
        })
      }
      const bad: [Parameters<typeof createIssue>[2], string][] = [
        [{ subject: '  ', body: 'text' }, 'ISSUE_SUBJECT_REQUIRED'],
        [{ subject: 'S', body: ' \n ' }, 'ISSUE_BODY_REQUIRED'],
        [{ subject: 'S'.repeat(201), body: 'text' }, 'ISSUE_SUBJECT_TOO_LONG'],
        [{ subject: 'Two\nlines', body: 'text' }, 'ISSUE_SUBJECT_INVALID'],
        [{ subject: 'S', body: 'b'.repeat(100_001) }, 'ISSUE_BODY_TOO_LONG'],
        [{ subject: 'S', body: 'text', subjectEs: 'Solo asunto' }, 'ISSUE_SPANISH_INCOMPLETE'],
        [{ subject: 'S', body: 'text', bodyEs: 'Solo texto' }, 'ISSUE_SPANISH_INCOMPLETE'],
      ]
      const before = (await listIssues(ctx, admin)).length
      for (const [draft, code] of bad)
        await expect(createIssue(ctx, librarian, draft)).rejects.toMatchObject({ code })
      expect((await listIssues(ctx, admin)).length).toBe(before)

      const draft = await createIssue(ctx, librarian, { subject: 'Hours', body: 'Open late.' })
      expect(draft).toMatchObject({ status: 'draft', recipients: 0, subjectEs: null, bodyEs: null })
      const edited = await updateIssue(ctx, admin, draft.id, {
        subject: 'New hours',
        body: 'Open late on Thursdays.',
        subjectEs: 'Nuevo horario',
        bodyEs: 'Abrimos tarde los jueves.',
      })
      expect(edited).toMatchObject({ subject: 'New hours', subjectEs: 'Nuevo horario' })
      const preview = renderIssue(edited, 'es', {
        libraryName: 'Thornton',
        unsubscribeUrl: 'https://x.example/newsletter/unsubscribe/t',
      })
      expect(preview.subject).toBe('Nuevo horario')
      expect(preview.html).toContain('<p>Abrimos tarde los jueves.</p>')

      await startSending(ctx, librarian, draft.id)
      await expect(startSending(ctx, librarian, draft.id)).rejects.toMatchObject({
        code: 'ISSUE_NOT_DRAFT',
      })
      await expect(
        updateIssue(ctx, librarian, draft.id, { subject: 'x', body: 'y' }),
      ).rejects.toMatchObject({ code: 'ISSUE_NOT_DRAFT' })
      await expect(deleteDraft(ctx, librarian, draft.id)).rejects.toMatchObject({
        code: 'ISSUE_NOT_DRAFT',
      })
      await expect(getIssue(ctx, librarian, 'not-an-id')).rejects.toMatchObject({
        code: 'ISSUE_NOT_FOUND',
      })
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['actor_id', 'detail'])
        .where('action', '=', 'newsletter.send')
        .execute()
      expect(audit.map((a) => a.actor_id)).toContain(librarian.id)

      const gone = await createIssue(ctx, librarian, { subject: 'Oops', body: 'Never mind.' })
      await deleteDraft(ctx, librarian, gone.id)
      await expect(getIssue(ctx, librarian, gone.id)).rejects.toMatchObject({
        code: 'ISSUE_NOT_FOUND',
      })
    })
  },
  { retention: { authorities: AUTHORITIES } },
)

describeEngines(
  'newsletter: the sweep of sign-ups never confirmed, and legal holds',
  (env) => {
    it('sweeps a patron’s unconfirmed sign-up like anyone’s, spares one under a legal hold, and dates its record by the days asked', async () => {
      const { ctx, clock } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const short = await env().reopen({
        newsletter: { confirmDays: 3 },
        retention: { authorities: AUTHORITIES },
      })
      const day = () => clock.now().toISOString().slice(0, 10)
      const [free, held] = [await patron(short), await patron(short)]
      expect(await subscribeAccount(short, free, 'en')).toBe('pending')
      expect(await subscribeAccount(short, held, 'en')).toBe('pending')
      const firstAsked = day()
      clock.advance(DAY)
      await subscribeByEmail(short, { email: 'asks.later@example.net', language: 'en' })
      const lastAsked = day()
      await placeLegalHold(short, officer, { patronId: held, reason: 'Subpoena 26-207' })
      // The public sign-up's confirmation waits in the maildrop, filed under the sign-up.
      const publicId = (
        await ctx.db
          .selectFrom('newsletter_subscriptions')
          .select('id')
          .where('patron_id', 'is', null)
          .executeTakeFirstOrThrow()
      ).id
      await deliverNewsletter(short)
      const filed = () => listMaildrop(env().dataDir).filter((e) => e.patronId === publicId)
      expect(filed()).toHaveLength(1)

      clock.advance(5 * DAY)
      const run = await runRetention(short, officer)
      expect(run.find((r) => r.series === 'newsletter-pending')?.disposed).toBe(2)
      const left = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select(['patron_id', 'status'])
        .execute()
      expect(left).toEqual([{ patron_id: held, status: 'pending' }])
      expect(filed()).toEqual([])
      expect(
        await ctx.db
          .selectFrom('disposal_records')
          .select(['count', 'covered_from', 'covered_to'])
          .where('series', '=', 'newsletter-pending')
          .execute(),
      ).toEqual([{ count: 2, covered_from: firstAsked, covered_to: lastAsked }])
    })
  },
  {},
)
