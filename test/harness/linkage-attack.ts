import { sql, type Kysely } from 'kysely'
import type { AppContext } from '../../src/context.js'

/**
 * The adversary of P3: someone holding a copy of every store (a court order for "all records", a
 * stolen backup, an administrator with a SQL prompt). It dumps every table, then tries every join
 * it can think of to pair a patron with an item: rows naming both, equal times (millisecond,
 * second, minute), the order of rows and of ids, and equal amounts.
 */

export interface Row {
  table: string
  store: 'records' | 'keys'
  /** Physical position in the table (SQLite rowid, PostgreSQL ctid), as the engine returns them. */
  position: number
  values: Record<string, unknown>
}

export interface Dump {
  rows: Row[]
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>

async function withoutRowid(db: AnyDb, table: string): Promise<boolean> {
  const { rows } = await sql<{
    sql: string | null
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)
  return /\bwithout\s+rowid\b/i.test(rows[0]?.sql ?? '')
}

async function dumpStore(ctx: AppContext, db: AnyDb, store: Row['store']): Promise<Row[]> {
  const out: Row[] = []
  const tables = await db.introspection.getTables()
  for (const t of tables) {
    const rows =
      ctx.engine === 'sqlite'
        ? (await withoutRowid(db, t.name))
          ? // Such a table (FTS5 keeps two) is stored, and read, in its key's order.
            (await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(db))
              .rows
          : (
              await sql<Record<string, unknown>>`select rowid as "__pos", * from ${sql.table(
                t.name,
              )} order by rowid`.execute(db)
            ).rows
        : (
            await sql<Record<string, unknown>>`select ctid::text as "__pos", * from ${sql.table(
              t.name,
            )} order by ctid`.execute(db)
          ).rows
    rows.forEach((r, i) => {
      const { __pos: _pos, ...values } = r
      out.push({ table: t.name, store, position: i, values })
    })
  }
  return out
}

export async function dumpEverything(ctx: AppContext): Promise<Dump> {
  return {
    rows: [
      ...(await dumpStore(ctx, ctx.db as unknown as AnyDb, 'records')),
      ...(await dumpStore(ctx, ctx.keys as unknown as AnyDb, 'keys')),
    ],
  }
}

export interface Target {
  /** The patron the attacker must find. */
  patron: string
  /** What the patron had: identifiers of the copy (id, barcode) or of the title (record id). */
  thing: string[]
  kind: 'loan' | 'hold' | 'fee'
}

export interface Identities {
  /** Every identifier of each patron (id, card ids, card numbers). */
  patrons: Map<string, string[]>
  /** Every identifier of each copy or title (ids, barcodes), with its replacement price. */
  things: Map<string, { ids: string[]; price?: number }>
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

function flatten(v: unknown): string[] {
  if (v === null || v === undefined) return []
  if (typeof v === 'string') {
    if (v.startsWith('{') || v.startsWith('[')) {
      try {
        return [v, ...flatten(JSON.parse(v) as unknown)]
      } catch {
        return [v]
      }
    }
    return [v]
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return [String(v)]
  if (Array.isArray(v)) return v.flatMap(flatten)
  if (v instanceof Date) return [v.toISOString()]
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).flatMap(flatten)
  return []
}

interface Classified {
  row: Row
  patrons: Set<string>
  things: Set<string>
  times: string[]
  numbers: number[]
}

function classify(dump: Dump, ids: Identities): Classified[] {
  const patronOf = new Map<string, string>()
  for (const [p, list] of ids.patrons) for (const id of list) patronOf.set(id, p)
  const thingOf = new Map<string, string>()
  for (const [t, { ids: list }] of ids.things) for (const id of list) thingOf.set(id, t)
  return dump.rows.map((row) => {
    const values = flatten(row.values)
    const patrons = new Set<string>()
    const things = new Set<string>()
    const times: string[] = []
    const numbers: number[] = []
    for (const v of values) {
      const p = patronOf.get(v)
      if (p !== undefined) patrons.add(p)
      const t = thingOf.get(v)
      if (t !== undefined) things.add(t)
      if (ISO_TIME.test(v)) times.push(v)
      if (/^\d{2,7}$/.test(v)) numbers.push(Number(v))
    }
    // A value that merely contains an identifier (a JSON payload, a joined string) counts too.
    const text = values.join('\u0001')
    for (const [id, p] of patronOf) if (!patrons.has(p) && text.includes(id)) patrons.add(p)
    for (const [id, t] of thingOf) if (!things.has(t) && text.includes(id)) things.add(t)
    return { row, patrons, things, times, numbers }
  })
}

/** Evidence that a patron had a thing: a score per (thing, patron). */
export type Evidence = Map<string, Map<string, number>>

/** Which joins produced evidence for each (thing, patron). */
export type JoinsFound = Map<string, Set<string>>

let found: JoinsFound = new Map()

function add(e: Evidence, thing: string, patron: string, w: number, join: string): void {
  const m = e.get(thing) ?? new Map<string, number>()
  m.set(patron, (m.get(patron) ?? 0) + w)
  e.set(thing, m)
  const key = `${thing}|${patron}`
  found.set(key, (found.get(key) ?? new Set<string>()).add(join))
}

/** The joins that tied each target's own patron to its thing. */
export function joinsTyingTargets(
  targets: readonly Target[],
  ids: Identities,
  joins: JoinsFound,
): string[] {
  const out = new Set<string>()
  for (const t of targets)
    for (const thing of new Set(t.thing.map((id) => thingKey(ids, id))))
      for (const j of joins.get(`${thing}|${t.patron}`) ?? []) out.add(j)
  return [...out].sort()
}

/** Every join the attacker tries; returns the evidence and which joins produced any. */
export function attack(dump: Dump, ids: Identities): { evidence: Evidence; joins: JoinsFound } {
  const rows = classify(dump, ids)
  const evidence: Evidence = new Map()
  found = new Map()

  // 1. A row naming both.
  for (const r of rows)
    for (const t of r.things)
      for (const p of r.patrons) {
        add(evidence, t, p, 100, `row:${r.row.table}`)
      }

  // 2. Equal times, at millisecond, second and minute precision.
  const patronSide = rows.filter((r) => r.patrons.size > 0 && r.things.size === 0)
  const thingSide = rows.filter((r) => r.things.size > 0 && r.patrons.size === 0)
  for (const [name, cut] of [
    ['ms', 24],
    ['s', 19],
    ['min', 16],
  ] as const) {
    const byTime = new Map<string, Set<string>>()
    for (const r of patronSide)
      for (const at of r.times) {
        const k = at.slice(0, cut)
        const set = byTime.get(k) ?? new Set<string>()
        for (const p of r.patrons) set.add(p)
        byTime.set(k, set)
      }
    for (const r of thingSide)
      for (const at of r.times) {
        const ps = byTime.get(at.slice(0, cut))
        if (ps === undefined) continue
        for (const t of r.things)
          for (const p of ps) {
            add(evidence, t, p, 10 / ps.size, `time-${name}:${r.row.table}`)
          }
      }
  }

  // 3. Order: the n-th most recent row naming a thing against the n-th most recent entry naming a
  //    patron, per pair of tables, counted from either end.
  //    A log is also split by the kind of entry (every check-in, in order, say).
  const byTable = (side: Classified[]) => {
    const m = new Map<string, Classified[]>()
    for (const r of side) {
      const kind = r.row.values.action ?? r.row.values.kind ?? r.row.values.event
      for (const key of [
        r.row.table,
        ...(typeof kind === 'string' ? [`${r.row.table}/${kind}`] : []),
      ])
        m.set(key, [...(m.get(key) ?? []), r])
    }
    for (const list of m.values()) list.sort((a, b) => a.row.position - b.row.position)
    return m
  }
  const thingTables = byTable(thingSide)
  const patronTables = byTable(patronSide)
  //    And by the order of their ids, as if ids said when a row was made (time-ordered ones do).
  for (const [name, list] of [...thingTables])
    if (list.some((r) => typeof r.row.values.id === 'string'))
      thingTables.set(
        `${name}#by-id`,
        [...list].sort((a, b) => String(a.row.values.id).localeCompare(String(b.row.values.id))),
      )
  for (const [tt, tRows] of thingTables)
    for (const [pt, pRows] of patronTables)
      for (const fromEnd of [false, true]) {
        const a = fromEnd ? [...tRows].reverse() : tRows
        const b = fromEnd ? [...pRows].reverse() : pRows
        const n = Math.min(a.length, b.length)
        for (let i = 0; i < n; i++)
          for (const t of a[i]!.things)
            for (const p of b[i]!.patrons) {
              add(evidence, t, p, 1, `order:${tt}~${pt}`)
            }
      }

  // 4. Amounts: a patron-side amount equal to a thing's replacement price.
  const byPrice = new Map<number, string[]>()
  for (const [t, { price }] of ids.things)
    if (price !== undefined) byPrice.set(price, [...(byPrice.get(price) ?? []), t])
  for (const r of patronSide)
    for (const n of r.numbers)
      for (const t of byPrice.get(n) ?? [])
        for (const p of r.patrons) {
          add(evidence, t, p, 5, `amount:${r.row.table}`)
        }
  return { evidence, joins: found }
}

/**
 * How many targets the attacker pairs with the right patron, in expectation: it names the
 * patron with the most evidence (a tie split evenly; no evidence at all is a guess among
 * every patron).
 */
export function expectedHits(
  targets: readonly Target[],
  evidence: Evidence,
  ids: Identities,
  truth: readonly string[] = targets.map((t) => t.patron),
): number {
  const everyone = ids.patrons.size
  let hits = 0
  targets.forEach((target, i) => {
    const scores = new Map<string, number>()
    for (const thing of new Set(target.thing.map((id) => thingKey(ids, id))))
      for (const [p, w] of evidence.get(thing) ?? []) scores.set(p, (scores.get(p) ?? 0) + w)
    if (scores.size === 0) {
      hits += 1 / everyone
      return
    }
    const best = Math.max(...scores.values())
    const top = [...scores].filter(([, w]) => w === best).map(([p]) => p)
    if (top.includes(truth[i]!)) hits += 1 / top.length
  })
  return hits
}

function thingKey(ids: Identities, id: string): string {
  for (const [t, v] of ids.things) if (t === id || v.ids.includes(id)) return t
  return id
}

/** A fixed shuffle (so the control is the same on every run). */
export function shuffled<T>(list: readonly T[], seed = 7): T[] {
  const out = [...list]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Shuffled controls in the permutation test. */
const CONTROLS = 2000

/**
 * A permutation test: the attack's expected hits against the truth, and against the same attack
 * scored on 2,000 controls where the patrons of the targets were shuffled. p is the share of
 * controls that do at least as well as the truth. With nothing to find, the truth is just one
 * more shuffle, so it beats every control (p = 0) once in about 2,001 runs.
 */
export function permutationScore(targets: Target[], ids: Identities, dump: Dump) {
  const { evidence, joins } = attack(dump, ids)
  const real = expectedHits(targets, evidence, ids)
  const controls = Array.from({ length: CONTROLS }, (_, seed) =>
    expectedHits(
      targets,
      evidence,
      ids,
      shuffled(
        targets.map((t) => t.patron),
        seed + 1,
      ),
    ),
  )
  const mean = controls.reduce((a, b) => a + b, 0) / controls.length
  const p = controls.filter((c) => c >= real - 1e-9).length / controls.length
  return { real, control: mean, p, tying: joinsTyingTargets(targets, ids, joins) }
}
