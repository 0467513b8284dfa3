import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createRecord, updateItem } from '../../src/catalog/catalog.service.js'
import { translator } from '../../src/i18n/i18n.js'
import { setOwnLanguage } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { englishLeftIn } from './english-left.js'
import { hiddenValue, textOf, WebClient, type Page } from './web-client.js'
import { patronWithPin, PIN, useWebApp } from './web-harness.js'

const htmlLang = (body: string) => /<html lang="([^"]+)"/.exec(body)?.[1]

/** Same-site addresses a page links to or posts to, entities decoded, the language switch left out. */
function internalLinks(html: string): string[] {
  const withoutSwitch = html.replace(/<ul class="language-switch"[\s\S]*?<\/ul>/, '')
  return [...withoutSwitch.matchAll(/\s(?:href|action)="([^"]*)"/g)]
    .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    .filter((u) => u.startsWith('/') && !u.startsWith('//'))
}

/** Every internal link stays in Spanish: a `/es/` prefix, or `lang=es` in the account area. */
function expectLinksInSpanish(html: string, url: string): void {
  const links = internalLinks(html)
  expect(links.length, url).toBeGreaterThan(0)
  for (const link of links) {
    if (link.startsWith('/assets/') || link === '/staff/sign-in') continue
    const account = /^\/account(?:[/?]|$)/.test(link)
    expect(
      account ? new URLSearchParams(link.split('?')[1] ?? '').get('lang') : link.slice(0, 4),
      `${url} links to ${link}`,
    ).toBe(account ? 'es' : '/es/')
  }
}

/** A page in Spanish: the language declared, no English sentence of the catalog, links kept. */
function expectSpanish(page: Page, url: string, sentences: string[], status = 200): void {
  expect(page.status, url).toBe(status)
  expect(htmlLang(page.body), url).toBe('es')
  expect(englishLeftIn(page.body), url).toEqual([])
  expectLinksInSpanish(page.body, url)
  const text = textOf(page.body)
  for (const s of sentences) expect(text, url).toContain(s)
}

function expectEnglish(page: Page, url: string, sentences: string[], status = 200): void {
  expect(page.status, url).toBe(status)
  expect(htmlLang(page.body), url).toBe('en')
  expect(page.body, url).not.toMatch(/catalogue/i)
  const text = textOf(page.body)
  for (const s of sentences) expect(text, url).toContain(s)
}

describeEngines('web: the public pages and the sign-in form in Spanish and English', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows the home page, the notices and the exit page in either language', async () => {
    const c = new WebClient(app)
    const pages: [string, string[], string[]][] = [
      [
        '/',
        ['Le damos la bienvenida a', 'Lea cómo protegemos su privacidad', 'Ir a su cuenta'],
        ['Welcome to', 'Read how we protect your privacy', 'Go to your account'],
      ],
      [
        '/wifi',
        [
          'Lo que se envía por la red inalámbrica de la biblioteca no está cifrado.',
          'Lea el aviso de privacidad.',
        ],
        ["Traffic on the library's wireless network is not encrypted.", 'Read the privacy notice.'],
      ],
      [
        '/databases',
        ['Bases de datos en línea', 'Cada uno pone sus propias cookies'],
        ['Online databases', 'Each one sets its own cookies'],
      ],
      [
        '/leaving?to=https%3A%2F%2Fnews-archive.example.com%2Fpaper',
        [
          'Está saliendo del sitio web de la biblioteca',
          'Continuar a news-archive.example.com',
          'Quedarme en el sitio web de la biblioteca',
        ],
        [
          "You are leaving the library's website",
          'Continue to news-archive.example.com',
          "Stay on the library's website",
        ],
      ],
    ]
    for (const [url, spanish, english] of pages) {
      expectSpanish(await c.get(`/es${url}`), `/es${url}`, spanish)
      expectEnglish(await c.get(url), url, english)
    }
    // "https" stays as it is typed in an address, inside each language's sentence.
    expect((await c.get('/es/wifi')).body).toContain(
      'Use sitios web cuya dirección empiece con <strong>https</strong>. Esos sitios cifran',
    )
    expect((await c.get('/wifi')).body).toContain(
      'Use websites whose address starts with <strong>https</strong>. They encrypt',
    )
    const home = await c.get('/es/')
    expect(home.body).toContain('action="/es/search"')
    expect(home.body).toContain('href="/account?lang=es"')
    expect(home.body).toContain('<title>Inicio – ')

    const dbs = await c.get('/es/databases')
    const databases = env().ctx.config.web.thirdPartyDatabases
    expect(textOf(dbs.body).match(/Pone sus propias cookies/g)?.length ?? 0).toBe(databases.length)
    for (const db of databases) {
      expect(dbs.body).toContain(`href="/es/leaving?to=${encodeURIComponent(db.url)}"`)
      expect(textOf(dbs.body)).toContain(`Abrir ${db.name}`)
      expect(textOf(dbs.body)).toContain(`Lo ofrece otra empresa, en ${new URL(db.url).host}.`)
    }

    const exit = await c.get('/es/leaving?to=https%3A%2F%2Fnews-archive.example.com%2Fpaper')
    expect(exit.headers['referrer-policy']).toBe('no-referrer')
    expect(exit.body).toContain('href="/es/"')

    const refused = await c.get('/es/leaving?to=javascript%3Aalert(1)')
    expectSpanish(
      refused,
      '/es/leaving (refused)',
      ['Ese enlace no lleva a un sitio web que podamos mostrar.'],
      400,
    )
    expectEnglish(
      await c.get('/leaving?to=javascript%3Aalert(1)'),
      '/leaving (refused)',
      ['That link does not lead to a website we can show.'],
      400,
    )
  })

  it('searches, counts, pages and explains problems in either language', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}, {}, { branch: 'east' }], 'Farolas del Norte')
    await updateItem(ctx, SYSTEM_ACTOR, items[2]?.barcode ?? '', { status: 'not_for_loan' })
    const c = new WebClient(app)

    expectSpanish(await c.get('/es/search'), '/es/search', [
      'Buscar en el catálogo',
      'Buscar por título, autor o palabra clave',
      'Buscar por título, autor o ISBN por separado',
    ])
    expectEnglish(await c.get('/search'), '/search', [
      'Search the catalog',
      'Search by title, author or keyword',
    ])

    const found = await c.get('/es/search?q=farolas')
    expectSpanish(found, '/es/search?q=farolas', [
      'Se encontró 1 título',
      'Main: 2 disponibles (2 ejemplares)',
      'East Branch: ninguno disponible ahora (1 ejemplar)',
      'Ada Mercer · 2021 · Libro',
    ])
    expect(found.body).toContain(`href="/es/records/${record.id}"`)
    expect(found.body).toContain('<title>Resultados de la búsqueda – ')
    expectEnglish(await c.get('/search?q=farolas'), '/search?q=farolas', [
      '1 title found',
      'Main: 2 available (2 copies)',
      'East Branch: all copies in use (1 copy)',
      'Ada Mercer · 2021 · Book',
    ])

    expectSpanish(await c.get('/es/search?q=zzzznada'), '/es/search (none)', [
      'No se encontró ningún título',
      'Pruebe con menos palabras o revise cómo están escritas.',
    ])
    expectEnglish(await c.get('/search?q=zzzznada'), '/search (none)', [
      'No titles found',
      'Try fewer words, or check the spelling.',
    ])

    // More titles than one page holds: the count, the range shown and the paging links.
    for (let i = 0; i < 23; i++)
      await createRecord(ctx, SYSTEM_ACTOR, {
        title: `Zumbido ${String(i).padStart(2, '0')}`,
        materialType: 'audiobook',
      })
    const first = await c.get('/es/search?q=zumbido')
    expectSpanish(first, '/es/search?q=zumbido', [
      'Se encontraron 23 títulos; se muestran del 1 al 20',
      'Página siguiente',
      'Audiolibro',
      'Por ahora no hay ejemplares para prestar.',
    ])
    expect(first.body).toContain('href="/es/search?q=zumbido&amp;offset=20"')
    const second = await c.get('/es/search?q=zumbido&offset=20')
    expectSpanish(second, '/es/search?q=zumbido&offset=20', [
      'Se encontraron 23 títulos; se muestran del 21 al 23',
      'Página anterior',
    ])
    expectEnglish(await c.get('/search?q=zumbido&offset=20'), '/search (page 2)', [
      '23 titles found, showing 21–23',
      'Previous page',
      'Audiobook',
    ])

    const tooLong = `/search?q=${'x'.repeat(300)}`
    expectSpanish(
      await c.get(`/es${tooLong}`),
      '/es/search (too long)',
      ['No pudimos leer su búsqueda.'],
      400,
    )
    expectEnglish(
      await c.get(tooLong),
      '/search (too long)',
      ['Your search could not be read.'],
      400,
    )
    expectSpanish(
      await c.get('/es/search?q=%25'),
      '/es/search (no words)',
      ['Escriba algunas palabras para buscar, o un ISBN.'],
      400,
    )
    expectEnglish(
      await c.get('/search?q=%25'),
      '/search (no words)',
      ['Type some words to search for, or an ISBN.'],
      400,
    )
  })

  it('shows a title, its copies as words, and the way to place a hold in either language', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}, { branch: 'east' }], 'Mareas de Invierno')
    await updateItem(ctx, SYSTEM_ACTOR, items[1]?.barcode ?? '', { status: 'not_for_loan' })
    const c = new WebClient(app)
    const url = `/records/${record.id}`
    const page = await c.get(`/es${url}`)
    expectSpanish(page, `/es${url}`, [
      'Mareas de Invierno',
      'Formato',
      'Libro',
      'Dónde encontrarlo',
      'En el estante',
      'Solo para usar en la biblioteca',
      'Haga una reserva y le guardaremos el próximo ejemplar',
    ])
    const hold = `/account/holds/new?record=${record.id}&lang=es`
    expect(page.body).toContain(`href="${hold.replace('&', '&amp;')}"`)
    // Placing the hold asks for the card first, and the sign-in form is in Spanish too.
    const toSignIn = await c.get(hold)
    expect(toSignIn.status).toBe(303)
    const form = await c.get(toSignIn.location ?? '')
    expectSpanish(form, 'sign-in for a hold', ['Inicie sesión en su cuenta'])
    expect(form.body).toContain(`name="next" value="${hold.replace('&', '&amp;')}"`)

    expectEnglish(await c.get(url), url, [
      'Format',
      'Where to find it',
      'On the shelf',
      'Library use only',
      'Place a hold',
    ])

    expectSpanish(
      await c.get('/es/records/no-such-record'),
      '/es/records (missing)',
      [translator('es')('errors.codes.RECORD_NOT_FOUND')],
      404,
    )
    expectEnglish(
      await c.get('/records/no-such-record'),
      '/records (missing)',
      [translator('en')('errors.codes.RECORD_NOT_FOUND')],
      404,
    )
  })

  it('counts requests for patron records in either language', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    expectSpanish(await c.get('/es/transparency'), '/es/transparency (none)', [
      'Solicitudes de registros de usuarios',
      'No se ha recibido ninguna solicitud.',
    ])
    expectEnglish(await c.get('/transparency'), '/transparency (none)', [
      'No requests have been received.',
    ])
    const { registerLegalRequest, decideLegalRequest } =
      await import('../../src/privacy/legal/legal-requests.service.js')
    const officer = await staffActor(ctx, 'privacy_officer')
    const p = await (await setUpLibrary(ctx)).patron()
    const req = await registerLegalRequest(ctx, officer, {
      kind: 'other',
      requesterName: 'Pat Requester',
      requesterAgency: 'Acme Employment Checks',
      documents: 'Letter asking for a borrowing record',
      patronId: p.id,
      scope: { parts: ['registration'], fields: ['familyName'] },
    })
    await decideLegalRequest(ctx, officer, req.id, { decision: 'refuse', note: 'No court order' })
    const page = await c.get('/es/transparency')
    expectSpanish(page, '/es/transparency', [
      'Solicitudes recibidas, atendidas y rechazadas, por año',
      'Tipo de solicitud',
    ])
    expect(textOf(page.body)).toMatch(/\d{4}\s*Otras solicitudes\s*\d+\s*0\s*\d+/)
    expectEnglish(await c.get('/transparency'), '/transparency', [
      'Requests received, released and refused, by year',
      'Other requests',
    ])
  })

  it('keeps the sign-in form, its refusals and the page after it in the language chosen', async () => {
    const { ctx, clock } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    const form = await c.get('/account/sign-in?lang=es')
    expectSpanish(form, '/account/sign-in?lang=es', [
      'Inicie sesión en su cuenta',
      'Número de la tarjeta de la biblioteca',
      '¿Olvidó su PIN?',
    ])
    expect(form.body).toContain('action="/account/sign-in?lang=es"')
    expect(form.body).toContain('<title>Iniciar sesión – ')
    expectEnglish(await c.get('/account/sign-in'), '/account/sign-in', [
      'Sign in to your account',
      'Library card number',
      'Forgot your PIN?',
    ])
    expectSpanish(await c.get('/account/sign-in?changed=pin&lang=es'), 'after a PIN change', [
      'Su PIN ya se cambió.',
    ])

    const token = hiddenValue(form.body, '_form')
    const post = (fields: Record<string, string>) =>
      c.post('/account/sign-in?lang=es', { _form: token, next: '/account', ...fields })
    const wrong = await post({ barcode: patron.barcode, pin: '11223344' })
    expectSpanish(wrong, 'a wrong PIN', ['El número de la tarjeta o el PIN no es correcto.'], 422)
    expect(wrong.setCookies).toEqual([])
    const stale = await c.post('/account/sign-in?lang=es', {
      _form: 'nothing.AAAA',
      next: '/account',
      barcode: patron.barcode,
      pin: PIN,
    })
    expectSpanish(stale, 'an expired form', ['El formulario para iniciar sesión venció.'], 403)

    const locked = await patronWithPin(ctx)
    for (let i = 0; i < ctx.config.cards.lockoutMaxFailures; i++)
      await post({ barcode: locked.barcode, pin: '11223344' })
    expectSpanish(
      await post({ barcode: locked.barcode, pin: PIN }),
      'a locked card',
      ['esta tarjeta quedó bloqueada por un rato'],
      423,
    )

    // Signed in, the patron lands on the page asked for, still in Spanish.
    await ctx.db
      .updateTable('patrons')
      .set({ expires_on: '2000-01-01' })
      .where('id', '=', patron.id)
      .execute()
    const ok = await post({ barcode: patron.barcode, pin: PIN })
    expect(ok.status).toBe(303)
    expect(ok.location).toBe('/account?lang=es')
    const account = await c.get(ok.location ?? '')
    expect(htmlLang(account.body)).toBe('es')
    expect(textOf(account.body)).toContain('Su tarjeta está vencida.')

    // Without a language in the address, the flash follows the patron's stored choice, as the page does.
    const stored = await patronWithPin(ctx)
    await setOwnLanguage(ctx, { type: 'patron', id: stored.id }, { language: 'es' })
    await ctx.db
      .updateTable('patrons')
      .set({ expires_on: '2000-01-01' })
      .where('id', '=', stored.id)
      .execute()
    const other = new WebClient(app, { 'accept-language': 'en' })
    const plain = await other.post('/account/sign-in', {
      _form: hiddenValue((await other.get('/account/sign-in')).body, '_form'),
      next: '/account',
      barcode: stored.barcode,
      pin: PIN,
    })
    expect(plain.location).toBe('/account')
    const mine = await other.get('/account')
    expect(htmlLang(mine.body)).toBe('es')
    expect(textOf(mine.body)).toContain('Su tarjeta está vencida.')

    // Too many wrong PINs from one address: told how long to wait, in Spanish and in English.
    clock.advance(60 * 60_000)
    const fresh = hiddenValue((await c.get('/account/sign-in?lang=es')).body, '_form')
    let answer: Page | undefined
    for (let i = 0; i <= ctx.config.security.addressFailureLimit; i++)
      answer = await c.post('/account/sign-in?lang=es', {
        _form: fresh,
        next: '/account',
        barcode: `2999000${String(i).padStart(7, '0')}`,
        pin: '13572468',
      })
    expectSpanish(
      answer as Page,
      'a throttled address',
      ['Desde esta red se escribieron demasiados PIN equivocados.'],
      429,
    )
    expect(textOf(answer?.body ?? '')).toMatch(/Espere \d+ minutos? e inténtelo de nuevo\./)
    expect(Number(answer?.headers['retry-after'])).toBeGreaterThan(0)
    const english = await c.post('/account/sign-in', {
      _form: fresh,
      next: '/account',
      barcode: '29990009999999',
      pin: '13572468',
    })
    expectEnglish(
      english,
      'a throttled address',
      ['Too many wrong PINs came from this network.'],
      429,
    )
    expect(textOf(english.body)).toMatch(/Wait \d+ minutes? and try again\./)
  })
})
