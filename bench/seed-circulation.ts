// A working library around the seeded patrons: branches, loan rules and a calendar (through the
// services), then titles, copies, loans out now, unpaid fines, open holds and reading histories
// (bulk, through the raw driver), then fresh planner statistics. What two years of past loans,
// closed holds and settled fees leave behind is what Carrel now keeps of them: anonymous cells in
// circulation_counts, hold_counts and fee_counts, and each copy's times_lent (the rows themselves
// were deleted when their purpose ended). Also the lanes the circulation workloads loop over: a
// copy on the shelf at main and a borrower who owes nothing, so each checkout is followed by a
// check-in that deletes the loan.
import { randomUUID } from 'node:crypto'
import { SYSTEM_ACTOR } from '../src/actor.js'
import { recordRow, itemRow, type ItemRow } from '../src/catalog/catalog.service.js'
import { DAY } from '../src/clock.js'
import {
  DEFAULT_RULE,
  addClosedDay,
  saveBranch,
  saveLoanRule,
} from '../src/library/library.service.js'
import type { BenchEngine } from './engines.js'
import { rng } from './people.js'
import { insert, sql, type Plan, type Row } from './raw.js'

/** One borrower and one copy: a checkout then its check-in, again and again. */
export interface Lane {
  patronId: string
  patronBarcode: string
  category: string
  itemId: string
  itemBarcode: string
  recordId: string
}

export interface CircSeeded {
  records: number
  items: number
  /** Past loans, counted (checkout and check-in) into circulation_counts cells. */
  history: number
  /** Anonymous cells: circulation_counts, hold_counts and fee_counts rows. */
  cells: { circulation: number; holds: number; fees: number }
  /** Returned loans kept because their patrons keep a reading history. */
  reading: number
  /** Loans out now, some overdue (those carry an accruing fine). */
  open: number
  /** Returned late, fine unpaid: these loans still name the patron. */
  owing: number
  holds: number
  lanes: Lane[]
  seconds: number
}

export const BRANCHES = ['main', 'east', 'west'] as const
const HOLIDAYS = ['01-01', '05-25', '07-04', '09-07', '11-26', '11-27', '12-24', '12-25', '12-31']
const BATCH = 2000

/** Branches, the loan rules a public library runs, Sundays and public holidays closed. */
async function setUpLibrary(b: BenchEngine): Promise<void> {
  const { ctx } = b
  for (const code of BRANCHES.slice(1))
    await saveBranch(ctx, SYSTEM_ACTOR, { code, name: `${code[0]?.toUpperCase()}${code.slice(1)}` })
  const rules = [
    { itemType: 'dvd', loanPeriod: 7, maxItems: 10, finePerDayCents: 100, maxFineCents: 1000 },
    { itemType: 'magazine', loanPeriod: 14, renewalsAllowed: 0 },
    { patronCategory: 'child', maxItems: 20, finePerDayCents: 0, maxFineCents: 0 },
    { branch: 'east', itemType: 'dvd', loanPeriod: 3, maxItems: 5, finePerDayCents: 100 },
  ]
  for (const r of rules) await saveLoanRule(ctx, SYSTEM_ACTOR, { ...DEFAULT_RULE, ...r })
  await addClosedDay(ctx, SYSTEM_ACTOR, { branch: '*', weekday: 0, note: 'Sundays' })
  await addClosedDay(ctx, SYSTEM_ACTOR, { branch: 'west', weekday: 1, note: 'Mondays' })
  const year = new Date().getUTCFullYear()
  for (const y of [year, year + 1])
    for (const d of HOLIDAYS)
      await addClosedDay(ctx, SYSTEM_ACTOR, { branch: '*', date: `${y}-${d}`, note: 'Holiday' })
}

function* inBatches(table: string, rows: readonly object[]): Plan<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    yield insert('records', table, rows.slice(i, i + BATCH))
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Seeds `items` copies (about two per title) and everything around them. Patrons come from the
 * patron seed: the first `lanes` of them (by id) borrow in the workloads and owe nothing.
 */
export async function seedCirculation(
  b: BenchEngine,
  items: number,
  laneCount: number,
): Promise<CircSeeded> {
  const started = performance.now()
  const random = rng(20_260_301)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  await setUpLibrary(b)

  const patrons = (await b.raw.run(
    (function* (): Plan<Row[]> {
      return yield sql(
        'records',
        `SELECT p.id, p.category, c.barcode FROM patrons p JOIN cards c ON c.patron_id = p.id
         WHERE p.status = 'active' AND c.status = 'active' AND p.keep_history = 0 ORDER BY p.id`,
      )
    })(),
  )) as { id: string; category: string; barcode: string }[]
  if (patrons.length < laneCount * 2)
    throw new Error(`seedCirculation: ${patrons.length} patrons, need ${laneCount * 2}`)
  const borrowers = patrons.slice(laneCount)
  const now = Date.now()
  const at = iso(now)

  // Titles and copies. The first `laneCount` titles have one book at main each: the lanes.
  const records: object[] = []
  const copies: ItemRow[] = []
  const laneItems: ItemRow[] = []
  for (let r = 0; copies.length < items; r++) {
    const record = recordRow(
      {
        title: `${pick(WORDS)} ${pick(WORDS)} of the ${pick(WORDS)} ${r}`,
        author: `${pick(WORDS)} ${pick(WORDS)}`,
        year: 1950 + Math.floor(random() * 76),
        materialType: 'book',
      },
      at,
    )
    records.push(record)
    const lane = r < laneCount
    const n = lane ? 1 : 1 + Math.floor(random() * random() * 4)
    for (let c = 0; c < n && copies.length < items; c++) {
      const roll = random()
      const itemType = lane
        ? 'book'
        : roll < 0.8
          ? 'book'
          : roll < 0.92
            ? 'dvd'
            : roll < 0.98
              ? 'magazine'
              : 'reference'
      const branch = lane ? 'main' : random() < 0.6 ? 'main' : random() < 0.6 ? 'east' : 'west'
      const item = itemRow(
        {
          recordId: record.id,
          barcode: `39${String(copies.length).padStart(10, '0')}`,
          branch,
          itemType,
          replacementPriceCents: 1500 + Math.floor(random() * 4000),
          callNumber: `${Math.floor(random() * 1000)}.${Math.floor(random() * 100)}`,
        },
        at,
        itemType === 'reference',
      )
      copies.push(item)
      if (lane) laneItems.push(item)
    }
  }
  const loanable = copies.slice(laneCount).filter((c) => c.status === 'available')

  const loans: object[] = []
  const fees: object[] = []
  const loanRow = (item: ItemRow, patron: { id: string; category: string } | null, co: number) => ({
    id: randomUUID(),
    item_id: item.id,
    record_id: item.record_id,
    item_type: item.item_type,
    branch: item.branch,
    patron_category: patron?.category ?? pick(['adult', 'adult', 'adult', 'child', 'senior']),
    patron_id: patron?.id ?? null,
    checked_out_at: iso(co),
    due_at: iso(co + (item.item_type === 'dvd' ? 7 : 21) * DAY),
    returned_at: null as string | null,
    renewals: 0,
  })
  const fee = (
    patronId: string,
    loanId: string,
    itemId: string,
    cents: number,
    accruing: boolean,
  ) => ({
    id: randomUUID(),
    patron_id: patronId,
    kind: 'overdue',
    status: accruing ? 'accruing' : 'open',
    amount_cents: cents,
    outstanding_cents: cents,
    loan_id: loanId,
    item_id: itemId,
    created_at: at,
  })

  // Two years of past loans, five per copy. Nothing of them is a row any more: each checkout and
  // check-in was counted into its day's cell as it happened, and the copy's times_lent went up.
  const circCells = new Map<string, number>()
  const holdCells = new Map<string, number>()
  const feeCells = new Map<string, { count: number; cents: number }>()
  const lent = new Map<string, number>()
  const day = (ms: number) => iso(ms).slice(0, 10)
  const countLoan = (row: ReturnType<typeof loanRow>, returned: number | null) => {
    lent.set(row.item_id, (lent.get(row.item_id) ?? 0) + 1)
    const cell = `${row.branch}\u0000${row.item_type}\u0000${row.patron_category}`
    const out = `${day(Date.parse(row.checked_out_at))}\u0000${cell}\u0000checkout`
    circCells.set(out, (circCells.get(out) ?? 0) + 1)
    if (returned === null) return
    const back = `${day(returned)}\u0000${cell}\u0000checkin`
    circCells.set(back, (circCells.get(back) ?? 0) + 1)
  }
  const span = 730 * DAY
  const historyCount = loanable.length * 5
  for (let i = 0; i < historyCount; i++) {
    const co = Math.floor(now - span + random() * (span - 30 * DAY))
    countLoan(loanRow(pick(loanable), null, co), co + (1 + Math.floor(random() * 28)) * DAY)
  }
  const history = historyCount

  // Reading histories: about 1% of the borrowers asked to keep theirs, so their returned loans
  // stay (full times, patron named) until they turn it off.
  const readers = borrowers.filter(() => random() < 0.01)
  for (const patron of readers) {
    for (let k = 1 + Math.floor(random() * 10); k > 0; k--) {
      const co = Math.floor(now - span + random() * (span - 30 * DAY))
      const row = loanRow(pick(loanable), patron, co)
      const back = co + (1 + Math.floor(random() * 28)) * DAY + Math.floor(random() * DAY)
      row.returned_at = iso(back)
      loans.push(row)
      countLoan(row, back)
    }
  }
  const reading = loans.length

  // Returned late with the fine unpaid: the loan keeps its patron until the fine is settled.
  const owing = Math.floor(borrowers.length * 0.02)
  for (let i = 0; i < owing; i++) {
    const patron = pick(borrowers)
    const co = now - (60 + Math.floor(random() * 300)) * DAY
    const row = loanRow(pick(loanable), patron, co)
    const days = 3 + Math.floor(random() * 30)
    row.returned_at = iso(Date.parse(row.due_at) + days * DAY)
    loans.push(row)
    countLoan(row, Date.parse(row.returned_at))
    fees.push(fee(patron.id, row.id, row.item_id, Math.min(500, days * 25), false))
  }

  // About 8% of the copies are out now; those past due carry an accruing fine.
  const shuffled = [...loanable].sort(() => random() - 0.5)
  const outNow = shuffled.slice(0, Math.floor(loanable.length * 0.08))
  for (const item of outNow) {
    const patron = pick(borrowers)
    const row = loanRow(item, patron, now - Math.floor(random() * 40 * DAY))
    item.status = 'on_loan'
    loans.push(row)
    countLoan(row, null)
    const late = Math.floor((now - Date.parse(row.due_at)) / DAY)
    if (late > 0) fees.push(fee(patron.id, row.id, item.id, Math.min(500, late * 25), true))
  }
  const open = outNow.length

  // Holds: a queue on some titles, and copies waiting on the hold shelf or in transit.
  const shelf = shuffled.slice(outNow.length)
  const hold = (recordId: string, status: string, placed: number) => ({
    id: randomUUID(),
    record_id: recordId,
    patron_id: pick(borrowers).id as string | null,
    pickup_branch: pick(BRANCHES) as string,
    status,
    placed_at: iso(placed),
    suspended_until: null,
    item_id: null as string | null,
    pickup_code: null as string | null,
    ready_at: null as string | null,
    expires_on: null as string | null,
    closed_at: null as string | null,
  })
  const holds: ReturnType<typeof hold>[] = []
  const queuedTitles = Math.floor(records.length * 0.04)
  for (let i = 0; i < queuedTitles; i++) {
    const item = pick(outNow)
    for (let q = 1 + Math.floor(random() * 4); q > 0; q--)
      holds.push(hold(item.record_id, 'queued', now - random() * 60 * DAY))
  }
  const codes = new Set<string>()
  const waiting = shelf.splice(0, Math.floor(loanable.length * 0.015))
  waiting.forEach((item, i) => {
    const h = hold(item.record_id, i % 4 === 0 ? 'in_transit' : 'ready', now - random() * 20 * DAY)
    h.item_id = item.id
    if (h.status === 'ready') {
      h.pickup_branch = item.branch
      let code: string
      do code = pickupCode(random)
      while (codes.has(code))
      codes.add(code)
      h.pickup_code = code
      h.ready_at = iso(now - random() * 5 * DAY)
      h.expires_on = iso(now + 7 * DAY).slice(0, 10)
      item.status = 'on_hold_shelf'
    } else {
      h.pickup_branch = BRANCHES.find((x) => x !== item.branch) ?? 'main'
      item.status = 'in_transit'
      item.transit_to = h.pickup_branch
    }
    holds.push(h)
  })
  // Two years of closed holds (about 15% of the copies' worth a month): deleted when they closed,
  // counted by day and pickup branch (placed, ready, then fulfilled, cancelled or expired). An
  // expired hold from the last month whose copy is still on the shelf keeps a row without a
  // patron, dated to the day, for the pull list (expireHolds), until the copy is next in hand.
  const countHoldEvent = (ms: number, branch: string, event: string) => {
    const key = `${day(ms)}\u0000${branch}\u0000${event}`
    holdCells.set(key, (holdCells.get(key) ?? 0) + 1)
  }
  for (const h of holds) {
    countHoldEvent(Date.parse(h.placed_at), h.pickup_branch, 'placed')
    if (h.ready_at !== null) countHoldEvent(Date.parse(h.ready_at), h.pickup_branch, 'ready')
  }
  const closed = Math.floor(loanable.length * 0.15 * 24)
  for (let i = 0; i < closed; i++) {
    const roll = random()
    const event = roll < 0.7 ? 'fulfilled' : roll < 0.9 ? 'cancelled' : 'expired'
    const end = now - random() * (span - 30 * DAY)
    const placed = end - (1 + random() * 60) * DAY
    const branch = pick(BRANCHES)
    countHoldEvent(placed, branch, 'placed')
    if (event !== 'cancelled') countHoldEvent(end - random() * 7 * DAY, branch, 'ready')
    countHoldEvent(end, branch, event)
    if (event === 'expired' && end > now - 30 * DAY && random() < 0.3 && shelf.length > 0) {
      const item = shelf.splice(Math.floor(random() * shelf.length), 1)[0] as ItemRow
      const h = hold(item.record_id, 'expired', end)
      let code: string
      do code = pickupCode(random)
      while (codes.has(code))
      codes.add(code)
      Object.assign(h, {
        patron_id: null,
        pickup_branch: item.branch,
        placed_at: day(end),
        closed_at: day(end),
        item_id: item.id,
        pickup_code: code,
      })
      item.status = 'on_hold_shelf'
      holds.push(h)
    }
  }

  // Two years of settled fees, payments and waivers: deleted when settled, their amounts in the
  // month's totals by kind and outcome (a fee as overdue/lost × paid/waived; a payment by method).
  const countMoney = (ms: number, kind: string, outcome: string, cents: number) => {
    const key = `${iso(ms).slice(0, 7)}\u0000${kind}\u0000${outcome}`
    const cell = feeCells.get(key) ?? { count: 0, cents: 0 }
    feeCells.set(key, { count: cell.count + 1, cents: cell.cents + cents })
  }
  const settled = Math.floor(borrowers.length * 0.02 * 24)
  for (let i = 0; i < settled; i++) {
    const at = now - random() * span
    const lost = random() < 0.05
    const cents = lost ? 1500 + Math.floor(random() * 4000) : 25 * (1 + Math.floor(random() * 20))
    if (random() < 0.85) {
      countMoney(at, lost ? 'lost' : 'overdue', 'paid', cents)
      countMoney(at, 'payment', random() < 0.6 ? 'cash' : 'card', cents)
    } else {
      countMoney(at, lost ? 'lost' : 'overdue', 'waived', cents)
      countMoney(at, 'waiver', 'waiver', cents)
    }
  }

  for (const item of copies) item.times_lent = lent.get(item.id) ?? 0
  const split = (key: string) => key.split('\u0000')
  const circulationCounts = [...circCells].map(([key, count]) => {
    const [d, branch, itemType, category, event] = split(key)
    return {
      id: randomUUID(),
      day: d,
      branch,
      item_type: itemType,
      patron_category: category,
      event,
      count,
    }
  })
  const holdCounts = [...holdCells].map(([key, count]) => {
    const [d, branch, event] = split(key)
    return { id: randomUUID(), day: d, branch, event, count }
  })
  const feeCounts = [...feeCells].map(([key, cell]) => {
    const [month, kind, outcome] = split(key)
    return { id: randomUUID(), month, kind, outcome, ...cell }
  })
  // Not even the order of insertion says anything (the migration shuffles its cells too).
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1)
  for (const cells of [circulationCounts, holdCounts, feeCounts]) cells.sort(byId)

  const lanes = laneItems.map((item, i): Lane => ({
    patronId: patrons[i]?.id ?? '',
    patronBarcode: patrons[i]?.barcode ?? '',
    category: patrons[i]?.category ?? 'adult',
    itemId: item.id,
    itemBarcode: item.barcode,
    recordId: item.record_id,
  }))

  await b.raw.run(
    (function* (): Plan<void> {
      yield sql('records', 'BEGIN')
      yield* inBatches('bib_records', records)
      yield* inBatches('items', copies)
      yield* inBatches('loans', loans)
      yield* inBatches('fees', fees)
      yield* inBatches('holds', holds)
      yield* inBatches('circulation_counts', circulationCounts)
      yield* inBatches('hold_counts', holdCounts)
      yield* inBatches('fee_counts', feeCounts)
      if (readers.length > 0)
        yield sql(
          'records',
          'UPDATE patrons SET keep_history = 1 WHERE id IN (?*)',
          readers.map((p) => p.id),
        )
      yield sql('records', 'COMMIT')
    })(),
  )
  await analyse(b)
  return {
    records: records.length,
    items: copies.length,
    history,
    cells: {
      circulation: circulationCounts.length,
      holds: holdCounts.length,
      fees: feeCounts.length,
    },
    reading,
    open,
    owing,
    holds: holds.length,
    lanes,
    seconds: (performance.now() - started) / 1000,
  }
}

/** Fresh planner statistics, as a maintained database has them (SQLite: also a checkpoint). */
export async function analyse(b: BenchEngine, table?: string): Promise<void> {
  const texts =
    b.engine === 'sqlite'
      ? [`ANALYZE${table ? ` ${table}` : ''}`, 'PRAGMA wal_checkpoint(TRUNCATE)']
      : [`VACUUM ANALYZE${table ? ` ${table}` : ''}`]
  await b.raw.run(
    (function* (): Plan<void> {
      for (const text of texts) yield sql('records', text)
    })(),
  )
}

const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679'
function pickupCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)]
  return `${code.slice(0, 3)}-${code.slice(3)}`
}

const WORDS = `amber harbour winter garden silent river lantern orchard thunder meadow falcon
copper hollow ember willow granite saffron northern quiet paper island velvet cinder harvest
marble signal tidal echo forest glass shadow summer iron crimson silver violet distant`.split(/\s+/)
