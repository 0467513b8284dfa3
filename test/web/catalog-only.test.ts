import { afterAll, beforeAll, expect, it } from 'vitest'
import { patronHolds } from '../../src/circulation/holds.service.js'
import { es } from '../../src/i18n/es/index.js'
import { getLibraryStructure } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { busyPatron } from './busy-patron.js'
import { WebClient } from './web-client.js'
import { signInPatron, useWebApp } from './web-harness.js'

const OPEN = '⟦'
const CLOSE = '⟧'

/**
 * Marks every Spanish text of the catalog, in place: the i18n instance reads these very objects,
 * so from now on each catalog text reaches a page between ⟦ and ⟧ (placeholders still filled).
 * Whatever a page shows outside the marks came from somewhere else.
 */
function markCatalog(node: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string') node[k] = `${OPEN}${v}${CLOSE}`
    else if (v !== null && typeof v === 'object') markCatalog(v as Record<string, unknown>)
  }
}

/** Takes the marks off again: the catalog is shared with every later test file in this process. */
function unmarkCatalog(node: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string' && v.startsWith(OPEN) && v.endsWith(CLOSE))
      node[k] = v.slice(OPEN.length, -CLOSE.length)
    else if (v !== null && typeof v === 'object') unmarkCatalog(v as Record<string, unknown>)
  }
}

/** The text a reader meets: text between tags (scripts and styles aside) and labelling attributes. */
function readable(html: string): string[] {
  const body = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
  const texts = [...body.matchAll(/>([^<]+)</g)].map((m) => m[1] ?? '')
  const attributes = [
    ...body.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g),
    // A button's value is its label; other values (tokens, ids, codes) are never read out.
    ...body.matchAll(/<input\b[^>]*\btype="(?:submit|button)"[^>]*\bvalue="([^"]*)"/g),
  ].map((m) => m[1] ?? '')
  return [...texts, ...attributes].map((t) =>
    t
      .replaceAll('&amp;', '&')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

/**
 * Words on a page that no catalog text brought there and that are not the data shown: each
 * catalog text (with what was filled into it) is cut out, then every data value, numbers, dates
 * and money; what is left with a letter in it is a string the catalog does not have.
 */
function outsideCatalog(html: string, data: readonly string[]): string[] {
  const longestFirst = [...data].filter((d) => d !== '').sort((a, b) => b.length - a.length)
  return readable(html)
    .map((text) => {
      let rest = text.replace(/⟦[^⟦⟧]*⟧/g, ' ')
      // A text filled into another (a label inside a sentence) leaves nested marks: repeat.
      while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')
      for (const d of longestFirst) rest = rest.split(d).join(' ')
      return rest.replace(/\s+/g, ' ').trim()
    })
    .filter((rest) => /\p{L}/u.test(rest))
}

/** Every string inside a value: the data a page may show as it is. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.flatMap(strings)
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(strings)
  return []
}

describeEngines('web: a Spanish patron page shows no text from outside the catalog', (env) => {
  const app = useWebApp(() => env().ctx)
  beforeAll(() => markCatalog(es as unknown as Record<string, unknown>))
  afterAll(() => unmarkCatalog(es as unknown as Record<string, unknown>))

  it('finds every word of every public and account page either in the catalog or in the data shown', async () => {
    const { ctx } = env()
    const { lib, patron, queuedId, spareRecord } = await busyPatron(ctx, env().clock)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const { branches, patronCategories } = await getLibraryStructure(ctx.db)
    // The patron's own record as the account's download gives it: everything they may see of it.
    const record = JSON.parse((await c.get('/account/my-data.json')).body) as unknown
    const holds = await patronHolds(ctx, lib.desk, patron.id)
    // What the pages may show that is not the library's text: the patron's own data, titles and
    // authors, the library's and branches' names, the languages' own names, codes and dates.
    const data = [
      'Salt Roads',
      'Tidewater Almanac',
      'Orchard Keeping',
      'Prairie Weather',
      'River Songs',
      'Ada Mercer',
      patron.givenName,
      patron.familyName,
      patron.barcode,
      ctx.config.library.name,
      ...branches.map((b) => b.name),
      ...strings(record),
      ...holds.map((h) => h.pickupCode ?? ''),
      ...patronCategories.map((c) => c.name),
      ...ctx.config.web.thirdPartyDatabases.flatMap((d) => [d.name, ...strings(d.description)]),
      // The address the exit notice names, and the words searched for.
      'https://encyclopedia.example.com/',
      'encyclopedia.example.com',
      'almanac',
      'English',
      'Español',
      'Carrel',
      'JSON',
      'CSV',
      'PIN',
      'Wi-Fi',
      'https',
      'a.m.',
      'p.m.',
    ]
    // Spanish month abbreviations as Intl writes them in dates ("12 dic 2026").
    const months = [
      'ene',
      'feb',
      'mar',
      'abr',
      'may',
      'jun',
      'jul',
      'ago',
      'sept',
      'sep',
      'oct',
      'nov',
      'dic',
    ]
    const monthWords = new RegExp(`\\b(?:${months.join('|')})\\b`, 'g')
    const pages = [
      '/es/',
      '/es/search?q=almanac',
      '/es/privacy',
      '/es/transparency',
      '/es/wifi',
      '/es/databases',
      '/es/leaving?to=https%3A%2F%2Fencyclopedia.example.com%2F',
      '/es/no-such-page',
      '/account?lang=es',
      '/account/holds?lang=es',
      `/account/holds/${queuedId}/cancel?lang=es`,
      `/account/holds/new?record=${spareRecord}&lang=es`,
      '/account/fines?lang=es',
      '/account/history?lang=es',
      '/account/history/erase?lang=es',
      '/account/choices?lang=es',
      '/account/my-data?lang=es',
      '/account/accesses?lang=es',
      '/account/pin?lang=es',
    ]
    const found: Record<string, string[]> = {}
    for (const url of pages) {
      const page = await c.get(url)
      expect({ url, status: page.status }).toEqual({
        url,
        status: url === '/es/no-such-page' ? 404 : 200,
      })
      const left = outsideCatalog(page.body, data)
        .map((t) => t.replace(monthWords, ' ').trim())
        .filter((t) => /\p{L}/u.test(t))
      if (left.length > 0) found[url] = left
    }
    // Signed out, the sign-in page too.
    const out = new WebClient(app)
    const signIn = await out.get('/account/sign-in?lang=es')
    const left = outsideCatalog(signIn.body, data).filter((t) => /\p{L}/u.test(t))
    if (left.length > 0) found['/account/sign-in'] = left
    expect(found).toEqual({})
  })
})
