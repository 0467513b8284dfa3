import { expect, it } from 'vitest'
import { listFees } from '../../src/circulation/fees.service.js'
import { currentLoans } from '../../src/circulation/loans.service.js'
import { formatsFor } from '../../src/i18n/i18n.js'
import { describeEngines } from '../harness/engines.js'
import { busyPatron } from './busy-patron.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient, type Page } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

const htmlLang = (body: string) => /<html lang="([^"]+)"/.exec(body)?.[1]

/** Every address a page links or posts to, the language switch aside (it names the other one). */
function internalTargets(body: string): string[] {
  const page = body.replace(/<ul class="language-switch"[\s\S]*?<\/ul>/, '')
  return [...page.matchAll(/(?:href|action)="(\/[^"]*)"/g)]
    .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    .filter((url) => !url.startsWith('/assets/'))
}

/** Links that would lose the page's language on the way: none should. */
function linksLosingLanguage(body: string, locale: 'es' | 'en'): string[] {
  return internalTargets(body).filter((url) => {
    // Signing out and the staff door leave the patron's pages; the staff area is English only.
    if (url === '/account/sign-out' || url.startsWith('/staff')) return false
    if (url.startsWith('/account')) return !new RegExp(`[?&]lang=${locale}(&|$)`).test(url)
    return !url.startsWith(`/${locale}/`)
  })
}

describeEngines('web: the account pages in Spanish and in English', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows every account page in Spanish with no English left, links kept in Spanish, Spanish dates and money', async () => {
    const { ctx } = env()
    const { patron, queuedId, spareRecord } = await busyPatron(ctx, env().clock)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const es = formatsFor('es', ctx.config.library.timezone)

    const pages: [string, string[]][] = [
      ['/account', ['Su cuenta', 'Listo para recoger', 'Préstamos', 'Atrasado', 'Renovar']],
      [
        '/account/holds',
        [
          'Para hacer una nueva reserva,',
          'busque el título en el catálogo',
          'En espera: usted es el número 1 de la lista.',
          'Código para recoger:',
          'Pausar la reserva',
        ],
      ],
      [`/account/holds/${queuedId}/cancel`, ['¿Cancelar esta reserva?', 'Sí, cancelar la reserva']],
      [`/account/holds/new?record=${spareRecord}`, ['Hacer una reserva', 'Recogerlo en']],
      ['/account/fines', ['Multas y saldo de la tarjeta', 'Multa por atraso', 'Tidewater Almanac']],
      ['/account/history', ['Historial de lectura', 'Desactivarlo lo borra:', 'Salt Roads']],
      [
        '/account/history/erase',
        ['¿Desactivar y borrar su historial de lectura?', 'Se borrará 1 material devuelto.'],
      ],
      ['/account/choices', ['Mensajes de la biblioteca', 'Idioma de su cuenta', 'Español']],
      [
        '/account/my-data',
        [
          'Mis datos',
          'Inscripción',
          'Por qué lo guardamos Para identificarlo y comunicarnos con usted sobre su cuenta.',
          'Apellido',
          'Multa por atraso',
          'En espera',
          'Reserva lista para recoger',
          'aviso de privacidad',
        ],
      ],
      ['/account/accesses', ['Quién consultó mi registro', 'Bibliotecario', 'Abrió su registro']],
      ['/account/pin', ['Cambiar su PIN', 'PIN actual', 'Repita el PIN nuevo']],
    ]
    for (const [path, sentences] of pages) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lang=es`
      const page = await c.get(url)
      expect({ url, status: page.status }).toEqual({ url, status: 200 })
      expect({ url, lang: htmlLang(page.body) }).toEqual({ url, lang: 'es' })
      expect({ url, english: englishLeftIn(page.body) }).toEqual({ url, english: [] })
      expect({ url, lost: linksLosingLanguage(page.body, 'es') }).toEqual({ url, lost: [] })
      const text = textOf(page.body)
      for (const sentence of sentences) expect(text, url).toContain(sentence)
      // No code, column name or id is left for the patron to decode.
      expect(text, url).not.toMatch(/\b(queued|overdue_fine|checked_out_at|hold_ready)\b/)
    }

    // Dates and money as a Spanish reader in the library's time zone writes them.
    const [loan] = await currentLoans(ctx, { type: 'patron', id: patron.id }, patron.id)
    const home = textOf((await c.get('/account?lang=es')).body)
    expect(home).toContain(es.date(loan?.dueAt))
    const { owedCents } = await listFees(ctx, { type: 'patron', id: patron.id }, patron.id)
    expect(owedCents).toBeGreaterThan(0)
    expect(textOf((await c.get('/account/fines?lang=es')).body)).toContain(es.money(owedCents))
    const myData = textOf((await c.get('/account/my-data?lang=es')).body)
    expect(myData).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)
  })

  it('shows the same pages in English with the English sentences', async () => {
    const { ctx } = env()
    const { patron, queuedId } = await busyPatron(ctx, env().clock)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const pages: [string, string[]][] = [
      ['/account', ['Your account', 'Ready for you to pick up', 'Checkouts', 'Overdue', 'Renew']],
      ['/account/holds', ['find the title in the catalog', 'Waiting: number 1 in line.']],
      [`/account/holds/${queuedId}/cancel`, ['Cancel this hold?', 'Yes, cancel the hold']],
      ['/account/fines', ['Fines and card balance', 'Overdue fine']],
      ['/account/history', ['Reading history', 'Turning it off erases it:']],
      [
        '/account/history/erase',
        ['Turn off and erase your reading history?', '1 returned item will be erased.'],
      ],
      ['/account/choices', ['Messages from the library', 'Language of your account']],
      ['/account/my-data', ['Registration', 'Why we keep it', 'Last name', 'Waiting in line']],
      ['/account/accesses', ['Who looked at my record', 'Librarian Opened your record']],
      ['/account/pin', ['Change your PIN', 'Current PIN']],
    ]
    for (const [path, sentences] of pages) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lang=en`
      const page = await c.get(url, { 'accept-language': 'es' })
      expect({ url, lang: htmlLang(page.body) }).toEqual({ url, lang: 'en' })
      expect({ url, lost: linksLosingLanguage(page.body, 'en') }).toEqual({ url, lost: [] })
      const text = textOf(page.body)
      for (const sentence of sentences) expect(text, url).toContain(sentence)
    }
  })

  it('says outcomes and refusals in Spanish, and keeps the language through each redirect', async () => {
    const { ctx } = env()
    const { patron, waiting, queuedId } = await busyPatron(ctx, env().clock)
    const es = formatsFor('es', ctx.config.library.timezone)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)

    const follow = async (formPage: string, action: string, fields: Record<string, string>) => {
      const answer = await submitNoFollow(c, formPage, action, fields)
      expect(answer.location ?? '', action).toMatch(/[?&]lang=es\b/)
      return c.follow(answer)
    }
    const again = await follow(
      `/account/holds/new?record=${waiting.record.id}&lang=es`,
      '/account/holds?lang=es',
      { record: waiting.record.id, pickupBranch: 'main' },
    )
    expect(textOf(again.body)).toContain('Usted ya tiene una reserva de este título.')
    expect(englishLeftIn(again.body)).toEqual([])

    const paused = await follow(
      '/account/holds?lang=es',
      `/account/holds/${queuedId}/suspend?lang=es`,
      {
        until: '2099-03-01',
      },
    )
    expect(textOf(paused.body)).toContain(
      `La reserva está en pausa hasta el ${es.date('2099-03-01')}. No pierde su lugar en la lista.`,
    )
    const past = await follow(
      '/account/holds?lang=es',
      `/account/holds/${queuedId}/resume?lang=es`,
      {},
    )
    expect(textOf(past.body)).toContain('Se reanudó la reserva.')
    const bad = await follow(
      '/account/holds?lang=es',
      `/account/holds/${queuedId}/suspend?lang=es`,
      {
        until: '2099-02-31',
      },
    )
    expect(textOf(bad.body)).toContain('Esa fecha no existe.')
    const cancelled = await follow(
      `/account/holds/${queuedId}/cancel?lang=es`,
      `/account/holds/${queuedId}/cancel?lang=es`,
      {},
    )
    expect(textOf(cancelled.body)).toContain('Se canceló la reserva.')

    const renewed = await follow('/account?lang=es', '/account/renew?lang=es', {
      item: 'no-such-item',
    })
    expect(textOf(renewed.body)).toContain('No encontramos ese material.')

    const mismatch = await follow('/account/pin?lang=es', '/account/pin?lang=es', {
      currentPin: '73915284',
      newPin: '50284617',
      repeatPin: '50284618',
    })
    expect(textOf(mismatch.body)).toContain('Los dos PIN nuevos no son iguales.')
    const wrong = await follow('/account/pin?lang=es', '/account/pin?lang=es', {
      currentPin: '00000000',
      newPin: '50284617',
      repeatPin: '50284617',
    })
    expect(textOf(wrong.body)).toContain('Su PIN actual no es correcto.')
    const weak = await follow('/account/pin?lang=es', '/account/pin?lang=es', {
      currentPin: '73915284',
      newPin: '1234',
      repeatPin: '1234',
    })
    expect(textOf(weak.body)).toContain('No se puede usar ese PIN')

    const off = await follow('/account/history/erase?lang=es', '/account/history?lang=es', {
      keep: 'off',
    })
    expect(textOf(off.body)).toContain(
      'Su historial de lectura está desactivado, y se borró 1 material devuelto.',
    )
    const saved = await follow('/account/choices?lang=es', '/account/choices?lang=es', {
      newsletter: 'on',
    })
    expect(textOf(saved.body)).toContain('Se guardaron sus opciones.')
    expect(englishLeftIn(saved.body)).toEqual([])

    // A new PIN signs the patron out; the sign-in form is asked for in Spanish.
    const changed = await submitNoFollow(c, '/account/pin?lang=es', '/account/pin?lang=es', {
      currentPin: '73915284',
      newPin: '50284617',
      repeatPin: '50284617',
    })
    expect(changed.location).toBe('/account/sign-in?changed=pin&lang=es')
  })

  it('keeps a chosen language with the account: the next pages use it without ?lang=, and "my browser" goes back to Accept-Language', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app, { 'accept-language': 'en-US,en;q=0.9' })
    await signInPatron(c, patron.barcode)
    const choices = await c.get('/account/choices')
    expect(htmlLang(choices.body)).toBe('en')
    expect(choices.body).toMatch(/id="f-language-browser" name="language" value="browser" checked/)

    const toSpanish = await submitNoFollow(c, '/account/choices', '/account/language', {
      language: 'es',
    })
    expect(toSpanish.location).toBe('/account/choices')
    const spanish = await c.follow(toSpanish)
    expect(htmlLang(spanish.body)).toBe('es')
    // Said in the language just chosen.
    expect(textOf(spanish.body)).toContain('Las páginas de su cuenta ahora están en español.')
    expect(spanish.body).toMatch(/id="f-language-es" name="language" value="es" checked/)
    expect(englishLeftIn(spanish.body)).toEqual([])
    // Stored, not in the address: plain links, and the browser's English is not asked.
    const home = await c.get('/account')
    expect(htmlLang(home.body)).toBe('es')
    expect(home.headers.vary ?? '').not.toMatch(/accept-language/i)
    expect(home.body).toContain('href="/account/holds"')
    expect(htmlLang((await c.get('/account/fines')).body)).toBe('es')

    // From a page asked for in English by address, back to following the browser.
    const toBrowser = await submitNoFollow(
      c,
      '/account/choices?lang=en',
      '/account/language?lang=en',
      {
        language: 'browser',
      },
    )
    expect(toBrowser.location).toBe('/account/choices')
    const english = await c.follow(toBrowser)
    expect(htmlLang(english.body)).toBe('en')
    expect(textOf(english.body)).toContain(
      'Your account pages now follow the language your browser asks for.',
    )
    expect(htmlLang((await c.get('/account', { 'accept-language': 'es-MX' })).body)).toBe('es')
    expect(htmlLang((await c.get('/account')).body)).toBe('en')

    // Only the offered languages are kept; anything else is refused with a sentence.
    const odd = await c.follow(
      await submitNoFollow(c, '/account/choices?lang=es', '/account/language?lang=es', {
        language: 'fr',
      }),
    )
    expect(htmlLang(odd.body)).toBe('es')
    expect(textOf(odd.body)).toContain('Algo del formulario no se llenó como se esperaba.')
  })
})

/** Loads a page for its form token and posts the form, without following the answer. */
async function submitNoFollow(
  c: WebClient,
  formPage: string,
  action: string,
  fields: Record<string, string>,
): Promise<Page> {
  const page = await c.get(formPage)
  expect(page.status, formPage).toBe(200)
  const csrf = /<input type="hidden" name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? ''
  return c.post(action, { _csrf: csrf.replaceAll('&amp;', '&'), ...fields })
}
