// Ask a librarian and changes of address as borrower records: sealed at rest (a public
// question under a key of its own, a patron's under the patron's key), read by staff only with
// the right and with an audit entry, answered by email in the asker's language, erased with the
// patron's registration, shown in My data (the retention schedule's own test is in
// test/retention/inquiries-retention.db.test.ts).
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { applyAddressChange, replyToInquiry } from '../../src/comms/inquiry-answers.js'
import {
  assignInquiry,
  closeInquiry,
  inquiryQueue,
  openInquiry,
} from '../../src/comms/inquiry-desk.js'
import { inquiryKeyId } from '../../src/comms/inquiry-keys.js'
import { deliverInquiryReplies } from '../../src/comms/inquiry-reply-worker.js'
import {
  askAddressChange,
  submitOwnInquiry,
  submitPublicInquiry,
} from '../../src/comms/inquiry-submit.js'
import type { AppContext } from '../../src/context.js'
import { erasePatron, getPatron, registerPatron } from '../../src/patrons/patron.service.js'
import { myData, myDataCsv } from '../../src/patrons/self-service.js'
import { accessesToOwnRecord } from '../../src/privacy/audit.service.js'
import { RETENTION_RULES, type RetentionRuleId } from '../../src/privacy/retention-rules.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { maildropMessagesTo } from '../web/newsletter-mail.js'

const AUTHORITIES = Object.fromEntries(
  (Object.keys(RETENTION_RULES) as RetentionRuleId[]).map((s) => [
    s,
    { application: '26-022', item: s },
  ]),
)

const QUESTION = 'Do you hold the 1911 Thornton plat maps of Quillfeather Lane?'

/** Sends a public question a second after the last one, and gives its row's id. */
async function askPublic(
  ctx: AppContext,
  clock: { advance(ms: number): void },
  input: Parameters<typeof submitPublicInquiry>[1],
): Promise<string> {
  clock.advance(1000)
  await submitPublicInquiry(ctx, input)
  return (await newestPublic(ctx)).id
}

async function newestPublic(ctx: AppContext) {
  return ctx.db
    .selectFrom('inquiries')
    .selectAll()
    .where('patron_id', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
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
  'inquiries: ask a librarian and changes of address',
  (env) => {
    const patronActor = async (ctx: AppContext, email: string | undefined = undefined) => {
      const view = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        ...(email !== undefined && { email }),
      })
      return { type: 'patron', id: view.id } satisfies Actor
    }

    it('seals a public question, its name and address; staff with the right read them, audited', async () => {
      const { ctx, clock } = env()
      const id = await askPublic(ctx, clock, {
        question: QUESTION,
        name: 'Marisol Quintanilla',
        replyBy: 'email',
        email: 'Marisol.Q@Example.net',
        language: 'es',
      })
      const row = await ctx.db
        .selectFrom('inquiries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const raw = JSON.stringify(row)
      expect(raw).not.toContain('plat maps')
      expect(raw).not.toContain('Marisol')
      expect(raw).not.toContain('example.net')
      expect(await hasKey(ctx, row.id)).toBe(true)

      const librarian = await staffActor(ctx, 'librarian')
      const opened = await openInquiry(ctx, librarian, row.id)
      expect(opened.text).toBe(QUESTION)
      expect(opened.name).toBe('Marisol Quintanilla')
      expect(opened.email).toBe('marisol.q@example.net')
      const audit = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('action', '=', 'inquiry.read')
        .where('actor_id', '=', librarian.id)
        .execute()
      expect(audit).toHaveLength(1)

      // Desk staff have no business with reference questions.
      const desk = await staffActor(ctx, 'circulation')
      await expect(openInquiry(ctx, desk, row.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(inquiryQueue(ctx, desk, 'question')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(replyToInquiry(ctx, desk, row.id, { body: 'Sí.' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })

    it('refuses a question too long, an email answer without an address, and a bad address, storing nothing', async () => {
      const { ctx } = env()
      const count = async () =>
        Number(
          (
            await ctx.db
              .selectFrom('inquiries')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      await expect(
        submitPublicInquiry(ctx, { question: 'x'.repeat(2001), replyBy: 'desk', language: 'en' }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await expect(
        submitPublicInquiry(ctx, { question: QUESTION, replyBy: 'email', language: 'en' }),
      ).rejects.toMatchObject({ code: 'INQUIRY_EMAIL_NEEDED' })
      await expect(
        submitPublicInquiry(ctx, {
          question: QUESTION,
          replyBy: 'email',
          email: 'not an address',
          language: 'en',
        }),
      ).rejects.toMatchObject({ code: 'INVALID_EMAIL' })
      expect(await count()).toBe(before)
    })

    it('assigns, answers by email in the asker’s language through the reply worker, and closes', async () => {
      const { ctx, clock } = env()
      const row = {
        id: await askPublic(ctx, clock, {
          question: QUESTION,
          replyBy: 'email',
          email: 'lector.es@example.net',
          language: 'es',
        }),
      }
      const librarian = await staffActor(ctx, 'librarian')
      const other = await staffActor(ctx, 'admin')
      await assignInquiry(ctx, librarian, row.id, { staffId: other.id })
      expect(
        (await inquiryQueue(ctx, librarian, 'question')).find((e) => e.id === row.id),
      ).toMatchObject({ assignedTo: 'Test admin', status: 'open' })
      // Desk staff cannot take a question on.
      const desk = await staffActor(ctx, 'circulation')
      await expect(
        assignInquiry(ctx, librarian, row.id, { staffId: desk.id }),
      ).rejects.toMatchObject({ code: 'STAFF_CANNOT_TAKE' })

      await replyToInquiry(ctx, librarian, row.id, { body: 'Sí, en la sala de historia local.' })
      const reply = await ctx.db
        .selectFrom('inquiry_replies')
        .selectAll()
        .where('inquiry_id', '=', row.id)
        .executeTakeFirstOrThrow()
      expect(reply.language).toBe('es')
      expect(reply.body_enc).not.toContain('historia')
      const run = await deliverInquiryReplies(ctx)
      expect(run.maildrop).toBeGreaterThanOrEqual(1)
      const [mail] = maildropMessagesTo(ctx.config.dataDir, 'lector.es@example.net')
      expect(mail?.headers.get('content-language')).toBe('es')
      expect(mail?.text).toContain('Sí, en la sala de historia local.')
      expect(mail?.text).toContain('Usted preguntó:')
      expect(mail?.text).toContain(QUESTION)
      expect(
        (
          await ctx.db
            .selectFrom('inquiry_replies')
            .select('status')
            .where('id', '=', reply.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('maildrop')

      await closeInquiry(ctx, librarian, row.id)
      expect((await inquiryQueue(ctx, librarian, 'question')).some((e) => e.id === row.id)).toBe(
        false,
      )
      await expect(closeInquiry(ctx, librarian, row.id)).rejects.toMatchObject({
        code: 'INQUIRY_CLOSED',
      })
    })

    it('a patron’s question is sealed under the patron’s key, shown in My data and its export, and its readings in the access log', async () => {
      const { ctx } = env()
      const me = await patronActor(ctx)
      await submitOwnInquiry(ctx, me, { question: QUESTION, replyBy: 'desk', language: 'en' })
      const row = await ctx.db
        .selectFrom('inquiries')
        .selectAll()
        .where('patron_id', '=', me.id)
        .executeTakeFirstOrThrow()
      expect(row.body_enc).not.toContain('plat')
      expect(await hasKey(ctx, row.id)).toBe(false)

      const librarian = await staffActor(ctx, 'librarian')
      expect((await openInquiry(ctx, librarian, row.id)).text).toBe(QUESTION)
      const accesses = await accessesToOwnRecord(ctx, me, true)
      expect(accesses.map((a) => a.action)).toContain('inquiry.read')

      const data = await myData(ctx, me)
      const section = data.sections.find((s) => s.what === 'Questions and changes of address')
      expect(section?.records).toEqual([
        expect.objectContaining({ kind: 'question', status: 'open', text: QUESTION }),
      ])
      expect(myDataCsv(data)).toContain('plat maps of Quillfeather Lane')
      expect(JSON.stringify(data)).toContain(QUESTION)
    })

    it('My data shows every reply to a patron’s question, in order, each set apart by a blank line', async () => {
      const { ctx, clock } = env()
      const me = await patronActor(ctx)
      await submitOwnInquiry(ctx, me, { question: QUESTION, replyBy: 'email', language: 'en' })
      const row = await ctx.db
        .selectFrom('inquiries')
        .select('id')
        .where('patron_id', '=', me.id)
        .executeTakeFirstOrThrow()
      const librarian = await staffActor(ctx, 'librarian')
      await replyToInquiry(ctx, librarian, row.id, { body: 'We hold two sheets of them.' })
      clock.advance(60_000)
      await replyToInquiry(ctx, librarian, row.id, { body: 'The third sheet came back today.' })

      const data = await myData(ctx, me)
      const section = data.sections.find((s) => s.what === 'Questions and changes of address')
      expect(section?.records).toEqual([
        expect.objectContaining({
          status: 'answered',
          replies: 'We hold two sheets of them.\n\nThe third sheet came back today.',
        }),
      ])
    })

    it('applies a checked change of address to the registration and erases the request; desk staff may, nobody else', async () => {
      const { ctx } = env()
      const me = await patronActor(ctx)
      const id = await askAddressChange(ctx, me, {
        address: { line1: '9 Heron Court', city: 'Thornton', postcode: '60476' },
        language: 'en',
      })
      const row = await ctx.db
        .selectFrom('inquiries')
        .select('body_enc')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(row.body_enc).not.toContain('Heron')
      const officer = await staffActor(ctx, 'privacy_officer')
      await expect(applyAddressChange(ctx, officer, id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const desk = await staffActor(ctx, 'circulation')
      expect((await inquiryQueue(ctx, desk, 'address')).some((e) => e.id === id)).toBe(true)
      await applyAddressChange(ctx, desk, id)
      const view = await getPatron(ctx, desk, me.id)
      expect(view.address).toMatchObject({ line1: '9 Heron Court', city: 'Thornton' })
      expect(
        await ctx.db.selectFrom('inquiries').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined()
    })

    it('a change of address that cannot be erased is not applied either (one transaction)', async () => {
      const { ctx, engine } = env()
      const me = await patronActor(ctx)
      const id = await askAddressChange(ctx, me, {
        address: { line1: '40 Kestrel Row', city: 'Thornton', postcode: '60476' },
        language: 'en',
      })
      // A real fault from the database: the request's row refuses to go.
      if (engine === 'sqlite') {
        await sql
          .raw(
            `CREATE TRIGGER keep_inquiries BEFORE DELETE ON inquiries BEGIN SELECT RAISE(ABORT, 'kept'); END`,
          )
          .execute(ctx.db)
      } else {
        await sql
          .raw(
            `CREATE FUNCTION keep_inquiries() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'kept'; END $$`,
          )
          .execute(ctx.db)
        await sql
          .raw(
            `CREATE TRIGGER keep_inquiries BEFORE DELETE ON inquiries FOR EACH ROW EXECUTE FUNCTION keep_inquiries()`,
          )
          .execute(ctx.db)
      }
      const desk = await staffActor(ctx, 'circulation')
      await expect(applyAddressChange(ctx, desk, id)).rejects.toThrow('kept')
      const view = await getPatron(ctx, desk, me.id)
      expect(JSON.stringify(view.address)).not.toContain('Kestrel')
      await sql
        .raw('DROP TRIGGER keep_inquiries' + (engine === 'sqlite' ? '' : ' ON inquiries'))
        .execute(ctx.db)
      await applyAddressChange(ctx, desk, id)
      expect((await getPatron(ctx, desk, me.id)).address).toMatchObject({ line1: '40 Kestrel Row' })
    })

    it('erasing a patron erases their questions, address changes and requests', async () => {
      const { ctx } = env()
      const me = await patronActor(ctx)
      await submitOwnInquiry(ctx, me, { question: QUESTION, replyBy: 'email', language: 'en' })
      await askAddressChange(ctx, me, {
        address: { line1: '1 Elm', city: 'Thornton', postcode: '60476' },
        language: 'en',
      })
      const admin = await staffActor(ctx, 'admin')
      const asked = await ctx.db
        .selectFrom('inquiries')
        .select('id')
        .where('patron_id', '=', me.id)
        .execute()
      expect(asked).toHaveLength(2)
      await replyToInquiry(
        ctx,
        await staffActor(ctx, 'librarian'),
        (
          await ctx.db
            .selectFrom('inquiries')
            .select('id')
            .where('patron_id', '=', me.id)
            .where('kind', '=', 'question')
            .executeTakeFirstOrThrow()
        ).id,
        { body: 'Yes.' },
      )
      await erasePatron(ctx, admin, me.id)
      expect(
        await ctx.db.selectFrom('inquiries').select('id').where('patron_id', '=', me.id).execute(),
      ).toEqual([])
      expect(
        await ctx.db
          .selectFrom('inquiry_replies')
          .select('id')
          .where(
            'inquiry_id',
            'in',
            asked.map((a) => a.id),
          )
          .execute(),
      ).toEqual([])
      expect(
        await ctx.db
          .selectFrom('patron_requests')
          .select('id')
          .where('patron_id', '=', me.id)
          .execute(),
      ).toEqual([])
    })
  },
  { retention: { authorities: AUTHORITIES } },
)
