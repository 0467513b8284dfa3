import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse, type CsvError, type Info } from 'csv-parse'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { AppError, validation } from '../errors.js'
import { registerPatron } from './patron.service.js'

/** The columns a patron CSV may have; anything else stops the import before a row is written. */
export const IMPORT_COLUMNS = [
  'givenName',
  'familyName',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postcode',
  'phone',
  'email',
  'licenceNumber',
  'sex',
  'birthDate',
  'category',
  'homeBranch',
  'expiresOn',
  'barcode',
  'pin',
  'notifyNotices',
  'notifyNewsletter',
  'notifyPolicyChanges',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** Without these every row would be refused, so a file lacking one is refused as a whole. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'givenName',
  'familyName',
  'addressLine1',
  'city',
  'postcode',
  'category',
  'homeBranch',
]

const NOTIFY_COLUMNS = {
  notifyNotices: 'notices',
  notifyNewsletter: 'newsletter',
  notifyPolicyChanges: 'policyChanges',
} as const

export interface RejectedRow {
  /** The line of the file on which the row starts (1 is the header). */
  line: number
  code: string
  /** Safe to show: names the problem and the column, never the row's values. */
  reason: string
}

export interface ImportReport {
  imported: number
  rejected: RejectedRow[]
}

export type CsvInput = string | Buffer | NodeJS.ReadableStream | AsyncIterable<string | Buffer>
export type ImportProgress = (done: number, total?: number) => void

/**
 * Registers the patrons of a CSV file, each row through registerPatron, so every rule applies and
 * a refused row writes nothing. Rows are independent: a refused row is reported by its line and
 * the others go on. A bad header refuses the whole file before anything is written.
 */
export async function importPatrons(
  ctx: AppContext,
  actor: Actor,
  input: CsvInput,
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  const rejected: RejectedRow[] = []
  let imported = 0
  let done = 0
  const finished = () => {
    done += 1
    onProgress?.(done, undefined)
  }
  const runner = new RowRunner(IMPORT_CONCURRENCY)

  let columns: ImportColumn[] | undefined
  try {
    for await (const row of readCsv(input)) {
      if ('error' in row) {
        rejected.push(row.error)
        finished()
        continue
      }
      if (columns === undefined) {
        columns = checkHeader(row.cells)
        continue
      }
      if (row.cells.every((c) => c === '')) continue
      const { line, cells } = row
      const header = columns
      await runner.add(barcodeOf(header, cells), async () => {
        try {
          await registerPatron(ctx, actor, toRegistration(header, cells))
          imported += 1
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          rejected.push({ line, code: err.code, reason: err.message })
        }
        finished()
      })
    }
  } finally {
    // Whatever stopped the loop, rows already started finish before the caller moves on.
    await runner.settle()
  }
  runner.throwIfFailed()
  if (columns === undefined) {
    throw validation('CSV_NO_HEADER', 'The file is empty: its first line must name the columns.')
  }
  rejected.sort((a, b) => a.line - b.line)
  return { imported, rejected }
}

/** Counts the data rows of a CSV (for a progress bar), without checking them. */
export async function countCsvRows(input: CsvInput): Promise<number> {
  let rows = -1
  for await (const row of readCsv(input)) {
    if ('error' in row || row.cells.some((c) => c !== '')) rows += 1
  }
  return Math.max(rows, 0)
}

// Hashing PINs dominates; a few at a time keeps the hashing threads busy without
// letting one large file hold hundreds of data keys in memory.
const IMPORT_CONCURRENCY = 4

/**
 * Runs a few rows at once. Rows naming the same card number run one after the other, so the
 * earlier line wins and the later one is the one reported as a duplicate.
 */
class RowRunner {
  private readonly running = new Set<Promise<void>>()
  private readonly lastByBarcode = new Map<string, Promise<void>>()
  private failure: Error | undefined

  constructor(private readonly limit: number) {}

  async add(barcode: string | undefined, work: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running)
    this.throwIfFailed()
    const before = barcode === undefined ? undefined : this.lastByBarcode.get(barcode)
    const task: Promise<void> = (before ?? Promise.resolve())
      .then(work)
      .catch((err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err))
      })
      .finally(() => {
        this.running.delete(task)
        if (barcode !== undefined && this.lastByBarcode.get(barcode) === task)
          this.lastByBarcode.delete(barcode)
      })
    this.running.add(task)
    if (barcode !== undefined) this.lastByBarcode.set(barcode, task)
  }

  /** Waits for every started row; never throws (failures are kept for throwIfFailed). */
  async settle(): Promise<void> {
    await Promise.all(this.running)
  }

  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure
  }
}

type CsvRow = { line: number; cells: string[] } | { error: RejectedRow }

/**
 * Parses the CSV as a stream. Line endings are made uniform first because csv-parse counts a
 * CRLF inside a quoted field as two lines, which would shift every later line number.
 */
async function* readCsv(input: CsvInput): AsyncGenerator<CsvRow> {
  const skipped: RejectedRow[] = []
  // The last line a record or a refusal accounted for, and the last line with any text on it.
  let accounted = 0
  const text: TextExtent = { lastWithText: 0 }
  const parser = parse({
    info: true,
    raw: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      if (typeof err?.lines === 'number') accounted = Math.max(accounted, err.lines)
      skipped.push(malformed(err, raw))
      return undefined
    },
  })
  const feeding = pipeline(Readable.from(uniformLineEndings(input, text)), parser)
  // The loop below sees the same error; this only keeps it from being reported as unhandled.
  feeding.catch(() => undefined)
  for await (const chunk of parser as AsyncIterable<{
    record: string[]
    info: Info
    raw: string
  }>) {
    while (skipped.length > 0) yield { error: skipped.shift() as RejectedRow }
    accounted = Math.max(accounted, chunk.info.lines)
    yield { line: startLine(chunk.info.lines, chunk.raw), cells: chunk.record }
  }
  await feeding
  for (const error of skipped) yield { error }
  // After some malformed rows (a character right after a closing quote) the parser reads
  // nothing more. The rows it never read are not dropped in silence: the report says from where.
  if (text.lastWithText > accounted)
    yield {
      error: {
        line: accounted + 1,
        code: 'CSV_UNREAD_REST',
        reason: `Rows from this line to line ${text.lastWithText} were not read, because of the malformed row before them. Fix that row, then import these rows again.`,
      },
    }
}

/** info.lines is the line a record ends on; a quoted field may span several lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '')
  return endLine - (body.match(/\n/g)?.length ?? 0)
}

function malformed(err: CsvError | undefined, raw: string | undefined): RejectedRow {
  const end = typeof err?.lines === 'number' ? err.lines : 0
  const line = raw === undefined ? end : startLine(end, raw)
  const code = err?.code ?? 'CSV_MALFORMED'
  const what =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed, so the rest of the file could not be read'
      : 'the CSV is malformed here (check its quotes)'
  return { line, code, reason: `This row could not be read: ${what}.` }
}

interface TextExtent {
  /** The number of the last line that has anything but spaces on it. */
  lastWithText: number
}

async function* uniformLineEndings(input: CsvInput, extent: TextExtent): AsyncGenerator<string> {
  let line = 1
  const measure = (out: string) => {
    for (const [i, piece] of out.split('\n').entries()) {
      if (i > 0) line += 1
      if (piece.trim() !== '') extent.lastWithText = line
    }
  }
  const source: AsyncIterable<string | Buffer> | Iterable<string | Buffer> =
    typeof input === 'string' || Buffer.isBuffer(input)
      ? [input]
      : (input as AsyncIterable<string | Buffer>)
  const decoder = new TextDecoder('utf-8')
  let pendingCR = false
  const convert = (text: string): string => {
    let s = pendingCR ? '\r' + text : text
    pendingCR = s.endsWith('\r')
    if (pendingCR) s = s.slice(0, -1)
    return s.replace(/\r\n?/g, '\n')
  }
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    const out = convert(text)
    measure(out)
    if (out !== '') yield out
  }
  const rest = convert(decoder.decode()) + (pendingCR ? '\n' : '')
  measure(rest)
  if (rest !== '') yield rest
}

const CANONICAL = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]))

function checkHeader(cells: string[]): ImportColumn[] {
  const known = cells.map((c) => CANONICAL.get(c.toLowerCase()))
  // A first line with no known column is most likely a patron's row: never echo it.
  if (known.every((c) => c === undefined)) {
    throw validation(
      'CSV_NO_HEADER',
      `The first line is not a header: it names none of the columns (${IMPORT_COLUMNS.join(', ')}).`,
    )
  }
  const problems: string[] = []
  known.forEach((c, i) => {
    if (c !== undefined) return
    const name = cells[i] ?? ''
    problems.push(name === '' ? `no name for column ${i + 1}` : `an unknown column "${name}"`)
  })
  if (problems.length > 0) {
    throw validation(
      'CSV_UNKNOWN_COLUMN',
      `The header has ${problems.join(', ')}; the columns are: ${IMPORT_COLUMNS.join(', ')}.`,
    )
  }
  const columns = known as ImportColumn[]
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i)
  if (repeated.length > 0) {
    throw validation(
      'CSV_DUPLICATE_COLUMN',
      `The header names ${[...new Set(repeated)].join(', ')} more than once.`,
    )
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c))
  if (missing.length > 0) {
    throw validation(
      'CSV_MISSING_COLUMN',
      `The header lacks the required column(s): ${missing.join(', ')}.`,
    )
  }
  return columns
}

function barcodeOf(columns: ImportColumn[], cells: string[]): string | undefined {
  const i = columns.indexOf('barcode')
  const value = i < 0 ? undefined : cells[i]
  return value === undefined || value === '' ? undefined : value
}

/** A row as registerPatron input; empty cells are left out ("not given"). */
function toRegistration(columns: ImportColumn[], cells: string[]): Record<string, unknown> {
  if (cells.length !== columns.length) {
    throw validation(
      'CSV_FIELD_COUNT',
      `This row has ${cells.length} fields; the header has ${columns.length}.`,
    )
  }
  const given = new Map<ImportColumn, string>()
  columns.forEach((c, i) => {
    const v = cells[i]
    if (v !== undefined && v !== '') given.set(c, v)
  })
  const pick = (...names: ImportColumn[]) =>
    Object.fromEntries(names.filter((n) => given.has(n)).map((n) => [n, given.get(n)]))
  const address = {
    ...(given.has('addressLine1') && { line1: given.get('addressLine1') }),
    ...(given.has('addressLine2') && { line2: given.get('addressLine2') }),
    ...pick('city', 'region', 'postcode'),
  }
  const sex = given.get('sex')?.toUpperCase()
  const out: Record<string, unknown> = {
    ...pick('givenName', 'familyName', 'phone', 'email', 'licenceNumber', 'birthDate'),
    ...pick('category', 'homeBranch', 'expiresOn'),
    address,
    ...(sex !== undefined && { sex }),
  }
  const notifyColumns = (Object.keys(NOTIFY_COLUMNS) as (keyof typeof NOTIFY_COLUMNS)[]).filter(
    (c) => columns.includes(c),
  )
  if (notifyColumns.length > 0) {
    out.notify = Object.fromEntries(
      notifyColumns.map((c) => [NOTIFY_COLUMNS[c], parseBoolean(c, given.get(c))]),
    )
  }
  if (columns.includes('barcode') || columns.includes('pin')) out.card = pick('barcode', 'pin')
  return out
}

function parseBoolean(column: string, value: string | undefined): boolean {
  const v = (value ?? '').toLowerCase()
  if (['', 'no', 'false', '0'].includes(v)) return false
  if (['yes', 'true', '1'].includes(v)) return true
  throw validation(
    'INVALID_BOOLEAN',
    `${column}: write yes or no (true/false, 1/0 or empty also work).`,
  )
}
