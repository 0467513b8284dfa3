// With no mail server configured (the embedded default) every message goes to the maildrop,
// <data dir>/mail/*.eml, where staff read it on "Mail not sent"; the retention schedule deletes
// the files and what is left of the notices.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import type { AppContext } from '../../src/context.js'
import { listMaildrop, writeMaildrop } from '../../src/comms/maildrop.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { listUndelivered, readUndelivered } from '../../src/comms/undelivered.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { runJobNow } from '../../src/jobs/jobs.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { WebClient } from '../web/web-client.js'
import { signInStaff, useWebApp } from '../web/web-harness.js'

async function patronWithNotice(env: TestEnv, ctx: AppContext, pickupCode: string) {
  const input = patronInput({ notify: { notices: true, newsletter: false, policyChanges: false } })
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
  await enqueueNotice(
    ctx.db,
    p.id,
    'hold_ready',
    { pickupCode, branch: 'main', expiresOn: '2026-01-22' },
    env.clock.now().toISOString(),
  )
  return { id: p.id, email: input.email ?? '' }
}

const mailDir = (ctx: AppContext) => join(ctx.config.dataDir, 'mail')

describeEngines('mail delivery into the maildrop', (env) => {
  const app = useWebApp(() => env().ctx)

  it('writes each message as a parseable .eml file and keeps only kind, day and outcome', async () => {
    const { ctx } = env()
    expect(ctx.config.mail.smtpUrl).toBeUndefined()
    const p = await patronWithNotice(env(), ctx, 'MD1-AAA')
    expect(await deliverNotices(ctx)).toMatchObject({ maildrop: 1, sent: 0 })
    expect(await deliverNotices(ctx)).toMatchObject({ claimed: 0 })
    const files = readdirSync(mailDir(ctx)).filter((f) => f.includes(p.id))
    expect(files).toHaveLength(1)
    const mail = await simpleParser(readFileSync(join(mailDir(ctx), files[0] ?? '')))
    expect(mail.subject).toBe('A hold is ready for you to pick up')
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address).toBe(p.email)
    expect(mail.text).toContain('MD1-AAA')
    expect(mail.html).toContain('MD1-AAA')
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated')
    const row = await ctx.db
      .selectFrom('notice_outbox')
      .selectAll()
      .where('patron_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'maildrop', payload: null, claimed_by: null })
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('runs once from the jobs system, as `carrel jobs run notices-send` does, audited with its counts', async () => {
    const { ctx } = env()
    const p = await patronWithNotice(env(), ctx, 'JOB-RUN')
    const run = await runJobNow(ctx, SYSTEM_ACTOR, 'notices-send', 'cli')
    expect(run).toEqual({ job: 'notices-send', counts: { claimed: 1, maildrop: 1 } })
    expect(listMaildrop(ctx.config.dataDir).filter((e) => e.patronId === p.id)).toHaveLength(1)
    expect(await runJobNow(ctx, SYSTEM_ACTOR, 'notices-send', 'cli')).toEqual({
      job: 'notices-send',
      counts: {},
    })
  })

  it('shows administrators and librarians the maildrop and each message, audited, and no one else', async () => {
    const { ctx } = env()
    const p = await patronWithNotice(env(), ctx, 'MD2-BBB')
    await deliverNotices(ctx)
    const admin = await staffActor(ctx, 'admin')
    const listed = await listUndelivered(ctx, admin)
    expect(listed.mode).toBe('maildrop')
    const entry = listed.maildrop.find((m) => m.to.includes(p.email))
    expect(entry?.subject).toBe('A hold is ready for you to pick up')
    const message = await readUndelivered(ctx, admin, entry?.name ?? '')
    expect(message.text).toContain('MD2-BBB')
    expect(message.language).toBe('en')
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['patron_id', 'actor_id'])
      .where('action', '=', 'mail.read')
      .execute()
    expect(audits).toContainEqual({ patron_id: p.id, actor_id: admin.id })
    await expect(readUndelivered(ctx, admin, '../master.key')).rejects.toMatchObject({
      code: 'MAIL_NOT_FOUND',
    })
    const librarian = await staffActor(ctx, 'librarian')
    expect((await readUndelivered(ctx, librarian, entry?.name ?? '')).text).toContain('MD2-BBB')
    for (const role of ['circulation', 'privacy_officer'] as const)
      await expect(
        readUndelivered(ctx, await staffActor(ctx, role), entry?.name ?? ''),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })

    const client = new WebClient(app)
    await signInStaff(client, ctx, 'admin')
    const page = await client.get('/staff/mail')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Mail not sent')
    expect(page.body).toContain(`/staff/mail/${entry?.name ?? ''}`)
    const one = await client.get(`/staff/mail/${entry?.name ?? ''}`)
    expect(one.status).toBe(200)
    expect(one.body).toContain('MD2-BBB')
    const missing = await client.get('/staff/mail/not-a-message.eml')
    expect(missing.status).toBe(404)
    const desk = new WebClient(app)
    await signInStaff(desk, ctx, 'circulation')
    expect((await desk.get('/staff/mail')).status).toBe(403)
  })

  it('the retention sweep deletes the files and what is left of the notices, sparing a legal hold', async () => {
    const { ctx } = env()
    const gone = await patronWithNotice(env(), ctx, 'MD3-CCC')
    const held = await patronWithNotice(env(), ctx, 'MD4-DDD')
    await deliverNotices(ctx)
    const officer = await staffActor(ctx, 'privacy_officer')
    const swept = await env().reopen({
      retention: {
        authorities: {
          notices: { application: '26-010', item: '4' },
          maildrop: { application: '26-010', item: '5' },
        },
      },
    })
    await placeLegalHold(swept, officer, { patronId: held.id, reason: 'Court order 26-L-101' })
    const named = (id: string) => listMaildrop(ctx.config.dataDir).filter((e) => e.patronId === id)
    expect(named(gone.id)).toHaveLength(1)
    const writtenOn = named(gone.id)[0]?.day
    env().clock.advance(29 * DAY)
    await runRetention(swept, SYSTEM_ACTOR)
    expect(named(gone.id)).toHaveLength(1)
    env().clock.advance(3 * DAY)
    const results = await runRetention(swept, SYSTEM_ACTOR)
    expect(results.find((r) => r.series === 'maildrop')?.disposed).toBeGreaterThanOrEqual(1)
    expect(named(gone.id)).toHaveLength(0)
    expect(named(held.id)).toHaveLength(1)
    const rows = await ctx.db
      .selectFrom('notice_outbox')
      .select('patron_id')
      .where('patron_id', 'in', [gone.id, held.id])
      .execute()
    expect(rows).toEqual([{ patron_id: held.id }])
    const disposal = await ctx.db
      .selectFrom('disposal_records')
      .selectAll()
      .where('series', '=', 'maildrop')
      .executeTakeFirstOrThrow()
    expect(disposal.count).toBeGreaterThanOrEqual(1)
    // The record covers the days the files were written, the latest being this test's.
    expect(disposal.covered_from).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(disposal.covered_from <= disposal.covered_to).toBe(true)
    expect(disposal.covered_to).toBe(writtenOn)
  })
})

describeEngines('the maildrop sweep and its cutoff day', (env) => {
  it('keeps the files of the cutoff day itself and deletes those of the day before', async () => {
    const { ctx, clock } = env()
    const swept = await env().reopen({
      retention: { authorities: { maildrop: { application: '26-010', item: '5' } } },
    })
    const dayBack = (days: number) =>
      new Date(clock.now().getTime() - days * DAY).toISOString().slice(0, 10)
    const [kept, gone] = [randomUUID(), randomUUID()]
    const message = Buffer.from('Subject: Your hold is ready\r\n\r\nAt the main desk.\r\n')
    writeMaildrop(
      ctx.config.dataDir,
      { day: dayBack(30), patronId: kept, noticeId: randomUUID() },
      message,
    )
    writeMaildrop(
      ctx.config.dataDir,
      { day: dayBack(31), patronId: gone, noticeId: randomUUID() },
      message,
    )
    const run = await runRetention(swept, SYSTEM_ACTOR)
    expect(run.find((r) => r.series === 'maildrop')?.disposed).toBe(1)
    expect(listMaildrop(ctx.config.dataDir).map((e) => e.patronId)).toEqual([kept])
  })
})
