import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { addClosedDay, saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient, type Page } from './web-client.js'
import { useWebApp } from './web-harness.js'

const htmlLang = (body: string) => /<html lang="([^"]+)"/.exec(body)?.[1]

const weekdays = (days: number[], opens: string, closes: string) =>
  days.map((weekday) => ({ weekday, opens, closes }))

/** A page a visitor reads: found, no cookie (P7), and the given sentences in its text. */
function expectPage(page: Page, url: string, sentences: string[], status = 200): string {
  expect(page.status, url).toBe(status)
  expect(page.setCookies, url).toEqual([])
  const text = textOf(page.body)
  for (const s of sentences) expect(text, url).toContain(s)
  return text
}

describeEngines('web: hours and locations', (env) => {
  const app = useWebApp(() => env().ctx)

  it('says open or closed now on the library clock, through a daylight-saving change', async () => {
    const { ctx, clock } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'west', name: 'West Branch' })
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'west', {
      address: '9 Sumac Lane',
      phone: '',
      hours: weekdays([0, 1, 2, 3, 4, 5, 6], '09:00', '17:00'),
    })
    const c = new WebClient(app)
    const status = async () =>
      /<p class="branch-status">(.*?)<\/p>/.exec((await c.get('/branches/west')).body)?.[1]
    // Sunday 8 March 2026, the day Chicago moves to daylight time: 14:30 UTC is 9:30 there.
    clock.set('2026-03-08T14:30:00Z')
    expect(textOf((await status()) ?? '').trim()).toBe('Open now, until 5:00 PM.')
    clock.set('2026-03-08T22:30:00Z')
    expect(textOf((await status()) ?? '').trim()).toBe('Closed now. Opens tomorrow at 9:00 AM.')
    // Sunday 1 November 2026, back to standard time: 14:30 UTC is 8:30.
    clock.set('2026-11-01T14:30:00Z')
    expect(textOf((await status()) ?? '').trim()).toBe('Closed now. Opens today at 9:00 AM.')
    clock.set('2026-11-01T15:30:00Z')
    expect(textOf((await status()) ?? '').trim()).toBe('Open now, until 5:00 PM.')
  })

  it('lists every branch with its address, this week’s hours and the closed days coming up', async () => {
    const { ctx, clock } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'main', {
      address: '200 Larkspur Avenue\nMillbrook, IL 60999',
      phone: '(312) 555-0142',
      email: 'ask@library.example.org',
      hours: [
        ...weekdays([1, 2, 3, 4, 5], '09:00', '17:00'),
        { weekday: 6, opens: '10:00', closes: '13:00' },
        { weekday: 6, opens: '14:00', closes: '18:00' },
      ],
    })
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'east', {
      address: '48 Orchard Street\nMillbrook, IL 60999',
      phone: '(312) 555-0167',
      hours: weekdays([1, 2, 3, 4, 5], '12:00', '20:00'),
    })
    const close = (b: object) => addClosedDay(ctx, SYSTEM_ACTOR, b)
    await close({ branch: 'main', weekday: 0, note: 'Closed on Sundays' })
    await close({ branch: '*', date: '2026-01-19', note: 'Martin Luther King Jr. Day' })
    await close({ branch: 'east', date: '2026-01-22', note: 'Painting the reading room' })
    await close({ branch: 'east', weekday: 3 })
    await close({ branch: '*', date: '2026-04-01', note: 'Beyond the sixty days' })
    // Thursday 15 January 2026, 10:00 in Chicago.
    clock.set('2026-01-15T16:00:00Z')

    const c = new WebClient(app)
    const list = await c.get('/branches')
    const text = expectPage(list, '/branches', [
      'Hours and locations',
      'East Branch',
      '200 Larkspur Avenue Millbrook, IL 60999',
      '(312) 555-0142',
      'ask@library.example.org',
      '48 Orchard Street',
      'Open now, until 5:00 PM.',
      'Closed now. Opens today at 12:00 PM.',
      'Thursday, January 15 (today) 9:00 AM to 5:00 PM',
      'Saturday, January 17 10:00 AM to 1:00 PM and 2:00 PM to 6:00 PM',
      'Sunday, January 18 Closed: Closed on Sundays',
      'Monday, January 19 Closed: Martin Luther King Jr. Day',
      'Closed every Sunday: Closed on Sundays',
      'Closed every Wednesday',
      'In the next 60 days:',
      'Monday, January 19: Martin Luther King Jr. Day',
      'Thursday, January 22: Painting the reading room',
    ])
    expect(text).not.toContain('Beyond the sixty days')
    expect(text.match(/Painting the reading room/g)).toHaveLength(1)
    expect(list.body).toContain('href="/branches/east"')
    expect(list.body).toContain('href="tel:3125550142"')
    expect(list.body).toContain('<title>Hours and locations – ')

    const east = await c.get('/branches/east')
    const eastText = expectPage(east, '/branches/east', [
      'All branches',
      'Closed now. Opens today at 12:00 PM.',
      'Regular hours',
      'Monday 12:00 PM to 8:00 PM',
      'Saturday Closed',
      'Thursday, January 22: Painting the reading room',
    ])
    expect(east.body).toMatch(/<h1>East Branch<\/h1>/)
    expect(eastText).not.toContain('ask@library.example.org')
    // After five it is closed until the morning; in the lunch break until two; on Sunday and the holiday until Tuesday.
    clock.set('2026-01-15T23:30:00Z')
    expectPage(await c.get('/branches/main'), '/branches/main', [
      'Closed now. Opens tomorrow at 9:00 AM.',
    ])
    clock.set('2026-01-17T19:30:00Z')
    expectPage(await c.get('/branches/main'), '/branches/main', [
      'Closed now. Opens today at 2:00 PM.',
    ])
    clock.set('2026-01-18T16:00:00Z')
    expectPage(await c.get('/branches/main'), '/branches/main', [
      'Closed now. Opens Tuesday, January 20 at 9:00 AM.',
    ])

    // The same in Spanish, with every link kept in Spanish.
    clock.set('2026-01-15T16:00:00Z')
    const es = await c.get('/es/branches')
    expect(htmlLang(es.body)).toBe('es')
    expect(englishLeftIn(es.body)).toEqual([])
    expectPage(es, '/es/branches', [
      'Horarios y sucursales',
      'Abierto ahora, hasta las 5:00 p.m.',
      'Cerrado ahora. Abre hoy a las 12:00 p.m.',
      'Jueves 15 de enero (hoy) 9:00 a.m. a 5:00 p.m.',
      'Lunes 19 de enero Cerrado: Martin Luther King Jr. Day',
      'Cerrado cada domingo: Closed on Sundays',
      'En los próximos 60 días:',
    ])
    expect(es.body).toContain('href="/es/branches/east"')
    clock.set('2026-01-17T18:30:00Z')
    expectPage(await c.get('/es/branches/main'), '/es/branches/main', [
      'Abierto ahora, hasta la 1:00 p.m.',
      'Horario habitual',
      'Sábado 10:00 a.m. a 1:00 p.m. y 2:00 p.m. a 6:00 p.m.',
    ])
  })

  it('answers an unknown branch with a 404 page in the page’s language', async () => {
    const c = new WebClient(app)
    const en = await c.get('/branches/nowhere')
    expectPage(en, '/branches/nowhere', ['There is no branch at this address.'], 404)
    const es = await c.get(`/es/branches/${'x'.repeat(60)}`)
    expectPage(es, '/es/branches/…', ['No hay ninguna sucursal en esta dirección.'], 404)
    expect(htmlLang(es.body)).toBe('es')
  })

  it('is linked from the home page, the menu and the footer', async () => {
    const c = new WebClient(app)
    for (const [home, link] of [
      ['/', '/branches'],
      ['/es/', '/es/branches'],
    ] as const) {
      const page = await c.get(home)
      expectPage(page, home, [])
      // The home page's card, the menu and the footer.
      expect(page.body.split(`href="${link}"`).length - 1, home).toBe(3)
    }
  })
})
