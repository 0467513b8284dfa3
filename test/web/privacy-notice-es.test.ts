import { expect, it } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import { carrelVersion } from '../../src/policy/privacy-notice.js'
import { SCHEDULE } from '../../src/privacy/retention/schedule.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

const htmlLang = (body: string) => /<html lang="([^"]+)"/.exec(body)?.[1]
const hrefs = (body: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')
/** The page's own content, without the header and footer around it. */
const mainOf = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? body

/** Every series approved for disposal, as a library with its schedule in place configures it. */
const APPROVED = {
  retention: {
    authorities: Object.fromEntries(
      Object.keys(SCHEDULE).map((s) => [s, { application: '26-001', item: s }]),
    ),
  },
}

/** Sentences the page once said that Carrel does not make true (there is no such feature). */
const UNTRUE = [
  /visitor statistics/i,
  /estadísticas de visitas/i,
  /we (will )?(e-?mail|write to|notify) you/i,
  /(email|e-mail) you (about|when)/i,
  /le (enviaremos|escribiremos) un correo/i,
  /policy (changes|versions?) (are|is) (emailed|announced)/i,
  /shortened network address/i,
]

describeEngines('web: the privacy notice in both languages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('opens with a plain summary in Spanish at /es/privacy, leaves no English, and keeps links in Spanish', async () => {
    const page = await new WebClient(app).get('/es/privacy')
    expect(page.status).toBe(200)
    expect(htmlLang(page.body)).toBe('es')
    expect(page.setCookies).toEqual([])
    expect(englishLeftIn(page.body)).toEqual([])
    const text = textOf(page.body)
    for (const sentence of [
      'Aviso de privacidad',
      'Cómo protegemos su privacidad',
      'En pocas palabras',
      'No guardamos una lista de lo que usted ha devuelto.',
      'una tarjeta nueva vale por 3 años',
      'y 3 años después de que venza, si no tiene nada prestado ni debe nada',
      'Quién puede verlos',
      'A quién dirigirse',
      `Este aviso describe Carrel ${carrelVersion()}`,
      'Qué guardamos, para qué y por cuánto tiempo',
      'Número de licencia de conducir',
      'Para identificar al usuario y comunicarse con él sobre su cuenta.',
      'Mientras la tarjeta esté vigente, y 3 años después de que venza',
      'Uso de las computadoras públicas',
      'su PIN se comprueba y nunca se guarda',
      'Un pase de invitado no está ligado a nadie.',
    ])
      expect(text).toContain(sentence)
    // The summary comes before the generated detail.
    expect(text.indexOf('En pocas palabras')).toBeLessThan(
      text.indexOf('Qué guardamos, para qué y por cuánto tiempo'),
    )
    // The date this copy was made, in Spanish.
    expect(text).toMatch(/Esta copia se hizo el \d{1,2} [a-z]{3}\.? \d{4}\./)
    const links = hrefs(mainOf(page.body))
    for (const l of ['/es/transparency', '/es/databases', '/es/wifi']) expect(links).toContain(l)
    for (const l of ['/account/my-data?lang=es', '/account/history?lang=es'])
      expect(links).toContain(l)
    // Every link of the page's own content stays in Spanish.
    expect(links.filter((l) => l.startsWith('/') && !/^\/es\/|lang=es/.test(l))).toEqual([])
  })

  it('says the same in English at /privacy and /en/privacy', async () => {
    for (const address of ['/privacy', '/en/privacy']) {
      const page = await new WebClient(app).get(address)
      expect(page.status).toBe(200)
      expect(htmlLang(page.body)).toBe('en')
      const text = textOf(page.body)
      for (const sentence of [
        'How we protect your privacy',
        'In short',
        'We do not keep a list of what you have returned.',
        'a new card is valid for 3 years',
        'and 3 years after it expires, if nothing is still out or owed',
        'Who can see it',
        'Whom to contact',
        `This notice describes Carrel ${carrelVersion()}`,
        'What we keep, why, and for how long',
        "Driver's license number",
        'To identify the patron and to contact them about their account.',
        'Using the public computers',
        'your PIN is checked and never stored',
        'A guest pass is not linked to anyone.',
      ])
        expect(text, address).toContain(sentence)
      expect(text).toMatch(/This copy was made on [A-Z][a-z]{2} \d{1,2}, \d{4}\./)
      // The check that guards the Spanish page does see the generated detail's English.
      expect(englishLeftIn(page.body)).toContain(
        'To identify the patron and to contact them about their account.',
      )
    }
  })

  it('names the library to contact, and offers the access log only where the library shows it', async () => {
    const ctx = await env().reopen({
      library: { name: 'Prairie Lakes Library' },
      web: { showAccessLog: false },
    })
    const other = await buildHttpApp(ctx)
    try {
      for (const [address, contact] of [
        ['/privacy', 'ask at any desk of Prairie Lakes Library for the privacy officer'],
        ['/es/privacy', 'en cualquier mostrador de Prairie Lakes Library'],
      ] as const) {
        const page = await new WebClient(() => other).get(address)
        expect(textOf(page.body)).toContain(contact)
        expect(hrefs(mainOf(page.body)).some((l) => l.startsWith('/account/accesses'))).toBe(false)
      }
    } finally {
      await other.close()
    }
    const shown = await new WebClient(app).get('/privacy')
    expect(hrefs(mainOf(shown.body))).toContain('/account/accesses')
  })

  it('names the privacy contact the library configured, with working email and phone links', async () => {
    const ctx = await env().reopen({
      library: {
        name: 'Prairie Lakes Library',
        privacyContact: {
          name: 'Dana Ortiz, privacy officer',
          email: 'privacy@prairielakes.example.org',
          phone: '(217) 555-0147',
        },
      },
    })
    const other = await buildHttpApp(ctx)
    try {
      const en = await new WebClient(() => other).get('/privacy')
      expect(textOf(en.body)).toContain(
        'get in touch with Dana Ortiz, privacy officer: by email at privacy@prairielakes.example.org by phone at (217) 555-0147 or at any desk of Prairie Lakes Library.',
      )
      expect(en.body).toContain('href="mailto:privacy@prairielakes.example.org"')
      expect(en.body).toContain('href="tel:2175550147"')
      expect(textOf(en.body)).not.toContain('for the privacy officer.')
      const es = await new WebClient(() => other).get('/es/privacy')
      expect(textOf(es.body)).toContain(
        'comuníquese con Dana Ortiz, privacy officer: por correo electrónico a privacy@prairielakes.example.org por teléfono al (217) 555-0147 o en cualquier mostrador de Prairie Lakes Library.',
      )
      expect(englishLeftIn(es.body)).toEqual([])
    } finally {
      await other.close()
    }
    // A contact with neither email nor phone, or a malformed email, is refused at start-up.
    await expect(
      env().reopen({ library: { privacyContact: { name: 'Privacy', email: 'not an address' } } }),
    ).rejects.toThrow(/privacyContact/)
  })

  it('describes each outside database in the page’s language, and in English where it has no other', async () => {
    const ctx = await env().reopen({
      web: {
        thirdPartyDatabases: [
          {
            name: 'Genealogy Index',
            url: 'https://genealogy.example.com/',
            description: { en: 'Family records.', es: 'Registros de familias.' },
          },
          {
            name: 'Maps Online',
            url: 'https://maps.example.com/',
            description: { en: 'Old maps.' },
          },
          { name: 'Plain', url: 'https://plain.example.com/', description: 'Same in both.' },
        ],
      },
    })
    const other = await buildHttpApp(ctx)
    try {
      const en = textOf((await new WebClient(() => other).get('/databases')).body)
      expect(en).toContain('Family records.')
      expect(en).toContain('Old maps.')
      expect(en).toContain('Same in both.')
      const es = textOf((await new WebClient(() => other).get('/es/databases')).body)
      expect(es).toContain('Registros de familias.')
      expect(es).not.toContain('Family records.')
      expect(es).toContain('Old maps.')
      expect(es).toContain('Same in both.')
    } finally {
      await other.close()
    }
    // The examples shipped with Carrel are written in both languages.
    const shipped = await new WebClient(app).get('/es/databases')
    expect(textOf(shipped.body)).toContain('Artículos de consulta general.')
    expect(englishLeftIn(shipped.body)).toEqual([])
  })

  it('follows the configuration: card validity, and whether records may yet be destroyed', async () => {
    const before = await new WebClient(app).get('/es/privacy')
    // No disposal approval configured: the notice says records are kept for now.
    expect(textOf(before.body)).toContain('todavía no ha anotado la aprobación del estado')
    expect(textOf(before.body)).toContain(
      'Como máximo 30 días después de prepararse, se haya enviado o no. Hasta que la biblioteca anote su aprobación, estos registros no se destruyen.',
    )
    const ctx = await env().reopen({ patrons: { cardValidityDays: 2 * 365 }, ...APPROVED })
    const other = await buildHttpApp(ctx)
    try {
      const es = textOf((await new WebClient(() => other).get('/es/privacy')).body)
      expect(es).toContain('una tarjeta nueva vale por 2 años')
      expect(es).not.toContain('todavía no ha anotado la aprobación')
      expect(es).not.toContain('Hasta que la biblioteca anote su aprobación')
      expect(es).toContain('Como máximo 30 días después de prepararse')
      const en = textOf((await new WebClient(() => other).get('/privacy')).body)
      expect(en).toContain('a new card is valid for 2 years')
      expect(en).not.toContain('not yet recorded the state approval')
      expect(en).not.toContain('Until the library records its approval')
      expect(en).toContain('At most 30 days after it is written')
    } finally {
      await other.close()
    }
  })

  it('claims nothing Carrel does not do: no visitor statistics, no promised emails', async () => {
    for (const address of ['/privacy', '/es/privacy']) {
      const text = textOf((await new WebClient(app).get(address)).body)
      for (const claim of UNTRUE) expect(text, `${address}: ${claim}`).not.toMatch(claim)
    }
  })
})
