import { Readable } from 'node:stream'
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { importCatalog } from '../../src/catalog/catalog-import.js'
import {
  addItem,
  createRecord,
  searchCatalog,
  updateItem,
  updateRecord,
  type CatalogSearchResults,
} from '../../src/catalog/catalog.service.js'
import type { NewRecord } from '../../src/catalog/catalog.schemas.js'
import { AppError } from '../../src/errors.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'

type Copy = { branch: string; status?: 'not_for_loan' | 'withdrawn' | 'lost' }

const titles = (found: CatalogSearchResults) => found.results.map((r) => r.title)

describeEngines('catalog search', (env) => {
  let n = 0
  const add = async (record: NewRecord, copies: Copy[] = []) => {
    const { ctx } = env()
    const row = await createRecord(ctx, SYSTEM_ACTOR, record)
    for (const c of copies) {
      const barcode = `S-${String(++n).padStart(5, '0')}`
      await addItem(ctx, SYSTEM_ACTOR, {
        recordId: row.id,
        barcode,
        branch: c.branch,
        itemType: 'book',
        replacementPriceCents: 1500,
      })
      if (c.status !== undefined) await updateItem(ctx, SYSTEM_ACTOR, barcode, { status: c.status })
    }
    return row
  }
  const search = (query: Record<string, unknown>) => searchCatalog(env().ctx.db, query)

  beforeAll(async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    await add(
      {
        title: 'The Secret Garden',
        author: 'Frances Hodgson Burnett',
        year: 1911,
        materialType: 'book',
      },
      [
        { branch: 'main' },
        { branch: 'main', status: 'not_for_loan' },
        { branch: 'east' },
        { branch: 'east', status: 'withdrawn' },
      ],
    )
    await add(
      { title: 'Gardening for Beginners', author: 'Ada Mercer', year: 2019, materialType: 'book' },
      [{ branch: 'main' }, { branch: 'main' }],
    )
    await add({ title: 'Roses', author: 'Garden, Jane', year: 2001, materialType: 'video' }, [
      { branch: 'east', status: 'lost' },
    ])
    await add(
      { title: 'The Garden Secret', author: 'Zed Okafor', year: 1999, materialType: 'book' },
      [{ branch: 'east', status: 'not_for_loan' }],
    )
    await add(
      { title: 'Canción de cuna', author: 'Lucía Pérez', year: 2015, materialType: 'music' },
      [{ branch: 'east' }],
    )
    await add({ title: 'Las canciones del mar', author: 'Río Ibáñez', materialType: 'book' }, [
      { branch: 'main' },
    ])
    await add({ title: 'NIÑOS DEL CAMPO', author: 'Ana Núñez', year: 1987, materialType: 'book' })
    // A catalog is mostly other titles: ranking weighs a word by how rare it is.
    for (let i = 0; i < 24; i++)
      await add({ title: `Harbor Ledger ${i}`, author: 'Quill Tamsin', materialType: 'book' })
  })

  it('stems English: "gardening" and "gardens" find "garden", and the other way round', async () => {
    for (const q of ['gardening', 'gardens', 'garden', 'GARDEN']) {
      const found = await search({ q })
      expect(titles(found).sort(), q).toEqual(
        ['Gardening for Beginners', 'Roses', 'The Garden Secret', 'The Secret Garden'].sort(),
      )
    }
    expect(titles(await search({ q: 'beginner' }))).toEqual(['Gardening for Beginners'])
  })

  it('stems Spanish and folds accents: "canciones" finds "canción", "ninos" finds "NIÑOS"', async () => {
    const songs = ['Canción de cuna', 'Las canciones del mar']
    for (const q of ['canciones', 'canción', 'cancion', 'CANCIÓN'])
      expect(titles(await search({ q })).sort(), q).toEqual(songs)
    for (const q of ['ninos', 'niños', 'Niño', 'nino campo'])
      expect(titles(await search({ q })), q).toEqual(['NIÑOS DEL CAMPO'])
    expect(titles(await search({ author: 'ibanez' }))).toEqual(['Las canciones del mar'])
    expect(titles(await search({ author: 'lucia perez' }))).toEqual(['Canción de cuna'])
  })

  it('needs every word, and a quoted phrase together and in order', async () => {
    expect(titles(await search({ q: 'secret garden' })).sort()).toEqual([
      'The Garden Secret',
      'The Secret Garden',
    ])
    expect(titles(await search({ q: '"secret garden"' }))).toEqual(['The Secret Garden'])
    expect(titles(await search({ q: '“garden secret”' }))).toEqual(['The Garden Secret'])
    // A phrase and a word; a phrase that never occurs.
    expect(titles(await search({ q: '"secret gardens" burnett' }))).toEqual(['The Secret Garden'])
    expect((await search({ q: '"garden roses"' })).total).toBe(0)
    expect((await search({ q: 'garden zzzyzx' })).total).toBe(0)
  })

  it('ranks a title match above an author match', async () => {
    const found = titles(await search({ q: 'garden' }))
    expect(found).toHaveLength(4)
    expect(found.at(-1)).toBe('Roses')
  })

  it('searches the title or the author alone when asked', async () => {
    expect(titles(await search({ title: 'garden' })).sort()).toEqual([
      'Gardening for Beginners',
      'The Garden Secret',
      'The Secret Garden',
    ])
    expect(titles(await search({ author: 'garden' }))).toEqual(['Roses'])
    expect(titles(await search({ title: 'roses', author: 'jane' }))).toEqual(['Roses'])
    expect((await search({ title: 'jane' })).total).toBe(0)
    expect(titles(await search({ author: '"hodgson burnett"' }))).toEqual(['The Secret Garden'])
  })

  it('sorts by relevance, title, author and newest', async () => {
    const order = async (sort: string) => titles(await search({ q: 'garden', sort }))
    expect(await order('title')).toEqual([
      'Gardening for Beginners',
      'Roses',
      'The Garden Secret',
      'The Secret Garden',
    ])
    expect(await order('author')).toEqual([
      'Gardening for Beginners',
      'The Secret Garden',
      'Roses',
      'The Garden Secret',
    ])
    expect(await order('newest')).toEqual([
      'Gardening for Beginners',
      'Roses',
      'The Garden Secret',
      'The Secret Garden',
    ])
    expect((await order('relevance')).at(-1)).toBe('Roses')
    // A title without a year comes last when newest; without words, "relevance" is by title.
    const songs = await search({ q: 'canciones', sort: 'newest' })
    expect(titles(songs)).toEqual(['Canción de cuna', 'Las canciones del mar'])
    expect(titles(await search({ format: ['video', 'music'], sort: 'relevance' }))).toEqual([
      'Canción de cuna',
      'Roses',
    ])
  })

  it('gives one result per title, its copies grouped by branch without lost or withdrawn ones', async () => {
    const found = await search({ q: '"secret garden"' })
    expect(found.total).toBe(1)
    expect(found.results[0]?.availability).toEqual([
      { branch: 'east', total: 1, available: 1 },
      { branch: 'main', total: 2, available: 1 },
    ])
    const roses = await search({ q: 'roses' })
    expect(roses.results[0]?.availability).toEqual([])
  })

  it('counts each facet with the other filters applied, and filters by each', async () => {
    const all = await search({ q: 'garden', facets: true })
    expect(all.facets).toEqual({
      formats: [
        { value: 'book', count: 3 },
        { value: 'video', count: 1 },
      ],
      branches: [
        { value: 'east', count: 2 },
        { value: 'main', count: 2 },
      ],
      availableNow: 2,
      decades: [
        { from: 2010, count: 1 },
        { from: 2000, count: 1 },
        { from: 1990, count: 1 },
        { from: 1910, count: 1 },
      ],
    })
    // Facets only when asked for.
    expect(Object.keys(await search({ q: 'garden' }))).toEqual(['total', 'results'])

    const videos = await search({ q: 'garden', format: ['video'], facets: true })
    expect(titles(videos)).toEqual(['Roses'])
    expect(videos.facets?.formats).toEqual(all.facets?.formats)
    expect(videos.facets?.availableNow).toBe(0)
    expect(videos.facets?.branches).toEqual([])

    const now = await search({ q: 'garden', available: true, facets: true })
    expect(titles(now).sort()).toEqual(['Gardening for Beginners', 'The Secret Garden'])
    expect(now.facets?.availableNow).toBe(2)
    expect(now.facets?.branches).toEqual([
      { value: 'main', count: 2 },
      { value: 'east', count: 1 },
    ])
    expect(now.facets?.formats).toEqual([{ value: 'book', count: 2 }])

    const east = await search({ q: 'garden', branch: ['east'], facets: true })
    expect(titles(east).sort()).toEqual(['The Garden Secret', 'The Secret Garden'])
    expect(east.facets?.branches).toEqual(all.facets?.branches)
    expect(east.facets?.availableNow).toBe(1)
    const eastNow = await search({ q: 'garden', branch: ['east'], available: true })
    expect(titles(eastNow)).toEqual(['The Secret Garden'])
    const either = await search({ q: 'garden', branch: ['east', 'main'] })
    expect(either.total).toBe(3)

    const nineties = await search({ q: 'garden', yearFrom: 1990, yearTo: 1999, facets: true })
    expect(titles(nineties)).toEqual(['The Garden Secret'])
    expect(nineties.facets?.decades).toEqual(all.facets?.decades)
    expect(nineties.facets?.formats).toEqual([{ value: 'book', count: 1 }])
    expect(titles(await search({ q: 'garden', yearFrom: 2000 })).sort()).toEqual([
      'Gardening for Beginners',
      'Roses',
    ])
  })

  it('browses by filters alone, and refuses a search with nothing in it', async () => {
    const music = await search({ format: ['music'] })
    expect(titles(music)).toEqual(['Canción de cuna'])
    for (const empty of [{}, { q: '***' }, { q: '"" -- ()' }, { title: '%' }]) {
      const refused = await search(empty).catch((e: unknown) => e)
      expect(refused, JSON.stringify(empty)).toBeInstanceOf(AppError)
      expect((refused as AppError).code).toBe('EMPTY_QUERY')
    }
  })

  it('never turns what a searcher types into a syntax error', async () => {
    const typed = [
      'NEAR(garden secret)',
      'NEAR(garden, 2',
      'garden*',
      '*garden',
      '-garden',
      'garden -roses',
      '"secret garden',
      'secret" garden',
      'title:garden',
      '{title}: garden',
      'garden AND OR NOT',
      '^garden',
      "garden' OR 1=1 --",
      'garden & roses | !secret <-> x',
      'garden:*',
      '(((garden',
      'garden\\',
      '🌹 garden',
      'a'.repeat(200),
    ]
    for (const q of typed) {
      const found = await search({ q, facets: true })
      expect(found.total, q).toBeGreaterThanOrEqual(0)
    }
    expect(titles(await search({ q: 'NEAR(garden, 2' })).sort()).toEqual([])
    expect(titles(await search({ q: '"secret garden' })).sort()).toEqual([
      'The Garden Secret',
      'The Secret Garden',
    ])
    expect(titles(await search({ q: 'garden* -roses' }))).toEqual(['Roses'])
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }), async (q) => {
        // Control characters are refused before any search (INVALID_INPUT); all else is read.
        // eslint-disable-next-line no-control-regex
        const clean = q.replace(/[\u0000-\u001F\u007F]/g, ' ').trim() || 'x'
        if (clean.length > 200) return
        try {
          await search({ q: clean, title: clean, facets: true })
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'EMPTY_QUERY') throw err
        }
      }),
      { numRuns: 150 },
    )
  })

  it('finds an ISBN typed into the words box', async () => {
    const row = await add({
      title: 'Tidewater Almanac',
      isbn: '978-0-306-40615-7',
      materialType: 'book',
    })
    expect((await search({ q: '978-0-306-40615-7' })).results.map((r) => r.id)).toEqual([row.id])
    expect((await search({ q: '9780306406157' })).results.map((r) => r.id)).toEqual([row.id])
    expect((await search({ q: 'tidewater', isbn: '9780306406157' })).total).toBe(1)
    expect((await search({ q: 'tidewater', isbn: '0306406152' })).total).toBe(0)
  })

  it('keeps the index true when a record is changed', async () => {
    const row = await add({
      title: 'Lighthouse Keeping',
      author: 'Mara Ellison',
      materialType: 'book',
    })
    expect(titles(await search({ q: 'lighthouses' }))).toEqual(['Lighthouse Keeping'])
    await updateRecord(env().ctx, SYSTEM_ACTOR, row.id, { title: 'Faros del norte' })
    expect((await search({ q: 'lighthouse' })).total).toBe(0)
    expect(titles(await search({ q: 'faro' }))).toEqual(['Faros del norte'])
    expect(titles(await search({ q: 'ellison' }))).toEqual(['Faros del norte'])
    await updateRecord(env().ctx, SYSTEM_ACTOR, row.id, { author: 'Iris Penhallow' })
    expect((await search({ q: 'ellison' })).total).toBe(0)
    expect(titles(await search({ author: 'penhallow' }))).toEqual(['Faros del norte'])
    // A change that leaves the words alone keeps the title findable.
    await updateRecord(env().ctx, SYSTEM_ACTOR, row.id, { year: 1990 })
    expect(titles(await search({ q: 'faros', yearFrom: 1990, yearTo: 1990 }))).toEqual([
      'Faros del norte',
    ])
  })

  it('keeps the index true through a catalog import', async () => {
    const csv = [
      'title,author,isbn,year,materialType,barcode,branch,itemType,replacementPrice',
      'Bibliotecas Imaginarias,Paz Ortega,,2022,book,IMP-1,east,book,12.00',
      'Mapping the Prairie,Ruth Oyelaran,,2003,map,IMP-2,main,book,30.00',
    ].join('\n')
    const report = await importCatalog(env().ctx, SYSTEM_ACTOR, Readable.from([csv]), 'csv')
    expect(report.rejected).toEqual([])
    expect(titles(await search({ q: 'biblioteca imaginaria' }))).toEqual([
      'Bibliotecas Imaginarias',
    ])
    const maps = await search({ q: 'maps prairies', facets: true })
    expect(titles(maps)).toEqual(['Mapping the Prairie'])
    expect(maps.facets?.formats).toEqual([{ value: 'map', count: 1 }])
    expect(maps.results[0]?.availability).toEqual([{ branch: 'main', total: 1, available: 1 }])
  })
})
