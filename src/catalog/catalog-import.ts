import { StringDecoder } from 'node:string_decoder'
import type { MarcRecordLike } from '@natlibfi/marc-record-serializers'
import { parse } from 'csv-parse'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { AppError, validation } from '../errors.js'
import { getLibraryStructure } from '../library/library.service.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { itemRow, normaliseIsbn, recordRow } from './catalog.service.js'
import { NewItemSchema, NewRecordSchema, type NewRecord } from './catalog.schemas.js'
import { mapMarc, type MappedItem } from './marc-mapping.js'

export type CatalogFormat = 'iso2709' | 'marcxml' | 'csv'

export interface CatalogImportReport {
  records: number
  items: number
  /** `entry` is the record's position in a MARC file, or the line number in a CSV file. */
  rejected: { entry: number; reason: string }[]
}

interface Entry {
  entry: number
  record: unknown
  items: MappedItem[]
  /** Reuse an existing title with this ISBN instead of adding it again (CSV rows). */
  matchIsbn: boolean
}

const LENIENT = { fields: false, subfields: false, subfieldValues: false }

/** Splits a byte stream into raw records without breaking multi-byte characters. */
async function* splitRecords(
  source: AsyncIterable<Buffer | string>,
  format: 'iso2709' | 'marcxml',
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let buffer = ''
  const next = (): string | undefined => {
    if (format === 'iso2709') {
      const end = buffer.indexOf('\x1D')
      if (end === -1) return undefined
      const raw = buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      return raw.replace(/^[\r\n]+/, '')
    }
    const start = buffer.search(/<([A-Za-z]+:)?record[\s>]/)
    if (start === -1) return undefined
    const close = /<\/([A-Za-z]+:)?record>/.exec(buffer.slice(start))
    if (close === null) return undefined
    const endAt = start + close.index + close[0].length
    const raw = buffer.slice(start, endAt)
    buffer = buffer.slice(endAt)
    return raw
  }
  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk)
    for (let raw = next(); raw !== undefined; raw = next()) yield raw
  }
  buffer += decoder.end()
  for (let raw = next(); raw !== undefined; raw = next()) yield raw
  if (format === 'iso2709' && buffer.trim() !== '') yield buffer
}

async function* marcEntries(
  source: AsyncIterable<Buffer | string>,
  format: 'iso2709' | 'marcxml',
): AsyncGenerator<Entry | { entry: number; error: string }> {
  // Loaded here, not when carrel starts: the serializers bring three XML libraries with them.
  const { ISO2709, MARCXML } = await import('@natlibfi/marc-record-serializers')
  let n = 0
  for await (const raw of splitRecords(source, format)) {
    n += 1
    let parsed: MarcRecordLike
    try {
      parsed = format === 'iso2709' ? ISO2709.from(raw, LENIENT) : await MARCXML.from(raw, LENIENT)
    } catch (err) {
      yield {
        entry: n,
        error: `not a readable MARC record (${err instanceof Error ? err.message.slice(0, 80) : 'parse error'})`,
      }
      continue
    }
    const mapped = mapMarc(parsed)
    yield { entry: n, record: mapped.record, items: mapped.items, matchIsbn: false }
  }
}

const CSV_COLUMNS = [
  'title',
  'author',
  'isbn',
  'year',
  'materialType',
  'barcode',
  'callNumber',
  'branch',
  'itemType',
  'replacementPrice',
]

async function* csvEntries(
  source: AsyncIterable<Buffer | string>,
): AsyncGenerator<Entry | { entry: number; error: string }> {
  const parser = parse({ columns: true, skip_empty_lines: true, trim: true, info: true, bom: true })
  const feed = (async () => {
    for await (const chunk of source)
      if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r))
    parser.end()
  })()
  let checked = false
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>
    info: { lines: number }
  }>) {
    if (!checked) {
      const unknown = Object.keys(record).filter((c) => !CSV_COLUMNS.includes(c))
      if (unknown.length > 0)
        throw validation(
          'UNKNOWN_COLUMNS',
          `Unknown columns: ${unknown.join(', ')}. Known: ${CSV_COLUMNS.join(', ')}.`,
        )
      checked = true
    }
    const given = (k: string) =>
      record[k] === undefined || record[k] === '' ? undefined : record[k]
    const year = given('year')
    const price = given('replacementPrice')
    yield {
      entry: info.lines,
      record: {
        title: given('title'),
        ...(given('author') !== undefined && { author: given('author') }),
        ...(given('isbn') !== undefined && { isbn: given('isbn') }),
        ...(year !== undefined && { year: /^\d+$/.test(year) ? Number(year) : year }),
        materialType: given('materialType') ?? 'book',
      },
      items:
        given('barcode') === undefined
          ? []
          : [
              {
                barcode: given('barcode') ?? '',
                ...(given('callNumber') !== undefined && { callNumber: given('callNumber') }),
                branch: given('branch') ?? '',
                itemType: given('itemType') ?? 'book',
                replacementPriceCents:
                  price !== undefined && /^\d+(\.\d{1,2})?$/.test(price)
                    ? Math.round(Number(price) * 100)
                    : -1,
              },
            ],
      matchIsbn: true,
    }
  }
  await feed
}

/**
 * Imports titles and copies. Each record goes in whole or not at all; a bad one is reported
 * with its position and the reason, and the import carries on.
 */
export async function importCatalog(
  ctx: AppContext,
  actor: Actor,
  source: AsyncIterable<Buffer | string>,
  format: CatalogFormat,
  onProgress?: (done: number) => void,
): Promise<CatalogImportReport> {
  requirePermission(actor, 'catalog.manage')
  const structure = await getLibraryStructure(ctx.db)
  const report: CatalogImportReport = { records: 0, items: 0, rejected: [] }
  const entries = format === 'csv' ? csvEntries(source) : marcEntries(source, format)
  for await (const e of entries) {
    if ('error' in e) report.rejected.push({ entry: e.entry, reason: e.error })
    else {
      try {
        const added = await importEntry(ctx, e, structure)
        report.records += added.record ? 1 : 0
        report.items += added.items
      } catch (err) {
        if (!(err instanceof AppError) && !isUniqueViolation(err)) throw err
        report.rejected.push({
          entry: e.entry,
          reason: isUniqueViolation(err)
            ? 'an item barcode is already in use'
            : err instanceof AppError
              ? err.message
              : '',
        })
      }
    }
    onProgress?.(report.records + report.rejected.length)
  }
  return report
}

async function importEntry(
  ctx: AppContext,
  e: Entry,
  structure: Awaited<ReturnType<typeof getLibraryStructure>>,
): Promise<{ record: boolean; items: number }> {
  const input: NewRecord = check(NewRecordSchema, e.record)
  const at = ctx.clock.now().toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const existing =
      e.matchIsbn && input.isbn !== undefined
        ? await trx
            .selectFrom('bib_records')
            .select('id')
            .where('isbn', '=', normaliseIsbn(input.isbn))
            .executeTakeFirst()
        : undefined
    let recordId = existing?.id
    if (recordId === undefined) {
      const row = recordRow(input, at)
      await trx.insertInto('bib_records').values(row).execute()
      recordId = row.id
    }
    for (const item of e.items) {
      const parsed = check(NewItemSchema, { recordId, ...item })
      if (!structure.branches.some((b) => b.code === parsed.branch))
        throw validation('UNKNOWN_BRANCH', `unknown branch "${parsed.branch}"`)
      const type = structure.itemTypes.find((t) => t.code === parsed.itemType)
      if (type === undefined)
        throw validation('UNKNOWN_ITEM_TYPE', `unknown item type "${parsed.itemType}"`)
      await trx
        .insertInto('items')
        .values(itemRow(parsed, at, type.notForLoan))
        .execute()
    }
    return { record: existing === undefined, items: e.items.length }
  })
}

/** Counts the entries of a file without parsing them, so a progress bar knows its total. */
export async function countCatalogEntries(
  source: AsyncIterable<Buffer | string>,
  format: CatalogFormat,
): Promise<number> {
  const marker = format === 'iso2709' ? '\x1D' : format === 'marcxml' ? 'record>' : '\n'
  let count = 0
  let tail = ''
  for await (const chunk of source) {
    const text = tail + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'))
    let at = text.indexOf(marker)
    while (at !== -1) {
      // In MARCXML only closing tags end a record.
      if (format !== 'marcxml' || /<\/([A-Za-z]+:)?$/.test(text.slice(Math.max(0, at - 12), at)))
        count += 1
      at = text.indexOf(marker, at + marker.length)
    }
    tail = text.slice(-20)
    if (tail.includes(marker)) tail = tail.slice(tail.lastIndexOf(marker) + marker.length)
  }
  return format === 'csv' ? Math.max(0, count - 1) : count
}

export function formatFromName(file: string): CatalogFormat | undefined {
  const lower = file.toLowerCase()
  if (lower.endsWith('.mrc') || lower.endsWith('.marc') || lower.endsWith('.iso2709'))
    return 'iso2709'
  if (lower.endsWith('.xml') || lower.endsWith('.marcxml')) return 'marcxml'
  if (lower.endsWith('.csv')) return 'csv'
  return undefined
}
