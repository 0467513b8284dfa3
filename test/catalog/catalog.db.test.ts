import { Readable } from 'node:stream'
import { MarcRecord } from '@natlibfi/marc-record'
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { importCatalog } from '../../src/catalog/catalog-import.js'
import {
  addItem,
  createRecord,
  getRecordWithItems,
  searchCatalog,
  updateItem,
} from '../../src/catalog/catalog.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

interface Spec {
  title?: string
  author?: string
  isbn?: string
  year?: string
  items?: { barcode: string; branch?: string; type?: string; price?: string }[]
  leader6?: string
}

function marc(spec: Spec) {
  const fields: unknown[] = [{ tag: '008', value: '210101s2021    ilu           000 0 eng d' }]
  if (spec.isbn)
    fields.push({
      tag: '020',
      ind1: ' ',
      ind2: ' ',
      subfields: [{ code: 'a', value: `${spec.isbn} (pbk.)` }],
    })
  if (spec.author)
    fields.push({
      tag: '100',
      ind1: '1',
      ind2: ' ',
      subfields: [{ code: 'a', value: `${spec.author},` }],
    })
  if (spec.title)
    fields.push({
      tag: '245',
      ind1: '1',
      ind2: '0',
      subfields: [{ code: 'a', value: `${spec.title} /` }],
    })
  if (spec.year)
    fields.push({
      tag: '264',
      ind1: ' ',
      ind2: '1',
      subfields: [{ code: 'c', value: `[${spec.year}]` }],
    })
  for (const i of spec.items ?? []) {
    fields.push({
      tag: '952',
      ind1: ' ',
      ind2: ' ',
      subfields: [
        { code: 'a', value: i.branch ?? 'main' },
        { code: 'p', value: i.barcode },
        { code: 'y', value: i.type ?? 'book' },
        { code: 'v', value: i.price ?? '19.99' },
        { code: 'o', value: 'FIC MER' },
      ],
    })
  }
  return new MarcRecord(
    { leader: `00000n${spec.leader6 ?? 'a'}m a2200000 i 4500`, fields },
    { fields: false, subfields: false, subfieldValues: false },
  )
}

const records: Spec[] = [
  {
    title: 'Été à Kankakee',
    author: 'Mercer, Ada',
    isbn: '978-0-306-40615-7',
    year: '2019',
    items: [{ barcode: 'M-1001' }, { barcode: 'M-1002', branch: 'east' }],
  },
  { author: 'No Title' },
  { title: 'Duplicate copy', items: [{ barcode: 'M-1001' }] },
  { title: 'Nowhere branch', items: [{ barcode: 'M-2001', branch: 'ATLANTIS' }] },
  { title: 'Moving Pictures', leader6: 'g', items: [{ barcode: 'M-3001', type: 'dvd' }] },
  // Codes are compared as written: MAIN is not the library's main.
  { title: 'Shouted branch', items: [{ barcode: 'M-4001', branch: 'MAIN' }] },
]

describeEngines('catalogue', (env) => {
  it('imports ISO 2709, reporting bad records and writing nothing for them', async () => {
    const { ctx } = env()
    await (
      await import('../../src/library/library.service.js')
    ).saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East' })
    const bytes = Buffer.from(records.map((r) => ISO2709.to(marc(r))).join(''), 'utf8')
    // Tiny chunks, so multi-byte characters and records straddle reads.
    const source = Readable.from(
      Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
        bytes.subarray(i * 7, i * 7 + 7),
      ),
    )
    const report = await importCatalog(ctx, SYSTEM_ACTOR, source, 'iso2709')
    expect(report.records).toBe(2)
    expect(report.items).toBe(3)
    expect(report.rejected.map((r) => r.entry)).toEqual([2, 3, 4, 6])
    expect(report.rejected[0]?.reason).toMatch(/title/)
    expect(report.rejected[2]?.reason).toMatch(/ATLANTIS/)
    expect(report.rejected[3]?.reason).toMatch(/unknown branch "MAIN"/)
    const found = await searchCatalog(ctx.db, { q: 'kankakee' })
    expect(found.results).toHaveLength(1)
    expect(found.results[0]).toMatchObject({
      title: 'Été à Kankakee',
      author: 'Mercer, Ada',
      isbn: '9780306406157',
      year: 2019,
      materialType: 'book',
    })
    expect(found.results[0]?.availability).toEqual([
      { branch: 'east', total: 1, available: 1 },
      { branch: 'main', total: 1, available: 1 },
    ])
    expect((await searchCatalog(ctx.db, { q: 'duplicate' })).total).toBe(0)
    expect((await searchCatalog(ctx.db, { q: 'moving pictures' })).results[0]?.materialType).toBe(
      'video',
    )
  })

  it('imports MARCXML the same way', async () => {
    const { ctx } = env()
    const xml = `<?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim">${records
      .slice(0, 2)
      .map((r) =>
        MARCXML.to(
          marc({ ...r, items: r.items?.map((i) => ({ ...i, barcode: `X${i.barcode}` })) }),
          { omitDeclaration: true },
        ),
      )
      .join('')}</collection>`
    const report = await importCatalog(
      ctx,
      SYSTEM_ACTOR,
      Readable.from([Buffer.from(xml)]),
      'marcxml',
    )
    expect(report).toMatchObject({ records: 1, items: 2 })
    expect(report.rejected.map((r) => r.entry)).toEqual([2])
  })

  it('imports CSV rows, adding copies to a title with the same ISBN and naming bad lines', async () => {
    const { ctx } = env()
    const csv = [
      'title,author,isbn,year,materialType,barcode,callNumber,branch,itemType,replacementPrice',
      'Prairie Birds,Ng,9781402894626,2008,book,C-1,598 NG,main,book,24.50',
      'Prairie Birds,Ng,9781402894626,2008,book,C-2,598 NG,main,book,24.50',
      '"A Title, with a comma",,,,book,C-3,,main,book,abc',
      'Film Night,,,,video,C-4,,main,nonsense,10',
    ].join('\n')
    const report = await importCatalog(ctx, SYSTEM_ACTOR, Readable.from([csv]), 'csv')
    expect(report).toMatchObject({ records: 1, items: 2 })
    expect(report.rejected.map((r) => r.entry)).toEqual([4, 5])
    const found = await searchCatalog(ctx.db, { isbn: '978-1-4028-9462-6' })
    expect(found.results[0]?.availability).toEqual([{ branch: 'main', total: 2, available: 2 }])
    await expect(
      importCatalog(ctx, SYSTEM_ACTOR, Readable.from(['name,barcode\nx,y']), 'csv'),
    ).rejects.toMatchObject({ code: 'UNKNOWN_COLUMNS' })
  })

  it('adds and edits items, guarding barcodes, types and who may do it', async () => {
    const { ctx } = env()
    const record = await createRecord(ctx, SYSTEM_ACTOR, {
      title: 'Tidepools',
      materialType: 'book',
    })
    const item = await addItem(ctx, SYSTEM_ACTOR, {
      recordId: record.id,
      barcode: 'T-1',
      branch: 'main',
      itemType: 'book',
      replacementPriceCents: 1500,
    })
    await expect(
      addItem(ctx, SYSTEM_ACTOR, {
        recordId: record.id,
        barcode: 'T-1',
        branch: 'main',
        itemType: 'book',
        replacementPriceCents: 1,
      }),
    ).rejects.toMatchObject({ code: 'ITEM_BARCODE_TAKEN' })
    await expect(
      addItem(ctx, SYSTEM_ACTOR, {
        recordId: record.id,
        barcode: 'T-2',
        branch: 'main',
        itemType: 'zeppelin',
        replacementPriceCents: 1,
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_ITEM_TYPE' })
    await expect(
      createRecord(ctx, await staffActor(ctx, 'circulation'), { title: 'X', materialType: 'book' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await updateItem(ctx, SYSTEM_ACTOR, item.barcode, {
      status: 'withdrawn',
      callNumber: '551 TID',
    })
    const full = await getRecordWithItems(ctx.db, record.id)
    expect(full.items[0]).toMatchObject({ status: 'withdrawn', call_number: '551 TID' })
    expect(full.availability).toEqual([])
  })
})
