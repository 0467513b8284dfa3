// The notice types, queued by the daily job, the loss declaration and the PIN change,
// delivered to a real SMTP server and parsed: the right words in English and Spanish, titles only
// for a patron who chose them (P10), nothing for a type the library switched off or a patron
// turned off, and the daily job queueing each notice once.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR, type Actor } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import { checkin, declareLost } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { queueDailyNotices } from '../../src/circulation/due-notices.service.js'
import type { AppContext } from '../../src/context.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { formatsFor, translator } from '../../src/i18n/i18n.js'
import { localDate } from '../../src/library/calendar.js'
import { changePin, setPin } from '../../src/patrons/card.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage, updateOwnChoices } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { startSmtpServer, toOf, type SmtpTestServer } from './smtp-test-server.js'

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.close()
})

const ACCOUNT = 'https://library.example/account'
const TZ = 'America/Chicago'

interface Options {
  language?: 'en' | 'es'
  titles?: boolean
  declined?: ('hold_ready' | 'courtesy' | 'overdue' | 'lost_billed' | 'card_expiring')[]
  notices?: boolean
  expiresOn?: string
  email?: boolean
}

describeEngines('notice types, over SMTP', (env) => {
  let ctx: AppContext
  let lib: Awaited<ReturnType<typeof setUpLibrary>>
  beforeAll(async () => {
    ctx = await env().reopen({
      mail: { smtpUrl: smtp.url, from: 'Carrel Library <desk@library.example>' },
      notices: { accountUrl: ACCOUNT },
      library: { timezone: TZ },
    })
    lib = await setUpLibrary(ctx, { loanPeriod: 14, finePerDayCents: 25, maxFineCents: 1000 })
  })
  beforeEach(() => {
    smtp.reset()
  })

  async function patron(o: Options = {}) {
    const input = patronInput({
      notify: { notices: o.notices ?? true, newsletter: false, policyChanges: false },
      ...(o.expiresOn === undefined ? {} : { expiresOn: o.expiresOn }),
      ...(o.email === false ? { email: undefined } : {}),
    })
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    const me: Actor = { type: 'patron', id: view.id }
    if (o.language !== undefined) await setOwnLanguage(ctx, me, { language: o.language })
    if (o.titles !== undefined || o.declined !== undefined)
      await updateOwnChoices(ctx, me, {
        notices: o.notices ?? true,
        newsletter: false,
        policyChanges: false,
        titles: o.titles ?? false,
        declined: o.declined ?? [],
      })
    return {
      id: view.id,
      me,
      email: input.email ?? '',
      barcode: view.cards[0]?.barcode ?? '',
    }
  }

  /** Lends `n` copies of new titles to the patron; their titles and local due day. */
  async function lend(p: { barcode: string }, n: number) {
    const titles: string[] = []
    const barcodes: string[] = []
    for (let i = 0; i < n; i++) {
      const { record, items } = await lib.title([{ price: 1899 }])
      titles.push(record.title)
      barcodes.push(items[0]!.barcode)
      await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      })
    }
    const loan = await ctx.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select('loans.due_at')
      .where('items.barcode', '=', barcodes[0]!)
      .executeTakeFirstOrThrow()
    return { titles, barcodes, dueOn: localDate(new Date(loan.due_at), TZ) }
  }

  const clock = () => env().clock
  /** Moves the clock to noon (library time) `days` from the due day. */
  const dayFromDue = (dueOn: string, days: number) => {
    const d = new Date(`${dueOn}T18:00:00Z`)
    clock().set(new Date(d.getTime() + days * DAY).toISOString())
  }
  const mailsTo = (address: string) => smtp.received.filter((m) => toOf(m) === address)
  const queued = (patronId: string, kind: string) =>
    ctx.db
      .selectFrom('notice_outbox')
      .selectAll()
      .where('patron_id', '=', patronId)
      .where('kind', '=', kind)
      .execute()
  const en = formatsFor('en', TZ)
  const es = formatsFor('es', TZ)
  /** A day as notices write it: with its weekday, the year left out when it is near today. */
  const dayNow = () => localDate(clock().now(), TZ)
  const enDay = (day: string) => en.weekdayDate(day, dayNow())
  const esDay = (day: string) => es.weekdayDate(day, dayNow())

  it('reminds before items are due, once a day at most, counting them and naming no title', async () => {
    const p = await patron()
    const { titles, dueOn } = await lend(p, 2)
    dayFromDue(dueOn, -3)
    await queueDailyNotices(ctx)
    expect(await queued(p.id, 'courtesy')).toHaveLength(0)
    dayFromDue(dueOn, -2)
    expect((await queueDailyNotices(ctx)).courtesy).toBeGreaterThanOrEqual(1)
    // A second run the same day, and the next day, queue nothing new.
    expect((await queueDailyNotices(ctx)).courtesy).toBeUndefined()
    dayFromDue(dueOn, -1)
    expect((await queueDailyNotices(ctx)).courtesy).toBeUndefined()
    const rows = await queued(p.id, 'courtesy')
    expect(rows).toHaveLength(1)
    for (const t of titles) expect(rows[0]?.payload).not.toContain(t)
    await deliverNotices(ctx)
    const [mail, ...more] = mailsTo(p.email)
    expect(more).toHaveLength(0)
    expect(mail?.subject).toBe('A reminder: items due soon')
    expect(mail?.text).toContain(`2 items are due ${enDay(dueOn)}.`)
    expect(mail?.text).toContain(ACCOUNT)
    expect(mail?.html).toContain(`2 items are due ${enDay(dueOn)}.`)
    expect(mail?.html).toContain('<html lang="en">')
    expect(mail?.html).not.toContain('<img')
    expect(mail?.html).toContain(`<a href="${ACCOUNT}">${ACCOUNT}</a>`)
    for (const t of titles) {
      expect(mail?.text).not.toContain(t)
      expect(mail?.html).not.toContain(t)
    }
  })

  it('names the titles for a patron who chose titles, looked up when written, never queued', async () => {
    const p = await patron({ titles: true })
    const { titles, dueOn } = await lend(p, 1)
    dayFromDue(dueOn, -2)
    await queueDailyNotices(ctx)
    const [row] = await queued(p.id, 'courtesy')
    expect(row?.payload).not.toContain(titles[0]!)
    await deliverNotices(ctx)
    const [mail] = mailsTo(p.email)
    expect(mail?.text).toContain(`1 item is due ${enDay(dueOn)}.`)
    expect(mail?.text).toContain(`- ${titles[0]!}`)
    expect(mail?.html).toContain(`<li>${titles[0]!}</li>`)
    expect((await queued(p.id, 'courtesy'))[0]).toMatchObject({ payload: null, status: 'sent' })
  })

  it('sends the first and then the second overdue notice, in Spanish to a Spanish reader', async () => {
    const p = await patron({ language: 'es' })
    const { titles, dueOn } = await lend(p, 1)
    dayFromDue(dueOn, ctx.config.notices.overdue.firstDaysAfter)
    await queueDailyNotices(ctx)
    await queueDailyNotices(ctx)
    expect(await queued(p.id, 'overdue_first')).toHaveLength(1)
    await deliverNotices(ctx)
    const [first] = mailsTo(p.email)
    expect(first?.subject).toBe(translator('es')('mail.overdue_first.subject'))
    expect(first?.subject).toBe('Materiales con la fecha de devolución vencida')
    expect(first?.text).toContain(`1 material vencía el ${esDay(dueOn)} y ahora está atrasado.`)
    expect(first?.text).toContain('Este mensaje no nombra los materiales')
    expect(first?.html).toContain('<html lang="es">')
    expect(first?.text).not.toContain(titles[0]!)

    smtp.reset()
    dayFromDue(dueOn, ctx.config.notices.overdue.secondDaysAfter)
    await queueDailyNotices(ctx)
    await queueDailyNotices(ctx)
    expect(await queued(p.id, 'overdue_second')).toHaveLength(1)
    expect(await queued(p.id, 'overdue_first')).toHaveLength(1)
    await deliverNotices(ctx)
    const [second, ...more] = mailsTo(p.email)
    expect(more).toHaveLength(0)
    expect(second?.subject).toBe('Segundo aviso: materiales todavía atrasados')
    expect(second?.text).toContain(`1 material vencía el ${esDay(dueOn)} y todavía no ha vuelto.`)
    // Nothing more after the second notice.
    dayFromDue(dueOn, ctx.config.notices.overdue.secondDaysAfter + 5)
    await queueDailyNotices(ctx)
    expect(await queued(p.id, 'overdue_second')).toHaveLength(1)
  })

  it('bills a lost item by mail with the amount, and names it only when chosen', async () => {
    const plain = await patron()
    const chooser = await patron({ titles: true, language: 'es' })
    const a = await lend(plain, 1)
    const b = await lend(chooser, 1)
    await declareLost(ctx, lib.desk, { itemBarcode: a.barcodes[0]! })
    await declareLost(ctx, lib.desk, { itemBarcode: b.barcodes[0]! })
    // Neither the copy nor its price is queued with the patron (P3): only the charge's id.
    const [queuedRow] = await queued(plain.id, 'lost_billed')
    expect(Object.keys(JSON.parse(queuedRow?.payload ?? '{}') as object).sort()).toEqual([
      'feeId',
      'on',
    ])
    await deliverNotices(ctx)
    const today = localDate(clock().now(), TZ)
    const [mail] = mailsTo(plain.email)
    expect(mail?.subject).toBe('A lost item has been billed to your card')
    expect(mail?.text).toContain(
      `recorded as lost on ${enDay(today)}, and ${en.money(1899)} has been added`,
    )
    expect(mail?.text).not.toContain(a.titles[0]!)
    const [mailEs] = mailsTo(chooser.email)
    expect(mailEs?.subject).toBe('Se cobró a su tarjeta un material perdido')
    expect(mailEs?.text).toContain(`se agregaron ${es.money(1899)} a su tarjeta`)
    expect(mailEs?.text).toContain(b.titles[0]!)
  })

  it('sends nothing about a lost item that came back before the notice went out', async () => {
    const p = await patron()
    const { barcodes } = await lend(p, 1)
    await declareLost(ctx, lib.desk, { itemBarcode: barcodes[0]! })
    await checkin(ctx, lib.desk, { itemBarcode: barcodes[0]!, branch: 'main' })
    await deliverNotices(ctx)
    expect(mailsTo(p.email)).toHaveLength(0)
    expect(await queued(p.id, 'lost_billed')).toMatchObject([{ status: 'skipped', payload: null }])
  })

  it('names the title of a ready hold only for a patron who chose titles', async () => {
    const chooser = await patron({ titles: true })
    const plain = await patron()
    for (const p of [chooser, plain]) {
      const { record, items } = await lib.title([{}])
      await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'east' })
      await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'east' })
      await deliverNotices(ctx)
      const [mail] = mailsTo(p.email)
      expect(mail?.subject).toBe('A hold is ready for you to pick up')
      expect(mail?.text).toContain('East Branch')
      if (p === chooser) expect(mail?.text).toContain(`- ${record.title}`)
      else expect(mail?.text).not.toContain(record.title)
    }
  })

  it('tells a patron their card expires, once per expiry date', async () => {
    const today = localDate(clock().now(), TZ)
    const soon = new Date(`${today}T12:00:00Z`)
    soon.setUTCDate(soon.getUTCDate() + ctx.config.notices.card_expiring.daysBefore - 1)
    const expiresOn = soon.toISOString().slice(0, 10)
    const p = await patron({ expiresOn })
    await queueDailyNotices(ctx)
    await queueDailyNotices(ctx)
    expect(await queued(p.id, 'card_expiring')).toHaveLength(1)
    await deliverNotices(ctx)
    const [mail] = mailsTo(p.email)
    expect(mail?.subject).toBe('Your library card expires soon')
    expect(mail?.text).toContain(`Your library card expires on ${enDay(expiresOn)}.`)
  })

  it('always sends the PIN security notice, never with the PIN, even to a patron who turned every notice off', async () => {
    const p = await patron({
      notices: false,
      declined: ['hold_ready', 'courtesy', 'overdue', 'lost_billed', 'card_expiring'],
    })
    await setPin(ctx, lib.desk, p.barcode, '7391')
    await changePin(ctx, p.me, p.barcode, '7391', '8264')
    await deliverNotices(ctx)
    const mails = mailsTo(p.email)
    expect(mails).toHaveLength(2)
    const today = localDate(clock().now(), TZ)
    for (const m of mails) {
      expect(m.subject).toBe('The PIN of your library card was changed')
      expect(m.text).toContain(`was changed on ${enDay(today)}`)
      expect(m.text).not.toMatch(/7391|8264/)
      expect(m.html).not.toMatch(/7391|8264/)
    }
  })

  it('skips an optional notice a patron turned off, or who wants no notices', async () => {
    const declined = await patron({ declined: ['hold_ready'] })
    const none = await patron({ notices: false })
    const wanted = await patron()
    const at = clock().now().toISOString()
    for (const p of [declined, none, wanted])
      await enqueueNotice(
        ctx.db,
        p.id,
        'hold_ready',
        { pickupCode: 'Q2W-7RT', branch: 'east', expiresOn: '2027-03-01' },
        at,
      )
    await deliverNotices(ctx)
    expect(mailsTo(declined.email)).toHaveLength(0)
    expect(mailsTo(none.email)).toHaveLength(0)
    expect(mailsTo(wanted.email)).toHaveLength(1)
    expect(mailsTo(wanted.email)[0]?.text).toContain('Q2W-7RT')
    expect(mailsTo(wanted.email)[0]?.text).toContain('East Branch')
    expect(await queued(declined.id, 'hold_ready')).toMatchObject([
      { status: 'skipped', payload: null },
    ])
  })
})

describeEngines('notice types switched off by the library', (env) => {
  let ctx: AppContext
  let lib: Awaited<ReturnType<typeof setUpLibrary>>
  beforeAll(async () => {
    ctx = await env().reopen({
      mail: { smtpUrl: smtp.url },
      library: { timezone: TZ },
      notices: {
        courtesy: { enabled: false },
        hold_ready: { enabled: false },
        pin_changed: { enabled: false },
      },
    })
    lib = await setUpLibrary(ctx, { loanPeriod: 14 })
  })
  beforeEach(() => {
    smtp.reset()
  })

  it('neither queues nor sends a switched-off type', async () => {
    const input = patronInput({
      notify: { notices: true, newsletter: false, policyChanges: false },
    })
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    const barcode = view.cards[0]?.barcode ?? ''
    const { items } = await lib.title([{}])
    await checkout(ctx, lib.desk, {
      patronBarcode: barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    env().clock.advance(13 * DAY)
    await queueDailyNotices(ctx)
    const kinds = async () =>
      (
        await ctx.db
          .selectFrom('notice_outbox')
          .select('kind')
          .where('patron_id', '=', view.id)
          .execute()
      ).map((r) => r.kind)
    expect(await kinds()).not.toContain('courtesy')
    await enqueueNotice(
      ctx.db,
      view.id,
      'hold_ready',
      { pickupCode: 'Z9Z-1AA', branch: 'main', expiresOn: '2027-03-01' },
      env().clock.now().toISOString(),
    )
    await setPin(ctx, lib.desk, barcode, '5820')
    const run = await deliverNotices(ctx)
    expect(run.sent).toBe(0)
    expect(smtp.received.filter((m) => toOf(m) === input.email)).toHaveLength(0)
    const rows = await ctx.db
      .selectFrom('notice_outbox')
      .select(['kind', 'status'])
      .where('patron_id', '=', view.id)
      .execute()
    expect(rows.filter((r) => r.kind === 'hold_ready' || r.kind === 'pin_changed')).toEqual(
      expect.arrayContaining([
        { kind: 'hold_ready', status: 'skipped' },
        { kind: 'pin_changed', status: 'skipped' },
      ]),
    )
  })
})
