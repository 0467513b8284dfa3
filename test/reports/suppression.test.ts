import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { suppressList, suppressTable, type ShownTable } from '../../src/reports/suppression.js'

/*
 * The checker below knows nothing of cycles or bridges: it plays the reader of a published table
 * and searches, by brute force over non-negative integers up to a bound, for another table that
 * agrees with every shown cell and every shown total but differs at the hidden entry in question.
 */

type Known = { rows: (number | null)[]; cols: (number | null)[]; total: number | null }

/** Whether some assignment of the hidden cells agrees with `known` and `fixed` (cell → value). */
function consistent(shown: ShownTable, known: Known, fixed: Map<string, number>, bound: number) {
  const r = shown.rows.length
  const c = shown.columns.length
  const grid = shown.cells.map((row, i) => row.map((v, j) => v ?? fixed.get(`${i},${j}`) ?? null))
  const unknowns: [number, number][] = []
  grid.forEach((row, i) => row.forEach((v, j) => v === null && unknowns.push([i, j])))
  const lastInRow = new Map<number, number>()
  const lastInCol = new Map<number, number>()
  unknowns.forEach(([i, j], k) => {
    lastInRow.set(i, k)
    lastInCol.set(j, k)
  })
  const rowSum = grid.map((row) => row.reduce<number>((a, v) => a + (v ?? 0), 0))
  const colSum = Array.from({ length: c }, (_, j) => grid.reduce((a, row) => a + (row[j] ?? 0), 0))
  const cap = (s: number, t: number | null) => (t === null ? true : s <= t)
  const wholeOk = () =>
    rowSum.every((s, i) => known.rows[i] === null || s === known.rows[i]) &&
    colSum.every((s, j) => known.cols[j] === null || s === known.cols[j]) &&
    (known.total === null || rowSum.reduce((a, b) => a + b, 0) === known.total)
  if (!rowSum.every((s, i) => cap(s, known.rows[i]!)) || !colSum.every((s, j) => cap(s, known.cols[j]!)))
    return false
  const search = (k: number, sum: number): boolean => {
    if (known.total !== null && sum > known.total) return false
    if (k === unknowns.length) return wholeOk()
    const [i, j] = unknowns[k]!
    let values = Array.from({ length: bound + 1 }, (_, v) => v)
    const rowT = known.rows[i]!
    const colT = known.cols[j]!
    if (lastInRow.get(i) === k && rowT !== null) values = [rowT - rowSum[i]!]
    else if (lastInCol.get(j) === k && colT !== null) values = [colT - colSum[j]!]
    for (const v of values) {
      if (v < 0 || v > bound) continue
      if (!cap(rowSum[i]! + v, rowT) || !cap(colSum[j]! + v, colT)) continue
      if (lastInCol.get(j) === k && colT !== null && colSum[j]! + v !== colT) continue
      if (lastInRow.get(i) === k && rowT !== null && rowSum[i]! + v !== rowT) continue
      rowSum[i] = rowSum[i]! + v
      colSum[j] = colSum[j]! + v
      const ok = search(k + 1, sum + v)
      rowSum[i] = rowSum[i]! - v
      colSum[j] = colSum[j]! - v
      if (ok) return true
    }
    return false
  }
  return search(0, rowSum.reduce((a, b) => a + b, 0))
}

/** Every hidden entry (cell or total) that a reader could pin to a single value. */
function recoverable(cells: number[][], shown: ShownTable): string[] {
  const rowsTrue = cells.map((row) => row.reduce((a, b) => a + b, 0))
  const colsTrue = shown.columns.map((_, j) => cells.reduce((a, row) => a + row[j]!, 0))
  const totalTrue = rowsTrue.reduce((a, b) => a + b, 0)
  const bound = totalTrue + 1
  const base: Known = { rows: shown.rowTotals, cols: shown.columnTotals, total: shown.total }
  const others = (truth: number) =>
    Array.from({ length: bound + 1 }, (_, v) => v)
      .filter((v) => v !== truth)
      .sort((a, b) => Math.abs(a - truth) - Math.abs(b - truth))
  const pinned: string[] = []
  const tryEntry = (name: string, truth: number, known: (v: number) => Known, fix?: string) => {
    const found = others(truth).some((v) =>
      consistent(shown, known(v), fix === undefined ? new Map() : new Map([[fix, v]]), bound),
    )
    if (!found) pinned.push(name)
  }
  shown.cells.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) tryEntry(`cell ${i},${j}`, cells[i]![j]!, () => base, `${i},${j}`)
    }),
  )
  shown.rowTotals.forEach((v, i) => {
    if (v === null)
      tryEntry(`row total ${i}`, rowsTrue[i]!, (x) => ({ ...base, rows: base.rows.map((t, k) => (k === i ? x : t)) }))
  })
  shown.columnTotals.forEach((v, j) => {
    if (v === null)
      tryEntry(`column total ${j}`, colsTrue[j]!, (x) => ({ ...base, cols: base.cols.map((t, k) => (k === j ? x : t)) }))
  })
  if (shown.total === null) tryEntry('grand total', totalTrue, (x) => ({ ...base, total: x }))
  return pinned
}

const table = (cells: number[][]) => ({
  rows: cells.map((_, i) => `r${i}`),
  columns: (cells[0] ?? []).map((_, j) => `c${j}`),
  cells,
})

function checkPublished(cells: number[][], threshold: number) {
  const shown = suppressTable(table(cells), threshold)
  const small = (v: number) => v >= 1 && v < threshold
  const rowsTrue = cells.map((row) => row.reduce((a, b) => a + b, 0))
  const colsTrue = (cells[0] ?? []).map((_, j) => cells.reduce((a, row) => a + row[j]!, 0))
  const totalTrue = rowsTrue.reduce((a, b) => a + b, 0)
  cells.forEach((row, i) =>
    row.forEach((v, j) => {
      const s = shown.cells[i]![j]!
      if (small(v) || v !== 0) expect(s === null || s === v).toBe(true)
      if (small(v)) expect(s).toBeNull()
      if (v === 0) expect(s).toBe(0)
    }),
  )
  rowsTrue.forEach((v, i) => {
    if (small(v)) expect(shown.rowTotals[i]).toBeNull()
    else expect([null, v]).toContain(shown.rowTotals[i])
  })
  colsTrue.forEach((v, j) => {
    if (small(v)) expect(shown.columnTotals[j]).toBeNull()
    else expect([null, v]).toContain(shown.columnTotals[j])
  })
  if (small(totalTrue)) expect(shown.total).toBeNull()
  const nulls =
    shown.cells.flat().filter((v) => v === null).length +
    [...shown.rowTotals, ...shown.columnTotals, shown.total].filter((v) => v === null).length
  expect(shown.hidden).toBe(nulls)
  expect(recoverable(cells, shown)).toEqual([])
  return shown
}

describe('small-cell suppression', () => {
  it('hides every small count and leaves no hidden entry recoverable from the shown ones', () => {
    const tables = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain(([r, c]) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: c, maxLength: c }), {
          minLength: r,
          maxLength: r,
        }),
      )
    fc.assert(
      fc.property(tables, fc.integer({ min: 2, max: 6 }), (cells, threshold) => {
        checkPublished(cells, threshold)
      }),
      { numRuns: 300 },
    )
  })

  it('the checker does notice a hidden cell that the totals give away', () => {
    // A lone hidden cell with every total shown is exactly what suppression must never publish.
    const cells = [
      [3, 9],
      [8, 7],
    ]
    const naive: ShownTable = {
      ...table(cells),
      cells: [
        [null, 9],
        [8, 7],
      ],
      rowTotals: [12, 15],
      columnTotals: [11, 16],
      total: 27,
      hidden: 1,
    }
    expect(recoverable(cells, naive)).toEqual(['cell 0,0'])
  })

  it('a single row: the lone small cell takes a second cell and the column totals with it', () => {
    const shown = checkPublished([[3, 7, 8]], 5)
    expect(shown.cells[0]).toEqual([null, null, 8])
    expect(shown.columnTotals).toEqual([null, null, 8])
    expect(shown.rowTotals).toEqual([18])
    expect(shown.total).toBe(18)
  })

  it('a single small cell in a row of large ones hides the smallest partner in row and column', () => {
    const shown = checkPublished(
      [
        [2, 20, 30],
        [40, 9, 50],
        [60, 70, 11],
      ],
      5,
    )
    // The cheapest cycle through the 2: 20 + 9 + 40 beats every other way round.
    expect(shown.cells).toEqual([
      [null, null, 30],
      [null, null, 50],
      [60, 70, 11],
    ])
    expect(shown.total).toBe(292)
    expect(shown.hidden).toBe(4)
  })

  it('a bridge between two hidden cycles is closed too', () => {
    // Two blocks of small cells joined by one small cell: every row and column holds at least two
    // hidden cells, yet the joining cell is fixed by the margins unless more is hidden.
    const bridged = [
      [2, 2, 0, 0],
      [2, 2, 2, 0],
      [0, 0, 2, 2],
      [0, 0, 2, 2],
    ]
    const shown = checkPublished(bridged, 3)
    expect(shown.hidden).toBeGreaterThan(9)
  })

  it('zeros are shown and a threshold of 1 hides nothing', () => {
    const shown = suppressTable(table([[0, 1, 2]]), 1)
    expect(shown.cells).toEqual([[0, 1, 2]])
    expect(shown.hidden).toBe(0)
  })

  it('a list hides its small items in pairs and keeps the total when it can', () => {
    const list = suppressList(
      [
        { label: 'a', count: 3 },
        { label: 'b', count: 7 },
        { label: 'c', count: 12 },
        { label: 'd', count: 0 },
      ],
      5,
    )
    expect(list.items.map((i) => i.count)).toEqual([null, null, 12, 0])
    expect(list.total).toBe(22)
    expect(list.hidden).toBe(2)
    const one = suppressList([{ label: 'a', count: 3 }], 5)
    expect(one).toEqual({ items: [{ label: 'a', count: null }], total: null, hidden: 2 })
  })
})
