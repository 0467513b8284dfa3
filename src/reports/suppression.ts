/*
 * Small-cell suppression for published counts. A count of one to threshold-1 could point to a
 * person, so it is hidden; and because a table is published with its row, column and grand
 * totals, more cells are hidden until no hidden number can be worked out from what is shown.
 *
 * The model: add the totals to the table as an extra row and column, with the margins negated,
 * so every row and every column of the augmented table sums to zero. Each entry is an edge of a
 * bipartite graph (rows on one side, columns on the other, the totals row and column included).
 * The shown entries are known; the hidden ones are unknowns tied only by "each node sums to
 * zero". The solutions then differ from the true values by circulations, so a hidden entry is
 * pinned down exactly when it lies on no cycle of hidden edges — when it is a bridge of the
 * hidden graph. "Every row with a hidden cell has two" is not enough: a bridge between two
 * cycles still satisfies it. So we look for bridges and, for each, hide the cheapest path of
 * shown non-zero entries that closes a cycle through it. All hidden entries are at least one,
 * so moving one unit around a cycle gives another non-negative solution.
 */

export interface CountTable {
  rows: string[]
  columns: string[]
  cells: number[][]
}

export interface ShownTable {
  rows: string[]
  columns: string[]
  /** null = hidden */
  cells: (number | null)[][]
  rowTotals: (number | null)[]
  columnTotals: (number | null)[]
  total: number | null
  /** How many cells (and totals) are hidden. */
  hidden: number
}

/** The default smallest count a report shows (statistics.smallCells). */
export const DEFAULT_SMALL_CELLS = 5

interface Edge {
  row: number // 0..r, r = the totals row
  col: number // 0..c, c = the totals column
  value: number
  isTotal: boolean
}

export function suppressTable(table: CountTable, threshold: number): ShownTable {
  const r = table.rows.length
  const c = table.columns.length
  for (const row of table.cells) {
    if (row.length !== c) throw new Error('suppressTable: every row needs one cell per column')
  }
  if (table.cells.length !== r) throw new Error('suppressTable: one row of cells per row label')
  const rowTotals = table.cells.map((row) => row.reduce((a, b) => a + b, 0))
  const columnTotals = table.columns.map((_, j) => table.cells.reduce((a, row) => a + row[j]!, 0))
  const total = rowTotals.reduce((a, b) => a + b, 0)

  const edges: Edge[] = []
  for (let i = 0; i <= r; i++) {
    for (let j = 0; j <= c; j++) {
      const value =
        i < r && j < c ? table.cells[i]![j]! : i < r ? rowTotals[i]! : j < c ? columnTotals[j]! : total
      edges.push({ row: i, col: j, value, isTotal: i === r || j === c })
    }
  }
  const hidden = new Set<number>()
  edges.forEach((e, k) => {
    if (e.value >= 1 && e.value < threshold) hidden.add(k)
  })
  if (hidden.size > 0) closeCycles(edges, hidden, r + 1, c + 1)

  const at = (i: number, j: number): number | null => {
    const k = i * (c + 1) + j
    return hidden.has(k) ? null : edges[k]!.value
  }
  return {
    rows: [...table.rows],
    columns: [...table.columns],
    cells: table.cells.map((row, i) => row.map((_, j) => at(i, j))),
    rowTotals: rowTotals.map((_, i) => at(i, c)),
    columnTotals: columnTotals.map((_, j) => at(r, j)),
    total: at(r, c),
    hidden: hidden.size,
  }
}

/** A one-dimensional list with its total: same rules (a column of one). */
export function suppressList(
  items: { label: string; count: number }[],
  threshold: number,
): { items: { label: string; count: number | null }[]; total: number | null; hidden: number } {
  const shown = suppressTable(
    { rows: items.map((i) => i.label), columns: ['count'], cells: items.map((i) => [i.count]) },
    threshold,
  )
  const hiddenCells = shown.cells.filter((row) => row[0] === null).length
  return {
    items: items.map((item, i) => ({ label: item.label, count: shown.cells[i]![0]! })),
    total: shown.total,
    // The row totals repeat the items; only the items and the grand total are published.
    hidden: hiddenCells + (shown.total === null ? 1 : 0),
  }
}

/** Hides further entries until no hidden entry is a bridge of the hidden graph. */
function closeCycles(edges: Edge[], hidden: Set<number>, rowNodes: number, colNodes: number): void {
  for (;;) {
    const bridge = findBridge(edges, hidden, rowNodes, colNodes)
    if (bridge === undefined) return
    const path = cheapestDetour(edges, hidden, bridge, rowNodes, colNodes)
    // A cell of at least one always has its row total, column total and grand total non-zero,
    // so a detour through the totals exists; this cannot happen with non-negative counts.
    if (path.length === 0) throw new Error('suppressTable: counts must be non-negative integers')
    for (const k of path) hidden.add(k)
  }
}

/** Nodes: rows 0..rowNodes-1, then columns. Returns the index of a bridge edge, if any. */
function findBridge(
  edges: Edge[],
  hidden: Set<number>,
  rowNodes: number,
  colNodes: number,
): number | undefined {
  const n = rowNodes + colNodes
  const adj: { to: number; edge: number }[][] = Array.from({ length: n }, () => [])
  for (const k of hidden) {
    const e = edges[k]!
    adj[e.row]!.push({ to: rowNodes + e.col, edge: k })
    adj[rowNodes + e.col]!.push({ to: e.row, edge: k })
  }
  const order = new Array<number>(n).fill(-1)
  const low = new Array<number>(n).fill(0)
  let counter = 0
  let found: number | undefined
  const visit = (u: number, viaEdge: number): void => {
    order[u] = low[u] = counter++
    for (const { to, edge } of adj[u]!) {
      if (edge === viaEdge) continue
      if (order[to] === -1) {
        visit(to, edge)
        low[u] = Math.min(low[u]!, low[to]!)
        if (low[to]! > order[u]! && found === undefined) found = edge
      } else {
        low[u] = Math.min(low[u]!, order[to]!)
      }
    }
  }
  for (let u = 0; u < n && found === undefined; u++) if (order[u] === -1) visit(u, -1)
  return found
}

/**
 * The cheapest path between the bridge's ends avoiding the bridge: hidden edges are free, shown
 * zeros are never used (a zero is shown: absence is not a person), and shown counts cost first
 * by how many totals they hide, then by their size, so the smallest cells go first.
 */
function cheapestDetour(
  edges: Edge[],
  hidden: Set<number>,
  bridge: number,
  rowNodes: number,
  colNodes: number,
): number[] {
  const n = rowNodes + colNodes
  const start = edges[bridge]!.row
  const goal = rowNodes + edges[bridge]!.col
  const cost = new Array<[number, number]>(n).fill([Infinity, Infinity])
  const via = new Array<number>(n).fill(-1)
  const done = new Array<boolean>(n).fill(false)
  cost[start] = [0, 0]
  const less = (a: [number, number], b: [number, number]) =>
    a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  for (;;) {
    let u = -1
    for (let v = 0; v < n; v++) {
      if (!done[v] && cost[v]![0] !== Infinity && (u === -1 || less(cost[v]!, cost[u]!))) u = v
    }
    if (u === -1 || u === goal) break
    done[u] = true
    edges.forEach((e, k) => {
      if (k === bridge) return
      const a = e.row
      const b = rowNodes + e.col
      if (a !== u && b !== u) return
      const v = a === u ? b : a
      if (done[v]) return
      const isHidden = hidden.has(k)
      if (!isHidden && e.value === 0) return
      const step: [number, number] = isHidden ? [0, 0] : [e.isTotal ? 1 : 0, e.value]
      const next: [number, number] = [cost[u]![0] + step[0], cost[u]![1] + step[1]]
      if (less(next, cost[v]!)) {
        cost[v] = next
        via[v] = k
      }
    })
  }
  if (cost[goal]![0] === Infinity) return []
  const path: number[] = []
  for (let v = goal; v !== start; ) {
    const k = via[v]!
    if (!hidden.has(k)) path.push(k)
    const e = edges[k]!
    v = e.row === v ? rowNodes + e.col : e.row
  }
  return path
}
