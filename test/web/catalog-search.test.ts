import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createRecord, updateItem } from '../../src/catalog/catalog.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, signIn } from '../http/http-harness.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

/** Every visible input of a page has a label tied to it; every fieldset starts with a legend. */
function expectLabelled(html: string, url: string): void {
  const inputs = [...html.matchAll(/<(?:input|select)\b([^>]*)>/g)]
    .map((m) => m[1] ?? '')
    .filter((attrs) => !/type="hidden"/.test(attrs))
  expect(inputs.length, url).toBeGreaterThan(0)
  for (const attrs of inputs) {
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1]
    expect(id, `${url}: ${attrs}`).toBeDefined()
    expect(html, `${url}: label for ${id}`).toContain(`<label for="${id}">`)
  }
  const fieldsets = html.match(/<fieldset>/g)?.length ?? 0
  expect(html.match(/<fieldset><legend>/g)?.length ?? 0, url).toBe(fieldsets)
}

const checked = (html: string, name: string, value: string) =>
  new RegExp(
    `<input type="(?:checkbox|radio)" id="[^"]*" name="${name}" value="${value}" checked`,
  ).test(html)

describeEngines('web: catalog search with facets, in English and Spanish', (env) => {
  const app = useWebApp(() => env().ctx)

  beforeAll(async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const garden = await lib.title([{}, { branch: 'east' }], 'The Secret Garden')
    await updateItem(ctx, SYSTEM_ACTOR, garden.items[1]?.barcode ?? '', { status: 'not_for_loan' })
    await lib.title([{ branch: 'east' }], 'Gardening Year by Year')
    await createRecord(ctx, SYSTEM_ACTOR, {
      title: 'Garden Birds',
      author: 'Jo Wren',
      year: 1998,
      materialType: 'video',
    })
    await lib.title([{}], 'Canción del jardín')
    for (let i = 0; i < 23; i++)
      await createRecord(ctx, SYSTEM_ACTOR, {
        title: `Zumbido ${String(i).padStart(2, '0')}`,
        materialType: 'audiobook',
        year: 2000 + i,
      })
  })

  it('shows the count, one result per title with copies by branch, and facets with counts', async () => {
    const c = new WebClient(app)
    const page = await c.get('/search?q=gardening')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Search results – 3 titles found – ')
    expect(page.body).toMatch(/<div role="status"><h2 id="results-heading">3 titles found<\/h2>/)
    const text = textOf(page.body)
    expect(text).toMatch(
      /The Secret Garden .*East Branch: all copies in use \(1 copy\).*Main: 1 available \(1 copy\)/,
    )
    expect(text).toContain('Sort and filter')
    for (const words of [
      'Format',
      'Book (2)',
      'Video (1)',
      'Availability',
      'Available now (2)',
      'Branch',
      'East Branch (2)',
      'Main (1)',
      'Year published',
      'Any year',
      '2020–2029 (2)',
      '1990–1999 (1)',
      'Show results',
    ])
      expect(text).toContain(words)
    expect(page.body).toContain('<option value="relevance" selected>Best match</option>')
    expect(page.body).toContain('<option value="newest">Newest first</option>')
    // Nothing chosen yet: the box is closed, nothing to clear.
    expect(page.body).toContain('<details class="refine">')
    expect(text).not.toContain('Clear filters')
    expect(page.body).toContain('<input type="hidden" name="q" value="gardening"/>')
    expectLabelled(page.body, '/search?q=gardening')
  })

  it('applies the filters and the order from the address, and keeps them while paging', async () => {
    const c = new WebClient(app)
    const videos = await c.get('/search?q=garden&format=video')
    expect(textOf(videos.body)).toContain('1 title found')
    expect(textOf(videos.body)).toContain('Garden Birds')
    expect(videos.body).toContain('<details class="refine" open>')
    expect(checked(videos.body, 'format', 'video')).toBe(true)
    expect(checked(videos.body, 'format', 'book')).toBe(false)
    expect(videos.body).toContain('<a href="/search?q=garden">Clear filters</a>')

    const here = await c.get('/search?q=garden&available=1&branch=east')
    expect(textOf(here.body)).toContain('1 title found')
    expect(textOf(here.body)).toContain('Gardening Year by Year')
    expect(checked(here.body, 'available', '1')).toBe(true)
    expect(checked(here.body, 'branch', 'east')).toBe(true)

    const nineties = await c.get('/search?q=garden&decade=1990')
    expect(textOf(nineties.body)).toContain('1 title found')
    expect(checked(nineties.body, 'decade', '1990')).toBe(true)

    // Browsing by a filter alone, newest first, over two pages.
    const first = await c.get('/search?format=audiobook&sort=newest')
    expect(textOf(first.body)).toContain('23 titles found, showing 1–20')
    expect(textOf(first.body)).toMatch(/Zumbido 22.*Zumbido 21/)
    expect(first.body).toContain(
      'href="/search?sort=newest&amp;format=audiobook&amp;offset=20">Next page',
    )
    expect(first.body).toContain('<option value="newest" selected>Newest first</option>')
    const second = await c.get('/search?sort=newest&format=audiobook&offset=20')
    expect(textOf(second.body)).toContain('23 titles found, showing 21–23')
    expect(textOf(second.body)).toMatch(/Zumbido 02.*Zumbido 01.*Zumbido 00/)
    expect(second.body).toContain('href="/search?sort=newest&amp;format=audiobook">Previous page')

    // What the page would never offer is left out, not refused.
    const odd = await c.get('/search?q=garden&sort=sideways&format=scroll&decade=19x0')
    expect(odd.status).toBe(200)
    expect(textOf(odd.body)).toContain('3 titles found')
  })

  it('reads any typing as words, never as search syntax', async () => {
    const c = new WebClient(app)
    for (const q of ['NEAR(garden', 'garden*', '-garden', '"secret garden', 'title:garden', '((']) {
      const page = await c.get(`/search?q=${encodeURIComponent(q)}`)
      expect(page.status, q).toBeLessThan(500)
    }
    const phrase = await c.get(`/search?q=${encodeURIComponent('"secret garden"')}`)
    expect(textOf(phrase.body)).toContain('1 title found')
    const nothing = await c.get(`/search?q=${encodeURIComponent('*** ()')}`)
    expect(nothing.status).toBe(400)
    expect(textOf(nothing.body)).toContain('Type some words to search for, or an ISBN.')
  })

  it('shows the same search in Spanish, stems Spanish words and keeps every link in Spanish', async () => {
    const c = new WebClient(app)
    const page = await c.get('/es/search?q=canciones+jardines')
    expect(page.status).toBe(200)
    expect(englishLeftIn(page.body)).toEqual([])
    const text = textOf(page.body)
    expect(text).toContain('Canción del jardín')
    for (const words of [
      'Se encontró 1 título',
      'Ordenar y filtrar',
      'Ordenar por',
      'Formato',
      'Libro (1)',
      'Disponibilidad',
      'Disponible ahora (1)',
      'Sucursal',
      'Año de publicación',
      'Cualquier año',
      'Mostrar resultados',
      'Ponga palabras entre comillas',
    ])
      expect(text).toContain(words)
    expect(page.body).toContain('<form method="get" action="/es/search">')
    const filtered = await c.get('/es/search?q=jardin&format=book')
    expect(filtered.body).toContain('<a href="/es/search?q=jardin">Quitar los filtros</a>')
    expect(englishLeftIn(filtered.body)).toEqual([])
    expectLabelled(filtered.body, '/es/search?q=jardin&format=book')
  })

  it('answers the same search as JSON, with facets when asked, as the API document says', async () => {
    const { ctx } = env()
    const session = await signIn(app(), ctx, 'circulation')
    const get = (url: string) => call(app(), { method: 'GET', url, token: session.token })
    const plain = await get('/api/v1/catalog/records?q=gardens&sort=title')
    expect(plain.status).toBe(200)
    expect(Object.keys(plain.body as object)).toEqual(['total', 'results'])
    expect((plain.body as { results: { title: string }[] }).results.map((r) => r.title)).toEqual([
      'Garden Birds',
      'Gardening Year by Year',
      'The Secret Garden',
    ])
    const faceted = await get(
      '/api/v1/catalog/records?q=garden&facets=true&format=book&branch=main&available=true',
    )
    expect(faceted.status).toBe(200)
    expect(faceted.body).toMatchObject({
      total: 1,
      results: [{ title: 'The Secret Garden' }],
      facets: {
        formats: [{ value: 'book', count: 1 }],
        availableNow: 1,
        branches: [
          { value: 'east', count: 1 },
          { value: 'main', count: 1 },
        ],
      },
    })
    const years = await get('/api/v1/catalog/records?q=garden&yearFrom=1990&yearTo=1999')
    expect((years.body as { total: number }).total).toBe(1)
    const bad = await get('/api/v1/catalog/records?q=garden&sort=sideways')
    expect(bad.status).toBe(400)
    expect((await get('/api/v1/catalog/records?q=%2A%2A')).status).toBe(400)

    const doc = (await call(app(), { method: 'GET', url: '/api/docs' })).body as {
      paths: Record<string, { get?: { parameters?: { name: string }[]; responses: unknown } }>
    }
    const op = doc.paths['/api/v1/catalog/records']?.get
    const names = op?.parameters?.map((p) => p.name) ?? []
    for (const name of [
      'q',
      'format',
      'branch',
      'available',
      'yearFrom',
      'yearTo',
      'sort',
      'facets',
    ])
      expect(names).toContain(name)
    expect(JSON.stringify(op?.responses)).toContain('availableNow')
  })
})
