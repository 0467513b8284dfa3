// The acceptance test of the annual report: a fiscal year of activity (and activity just outside
// it) goes through the real services; the test keeps its own list of what it did and works out
// every survey field from that list alone, then compares each one with the report.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { renew } from '../../src/circulation/loans.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import { submitOwnInquiry, submitPublicInquiry } from '../../src/comms/inquiry-submit.js'
import { logOff, startSession } from '../../src/computers/sessions.service.js'
import type { AppContext } from '../../src/context.js'
import { translator } from '../../src/i18n/i18n.js'
import { erasePatron, registerPatron } from '../../src/patrons/patron.service.js'
import { fiscalYearPeriod } from '../../src/reports/annual-period.js'
import { annualReport, type AnnualRow } from '../../src/reports/annual-report.js'
import { WebsiteCounter } from '../../src/analytics/ingest.js'
import { computerGroup, PIN, rule } from '../computers/computer-fixtures.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

const FROM = '2025-07-01'
const TO = '2026-06-30'
const ZONE = 'America/Chicago'
const t = translator('en')

/** The library's day at an instant, worked out here with Intl (not with Carrel's calendar). */
const localDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, dateStyle: 'short' }).format(new Date(iso))
const inYear = (day: string) => day >= FROM && day <= TO

type Who = 'adult' | 'child'
type Act =
  | { at: string; kind: 'register'; name: string; category: Who; expiresOn?: string }
  | { at: string; kind: 'erase'; name: string }
  | { at: string; kind: 'checkout'; name: string; copy: number }
  | { at: string; kind: 'renew'; copy: number }
  | { at: string; kind: 'checkin'; copy: number }
  | { at: string; kind: 'request'; name: string; request: 'interlibrary_loan' | 'purchase' }
  | { at: string; kind: 'question'; name?: string }
  | { at: string; kind: 'computer'; name: string }

/** Noon-ish in Chicago on a day, as an instant. */
const noon = (day: string) => `${day}T18:00:00.000Z`

/** The year's acts, with the edges: the day before, the first and last days, the day after. */
function actsOfTheYear(): Act[] {
  const acts: Act[] = [
    { at: '2022-05-02T18:00:00.000Z', kind: 'register', name: 'lapsed', category: 'adult' },
    { at: noon('2025-06-20'), kind: 'register', name: 'ann', category: 'adult' },
    { at: noon('2025-06-20'), kind: 'register', name: 'kid', category: 'child' },
    { at: noon('2025-08-04'), kind: 'register', name: 'bo', category: 'adult' },
    { at: noon('2025-09-09'), kind: 'register', name: 'tot', category: 'child' },
    { at: noon('2025-10-01'), kind: 'register', name: 'gone', category: 'adult' },
    { at: noon('2025-11-03'), kind: 'register', name: 'short', category: 'adult', expiresOn: '2026-06-29' },
    { at: noon('2025-11-03'), kind: 'register', name: 'edge', category: 'adult', expiresOn: TO },
    // 22:30 on the last day in Chicago is already the next day in UTC: still in the year.
    { at: '2026-07-01T03:30:00.000Z', kind: 'register', name: 'late', category: 'child' },
    { at: noon('2026-07-01'), kind: 'register', name: 'after', category: 'adult' },
    { at: noon('2026-02-02'), kind: 'erase', name: 'gone' },
  ]
  // Loans: a copy each; renewals on their own days, some across the year's edges.
  const loans: [string, number, string, string[]][] = [
    ['ann', 1, '2025-06-30', ['2025-07-01']], // out the day before, renewed the first day
    ['ann', 2, '2025-07-01', []],
    ['kid', 3, '2025-07-15', ['2025-07-20', '2025-07-25']],
    ['bo', 4, '2025-12-31', ['2026-01-02']],
    ['tot', 5, '2026-03-03', []],
    ['kid', 6, '2026-06-30', ['2026-07-01']], // out the last day, renewed the day after
    ['bo', 7, '2026-07-01', []],
    ['kid', 8, '2025-06-29', []],
  ]
  for (const [name, copy, day, renewals] of loans) {
    acts.push({ at: noon(day), kind: 'checkout', name, copy })
    for (const r of renewals) acts.push({ at: noon(r), kind: 'renew', copy })
    acts.push({ at: `${renewals.at(-1) ?? day}T20:00:00.000Z`, kind: 'checkin', copy })
  }
  acts.push(
    { at: '2026-07-01T04:00:00.000Z', kind: 'checkout', name: 'late', copy: 9 },
    { at: '2026-07-01T04:30:00.000Z', kind: 'checkin', copy: 9 },
    { at: noon('2025-06-30'), kind: 'request', name: 'ann', request: 'interlibrary_loan' },
    { at: noon('2025-07-01'), kind: 'request', name: 'ann', request: 'interlibrary_loan' },
    { at: noon('2025-10-10'), kind: 'request', name: 'bo', request: 'interlibrary_loan' },
    { at: noon('2026-01-10'), kind: 'request', name: 'kid', request: 'purchase' },
    { at: noon('2026-06-30'), kind: 'request', name: 'tot', request: 'interlibrary_loan' },
    { at: noon('2026-07-01'), kind: 'request', name: 'bo', request: 'interlibrary_loan' },
    { at: noon('2025-06-30'), kind: 'question' },
    { at: noon('2025-07-02'), kind: 'question' },
    { at: noon('2025-12-12'), kind: 'question', name: 'bo' },
    { at: noon('2026-04-04'), kind: 'question' },
    { at: noon('2026-07-01'), kind: 'question', name: 'ann' },
    { at: noon('2025-06-30'), kind: 'computer', name: 'ann' },
    { at: noon('2025-07-01'), kind: 'computer', name: 'ann' },
    { at: '2025-07-01T19:00:00.000Z', kind: 'computer', name: 'kid' },
    { at: noon('2026-02-14'), kind: 'computer', name: 'kid' },
    { at: noon('2026-06-30'), kind: 'computer', name: 'tot' },
    { at: noon('2026-07-01'), kind: 'computer', name: 'ann' },
  )
  return acts.sort((a, b) => a.at.localeCompare(b.at))
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

/** Page views sent to the website counter: who (address and browser), where and when (UTC). */
interface View {
  at: string
  address: string
  agent: string
  url: string
  gpc?: boolean
}
const OWN = 'http://localhost:3000'
const OTHER = 'https://www.library.example'
const VIEWS: View[] = [
  // The day before the year starts (UTC): one visit of two views.
  { at: '2025-06-30T23:50:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/` },
  { at: '2025-06-30T23:55:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/search?q=x` },
  // The first day: one visit of three views, then another after 40 idle minutes.
  { at: '2025-07-01T15:00:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/` },
  { at: '2025-07-01T15:10:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/wifi` },
  { at: '2025-07-01T15:20:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/privacy` },
  { at: '2025-07-01T16:00:00.000Z', address: '203.0.113.7', agent: FIREFOX, url: `${OWN}/` },
  // The library's own site, counted beside Carrel's pages.
  { at: '2026-01-15T10:00:00.000Z', address: '198.51.100.9', agent: SAFARI, url: `${OTHER}/events` },
  { at: '2026-01-15T10:29:00.000Z', address: '198.51.100.9', agent: SAFARI, url: `${OTHER}/hours` },
  // Robots and browsers asking not to be tracked count nothing.
  { at: '2026-03-03T12:00:00.000Z', address: '198.51.100.20', agent: BOT, url: `${OWN}/` },
  { at: '2026-03-03T12:05:00.000Z', address: '198.51.100.21', agent: SAFARI, url: `${OWN}/`, gpc: true },
  // The last UTC day, and a new visit just after it.
  { at: '2026-06-30T23:40:00.000Z', address: '2001:db8:1::5', agent: FIREFOX, url: `${OWN}/` },
  { at: '2026-07-01T00:20:00.000Z', address: '2001:db8:1::5', agent: FIREFOX, url: `${OWN}/` },
]

/** Visits as the definition says: a run of views from one address and browser on one site with gaps under 30 minutes, on the UTC day it began. */
function visitDays(views: View[]): string[] {
  const last = new Map<string, number>()
  const days: string[] = []
  for (const v of [...views].sort((a, b) => a.at.localeCompare(b.at))) {
    if (v.agent === BOT || v.gpc === true) continue
    const key = `${v.address} ${v.agent} ${new URL(v.url).host}`
    const at = Date.parse(v.at)
    const before = last.get(key)
    if (before === undefined || at - before >= 30 * 60_000) days.push(v.at.slice(0, 10))
    last.set(key, at)
  }
  return days
}

/** Every field as the test's own list of acts says it should be. */
function expected(acts: Act[]): Record<string, number | null> {
  const category = new Map<string, Who>()
  const registered = new Map<string, { day: string; expiresOn: string | undefined }>()
  const erased = new Set<string>()
  const borrower = new Map<number, string>()
  let circulation = 0
  let children = 0
  let ill = 0
  let questions = 0
  let sessions = 0
  for (const a of acts) {
    const day = localDay(a.at)
    if (a.kind === 'register') {
      category.set(a.name, a.category)
      registered.set(a.name, { day, expiresOn: a.expiresOn })
    }
    if (a.kind === 'erase') erased.add(a.name)
    if (a.kind === 'checkout') borrower.set(a.copy, a.name)
    if ((a.kind === 'checkout' || a.kind === 'renew') && inYear(day)) {
      circulation += 1
      if (category.get(borrower.get(a.copy) ?? '') === 'child') children += 1
    }
    if (a.kind === 'request' && a.request === 'interlibrary_loan' && inYear(day)) ill += 1
    if (a.kind === 'question' && inYear(day)) questions += 1
    if (a.kind === 'computer' && inYear(day)) sessions += 1
  }
  // A registration runs three years (cardValidityDays 1095) unless it was given an end.
  const threeYears = (day: string) => {
    const d = new Date(`${day}T12:00:00Z`)
    d.setUTCDate(d.getUTCDate() + 1095)
    return d.toISOString().slice(0, 10)
  }
  const regbor = [...registered].filter(
    ([name, r]) => !erased.has(name) && r.day <= TO && (r.expiresOn ?? threeYears(r.day)) >= TO,
  ).length
  const web = visitDays(VIEWS).filter(inYear).length
  return {
    REGBOR: regbor,
    TOTCIR: circulation,
    PHYSCIR: circulation,
    ELMATCIR: null,
    KIDCIRCL: children,
    LOANTO: null,
    LOANFM: ill,
    REFERENC: questions,
    PITUSR: sessions,
    WIFISESS: null,
    WEBVISIT: web,
  }
}

/** Carries out the acts through the services, in time order, on the test's clock. */
async function perform(ctx: AppContext, setClock: (iso: string) => void, acts: Act[]) {
  const library = await setUpLibrary(ctx)
  const desk = library.desk
  const officer = await staffActor(ctx, 'privacy_officer')
  const g = await computerGroup(ctx, { code: 'annual-pcs', computers: 1 })
  await rule(ctx, 'annual-pcs', '*', { daily: 240, session: 60 })
  const [pc] = g.devices
  if (pc === undefined) throw new Error('no computer')
  const { items } = await library.title(Array.from({ length: 9 }, () => ({})))
  const patrons = new Map<string, { id: string; barcode: string }>()
  const who = (name: string) => {
    const p = patrons.get(name)
    if (p === undefined) throw new Error(`no patron ${name}`)
    return p
  }
  const copy = (n: number) => items[n - 1]?.barcode ?? ''
  for (const a of acts) {
    setClock(a.at)
    if (a.kind === 'register') {
      const p = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput({
          category: a.category,
          ...(a.category === 'child' && { birthDate: '2016-04-04' }),
          ...(a.expiresOn !== undefined && { expiresOn: a.expiresOn }),
        }),
        card: { pin: PIN },
      })
      patrons.set(a.name, { id: p.id, barcode: p.cards[0]?.barcode ?? '' })
    }
    if (a.kind === 'erase') await erasePatron(ctx, officer, who(a.name).id)
    if (a.kind === 'checkout')
      await checkout(ctx, desk, { patronBarcode: who(a.name).barcode, itemBarcode: copy(a.copy), branch: 'main' })
    if (a.kind === 'renew') await renew(ctx, desk, { itemBarcode: copy(a.copy) })
    if (a.kind === 'checkin') await checkin(ctx, desk, { itemBarcode: copy(a.copy), branch: 'main' })
    if (a.kind === 'request')
      await createRequest(ctx, desk, { patronId: who(a.name).id, kind: a.request, title: 'A far-off book' })
    if (a.kind === 'question' && a.name === undefined)
      await submitPublicInquiry(ctx, { question: 'When is story time?', replyBy: 'desk', language: 'en' })
    if (a.kind === 'question' && a.name !== undefined)
      await submitOwnInquiry(ctx, { type: 'patron', id: who(a.name).id }, {
        question: 'Can I renew by phone?',
        replyBy: 'desk',
        language: 'en',
      })
    if (a.kind === 'computer') {
      await startSession(ctx, pc, { kind: 'card', barcode: who(a.name).barcode, pin: PIN })
      setClock(new Date(Date.parse(a.at) + 20 * 60_000).toISOString())
      await logOff(ctx, pc)
    }
  }
  // Website views through the real counter (GPC, robots, visits), written when it closes.
  const counter = new WebsiteCounter({
    db: ctx.statistics.db,
    config: ctx.config,
    clock: ctx.clock,
    logger: ctx.logger,
  })
  for (const v of VIEWS) {
    setClock(v.at)
    counter.record({
      url: v.url,
      address: v.address,
      headers: { userAgent: v.agent, ...(v.gpc === true && { gpc: '1' }) },
    })
  }
  await counter.close()
}

const valuesOf = (rows: AnnualRow[]) => Object.fromEntries(rows.map((r) => [r.field, r.value]))

describeEngines('annual report', (env) => {
  it('counts a seeded fiscal year exactly as the acts of the year say, and nothing from either side of it', async () => {
    const { ctx, clock } = env()
    const acts = actsOfTheYear()
    await perform(ctx, (iso) => clock.set(iso), acts)
    const want = expected(acts)
    // The seeded year is not trivial: each counted field has something in and something out.
    expect(want).toMatchObject({ REGBOR: 6, TOTCIR: 10, KIDCIRCL: 6, LOANFM: 3, REFERENC: 3, PITUSR: 4, WEBVISIT: 4 })

    clock.set('2026-08-15T15:00:00.000Z')
    const report = await annualReport(ctx, fiscalYearPeriod(2026, 7), t)
    expect(report.period).toEqual({ from: FROM, to: TO, fiscalYear: 2026 })
    expect(valuesOf(report.rows)).toEqual(want)
    expect(report.rows.map((r) => r.field)).toEqual(Object.keys(want))
    for (const r of report.rows) {
      expect(r.label).not.toBe('')
      expect(r.method).not.toBe('')
      expect(r.source === 'none').toBe(r.value === null)
    }
    expect(report.rows.find((r) => r.field === 'WIFISESS')?.method).toBe(
      "Not recorded by Carrel: take it from the library's network equipment.",
    )
    expect(report.rows.find((r) => r.field === 'KIDCIRCL')?.method).toContain('(child,')

    // Children's categories come from the setting; website visits stop when statistics are off.
    const other = await env().reopen({ statistics: { childCategories: ['adult'], enabled: false } })
    const changed = valuesOf((await annualReport(other, fiscalYearPeriod(2026, 7), t)).rows)
    expect(changed.KIDCIRCL).toBe((want.TOTCIR ?? 0) - (want.KIDCIRCL ?? 0))
    expect(changed.WEBVISIT).toBeNull()
  })
}, { statistics: { allowedSites: ['www.library.example'] } })
