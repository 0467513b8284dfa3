// Checkout and check-in (with the delete a settled return makes) through the service, through
// the HTTP API in process (inject) and on a real listen, each beside the raw limit: the same
// statements, straight through the driver, behind a bare Fastify route for the HTTP rows.
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely'
import { SYSTEM_ACTOR, type Actor } from '../src/actor.js'
import { checkin } from '../src/circulation/checkin.service.js'
import { checkout } from '../src/circulation/checkout.service.js'
import { dueDate, overdueFine } from '../src/circulation/loan-policy.js'
import type { AppContext } from '../src/context.js'
import { SQLITE_FILES } from '../src/db/database.js'
import type { Engine } from '../src/db/dialect.js'
import { createPool } from '../src/db/postgres.js'
import type { RecordsDb } from '../src/db/schema.js'
import { openSqlite } from '../src/db/sqlite.js'
import { buildHttpApp } from '../src/http/app.js'
import { newId } from '../src/ids.js'
import { closedDayTest, localDate } from '../src/library/calendar.js'
import { pickRule, type LoanRule } from '../src/library/loan-rules.js'
import type { ClosedDaysTable } from '../src/library/library.tables.js'
import type { AuditEvent } from '../src/privacy/audit.js'
import { createStaff } from '../src/staff/staff.service.js'
import { readToken } from '../src/staff/staff-token.js'
import type { BenchEngine } from './engines.js'
import { median, rate, table, type Timing } from './harness.js'
import { insert, sql, type Plan, type Row, type Step } from './raw.js'
import { auditSeqs, chainAudit, chainHead, saveHead } from './seed-patrons.js'
import type { CircSeeded, Lane } from './seed-circulation.js'

const PASSWORD = 'correct horse battery staple'
const BRANCH = 'main'

export const CIRCULATION_GROUPS = ['service', 'HTTP inject', 'HTTP listen'] as const
export type CircGroup = (typeof CIRCULATION_GROUPS)[number]
export const groupName = (g: CircGroup) => `checkout + check-in · ${g}`

export interface CircOptions {
  timing: Timing
  /** Pairs per round on the real listen (a bounded number of requests). */
  listenPairs: number
  groups: readonly CircGroup[]
  progress: (message: string) => void
}

// ---------------------------------------------------------------------------------------------
// The raw limit: the statements checkout() and checkin() issue, in the same order (exported for
// A/B scripts that vary them).

export interface Env {
  engine: Engine
  tz: string
  actor: Actor
  /** Off: the statements alone (precomputed due date, no rule choice, fine or audit hashing). */
  js: boolean
  /** The due date the statements-only variant writes. */
  dueAt: string
  /** The library's date the statements-only variant counts into. */
  today: string
}

interface CheckoutBody {
  patronBarcode: string
  itemBarcode: string
  branch: string
}
interface CheckinBody {
  itemBarcode: string
  branch: string
}

interface Policy {
  rules: LoanRule[]
  closed: ClosedDaysTable[]
}

function* appendAudit(actor: Actor, events: readonly AuditEvent[], hashing: boolean): Plan<void> {
  const head = yield* chainHead()
  const seqs = yield* auditSeqs(events.length)
  yield insert(
    'records',
    'audit_log',
    chainAudit(head, seqs, actor, new Date().toISOString(), events, hashing),
  )
  yield* saveHead(head)
}

function* loadPolicy(): Plan<Policy> {
  const rules = (yield sql('records', 'SELECT * FROM loan_rules')) as unknown as LoanRule[]
  const closed = (yield sql('records', 'SELECT * FROM closed_days')) as unknown as ClosedDaysTable[]
  return { rules, closed }
}

interface SetUp extends Policy {
  branches: Set<string>
  notForLoan: Set<string>
  maxOwed: Map<string, number>
}

/** The library's set-up, as Carrel keeps it (structure-cache.ts): read in full when its version row changes. */
const setUps = new Map<string, { version: string; value: SetUp }>()

function* setUp(): Plan<SetUp> {
  const [row] = yield sql('records', 'SELECT stamp, version FROM library_version')
  const key = String(row?.stamp)
  const hit = setUps.get(key)
  if (hit !== undefined && hit.version === row?.version) return hit.value
  const branches = yield sql('records', 'SELECT code FROM branches')
  const types = yield sql('records', 'SELECT code, not_for_loan FROM item_types')
  const categories = yield sql('records', 'SELECT code, max_owed_cents FROM patron_categories')
  const value: SetUp = {
    ...(yield* loadPolicy()),
    branches: new Set(branches.map((b) => String(b.code))),
    notForLoan: new Set(
      types.filter((t) => Number(t.not_for_loan) === 1).map((t) => String(t.code)),
    ),
    maxOwed: new Map(categories.map((c) => [String(c.code), Number(c.max_owed_cents)])),
  }
  setUps.set(key, { version: String(row?.version), value })
  return value
}

/**
 * countCirculation: one upsert into the day's anonymous cell (a fresh random id is bound each
 * time, as Carrel's newId() does, and lost to the conflict once the cell exists).
 */
const countCell = (
  cell: { day: string; branch: string; itemType: string; category: string },
  event: 'checkout' | 'checkin',
): Step =>
  sql(
    'records',
    `INSERT INTO circulation_counts (id, day, branch, item_type, patron_category, event, count)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, branch, item_type, patron_category, event)
     DO UPDATE SET count = circulation_counts.count + 1`,
    newId(),
    cell.day,
    cell.branch,
    cell.itemType,
    cell.category,
    event,
    1,
  )

/** The library's date: computed (localDate in the time zone), or precomputed for SQL-only. */
const todayOf = (env: Env, now: Date) => (env.js ? localDate(now, env.tz) : env.today)

const lockedItem = (env: Env, barcode: string): Step =>
  sql(
    'records',
    `SELECT * FROM items WHERE barcode = ?${env.engine === 'postgres' ? ' FOR UPDATE' : ''}`,
    barcode.trim(),
  )

export function* rawCheckout(
  input: CheckoutBody,
  env: Env,
): Plan<{ loanId: string; dueAt: string }> {
  const now = new Date()
  const at = now.toISOString()
  yield sql('records', 'BEGIN')
  const policy = yield* setUp()
  if (!policy.branches.has(input.branch)) throw new Error('UNKNOWN_BRANCH')
  const [patron] = yield sql(
    'records',
    `SELECT c.id AS card_id, c.status AS card_status, p.id AS patron_id, p.status AS patron_status,
            p.category, p.expires_on, p.keep_history
       FROM cards c INNER JOIN patrons p ON p.id = c.patron_id WHERE c.barcode = ?`,
    input.patronBarcode.trim(),
  )
  if (patron === undefined) throw new Error('CARD_NOT_FOUND')
  if (patron.patron_status !== 'active') throw new Error('PATRON_ERASED')
  const patronId = patron.patron_id as string
  const category = patron.category as string
  const [item] = yield lockedItem(env, input.itemBarcode)
  if (item === undefined) throw new Error('ITEM_NOT_FOUND')
  const itemType = item.item_type as string
  yield sql('records', 'SELECT * FROM bib_records WHERE id = ?', item.record_id)
  const [owing] = yield sql(
    'records',
    `SELECT (SELECT coalesce(sum(outstanding_cents), 0) FROM fees
               WHERE patron_id = ? AND status IN (?, ?)) AS owed,
            (SELECT count(*) FROM loans WHERE patron_id = ? AND returned_at IS NULL) AS n`,
    patronId,
    'open',
    'accruing',
    patronId,
  )
  const [held] = yield sql(
    'records',
    'SELECT id, patron_id, status FROM holds WHERE item_id = ? AND status IN (?, ?)',
    item.id,
    'ready',
    'in_transit',
  )
  const rule = env.js
    ? pickRule(policy.rules, { branch: input.branch, patronCategory: category, itemType })
    : undefined
  const blocked =
    patron.card_status !== 'active' ||
    Number(owing?.owed ?? 0) > (policy.maxOwed.get(category) ?? 0) ||
    Number(owing?.n ?? 0) >= (rule?.max_items ?? 50) ||
    item.status !== 'available' ||
    policy.notForLoan.has(itemType) ||
    (held !== undefined && held.patron_id !== patronId)
  if (blocked) throw new Error(`raw checkout blocked: ${JSON.stringify({ item, owing })}`)
  const dueAt =
    rule === undefined
      ? env.dueAt
      : dueDate(rule, now, env.tz, closedDayTest(policy.closed, input.branch)).toISOString()
  const loanId = newId()
  yield insert('records', 'loans', [
    {
      id: loanId,
      item_id: item.id,
      record_id: item.record_id,
      item_type: itemType,
      branch: input.branch,
      patron_category: category,
      patron_id: patronId,
      checked_out_at: at,
      due_at: dueAt,
      returned_at: null,
      renewals: 0,
    },
  ])
  // The copy is not dated; its lifetime count goes up.
  yield sql(
    'records',
    'UPDATE items SET status = ?, transit_to = ?, times_lent = times_lent + ? WHERE id = ?',
    'on_loan',
    null,
    1,
    item.id,
  )
  yield countCell({ day: todayOf(env, now), branch: input.branch, itemType, category }, 'checkout')
  yield* appendAudit(
    env.actor,
    [{ action: 'circ.checkout', patronId, detail: { branch: input.branch } }],
    env.js,
  )
  yield sql('records', 'COMMIT')
  return { loanId, dueAt }
}

export function* rawCheckin(
  input: CheckinBody,
  env: Env,
): Plan<{ fineCents: number; forgotten: boolean; route: string }> {
  const now = new Date()
  const at = now.toISOString()
  // checkItemScope, before the transaction; then the set-up again inside it.
  if (!(yield* setUp()).branches.has(input.branch)) throw new Error('UNKNOWN_BRANCH')
  yield sql('records', 'BEGIN')
  const policy = yield* setUp()
  const [item] = yield lockedItem(env, input.itemBarcode)
  if (item === undefined) throw new Error('ITEM_NOT_FOUND')
  yield sql('records', 'SELECT * FROM bib_records WHERE id = ?', item.record_id)
  const [loan] = yield sql(
    'records',
    'SELECT * FROM loans WHERE item_id = ? AND returned_at IS NULL',
    item.id,
  )
  let fineCents = 0
  let forgotten = false
  if (loan !== undefined) {
    const closed = yield sql(
      'records',
      'UPDATE loans SET returned_at = ? WHERE id = ? AND returned_at IS NULL RETURNING id',
      at,
      loan.id,
    )
    if (closed.length === 0) throw new Error('NOT_ON_LOAN')
    const patronId = loan.patron_id as string | null
    if (patronId !== null) {
      if (env.js) {
        const rule = pickRule(policy.rules, {
          branch: loan.branch as string,
          patronCategory: loan.patron_category as string,
          itemType: loan.item_type as string,
        })
        if (rule === undefined) throw new Error('NO_LOAN_RULE')
        const branch = loan.branch as string
        fineCents = overdueFine(
          rule,
          new Date(loan.due_at as string),
          now,
          env.tz,
          closedDayTest(policy.closed, branch),
        )
      }
      // chargeOverdue: the accruing fine, if any (none here: returned on time, nothing charged).
      const [accruing] = yield sql(
        'records',
        'SELECT * FROM fees WHERE loan_id = ? AND status = ?',
        loan.id,
        'accruing',
      )
      if (accruing !== undefined || fineCents > 0) throw new Error('raw check-in: fine to charge')
      yield* appendAudit(
        env.actor,
        [{ action: 'circ.checkin', patronId, detail: { branch: input.branch } }],
        env.js,
      )
      // forgetLoanIfSettled: one conditional DELETE (returned, no fee on it, no reading
      // history, no legal hold).
      const gone = yield sql(
        'records',
        `DELETE FROM loans WHERE id = ? AND returned_at IS NOT NULL AND NOT (
           EXISTS (SELECT fees.id FROM fees WHERE fees.loan_id = loans.id)
           OR EXISTS (SELECT patrons.id FROM patrons WHERE patrons.id = loans.patron_id
                        AND patrons.keep_history = ? AND patrons.status = ?)
           OR EXISTS (SELECT legal_holds.id FROM legal_holds WHERE legal_holds.lifted_at IS NULL
                        AND (legal_holds.series = ? OR legal_holds.patron_id = loans.patron_id)))
         RETURNING id`,
        loan.id,
        1,
        'active',
        'loan-link',
      )
      forgotten = gone.length > 0
    }
    yield countCell(
      {
        day: todayOf(env, now),
        branch: input.branch,
        itemType: loan.item_type as string,
        category: loan.patron_category as string,
      },
      'checkin',
    )
  }
  // routeItem
  yield sql('records', 'DELETE FROM holds WHERE item_id = ? AND status = ?', item.id, 'expired')
  const assigned = yield sql(
    'records',
    'SELECT * FROM holds WHERE item_id = ? AND status IN (?, ?)',
    item.id,
    'in_transit',
    'ready',
  )
  const today = todayOf(env, now)
  const candidates = yield sql(
    'records',
    `SELECT id, patron_id, pickup_branch FROM holds WHERE record_id = ? AND status = ?
        AND (suspended_until IS NULL OR suspended_until <= ?) ORDER BY placed_at, id LIMIT ?`,
    item.record_id,
    'queued',
    today,
    20,
  )
  if (assigned.length > 0 || candidates.length > 0 || item.branch !== input.branch)
    throw new Error('raw check-in: the bench lanes route every copy back to its shelf')
  yield sql(
    'records',
    'UPDATE items SET status = ?, transit_to = ? WHERE id = ?',
    'available',
    null,
    item.id,
  )
  yield sql('records', 'COMMIT')
  return { fineCents, forgotten, route: 'shelve' }
}

/** Runs a plan and notes each statement it issued (BEGIN and COMMIT aside). */
function* traced<T>(plan: Plan<T>, engine: Engine, log: string[]): Plan<T> {
  let next = plan.next()
  while (next.done !== true) {
    const s = next.value
    const text =
      s.op === 'sql'
        ? s.sql
        : s.op === 'insert'
          ? `INSERT INTO ${s.table}`
          : s.op === 'auditSeq'
            ? 'next audit seq'
            : 'advisory lock'
    // SQLite's single writer needs no audit lock: the raw driver sends nothing for it.
    const sent = s.op !== 'auditLock' || engine === 'postgres'
    if (sent && !/^(BEGIN|COMMIT)$/.test(text)) log.push(text.replace(/\s+/g, ' '))
    next = plan.next(yield s)
  }
  return next.value
}

/** A second Kysely on the same database that logs every statement, for counting Carrel's. */
function tracedContext(
  ctx: AppContext,
  log: string[],
): { ctx: AppContext; close(): Promise<void> } {
  const onLog = (e: LogEvent) => {
    const text = e.query.sql.replace(/\s+/g, ' ')
    if (!/^(begin|commit|rollback)/i.test(text)) log.push(text)
  }
  const db =
    ctx.engine === 'sqlite'
      ? new Kysely<RecordsDb>({
          dialect: new SqliteDialect({
            database: openSqlite(join(ctx.config.dataDir, SQLITE_FILES.records)).kysely,
          }),
          log: onLog,
        })
      : new Kysely<RecordsDb>({
          dialect: new PostgresDialect({ pool: createPool(ctx.config.databaseUrl ?? '', 4) }),
          log: onLog,
        })
  return { ctx: { ...ctx, db }, close: () => db.destroy() }
}

// ---------------------------------------------------------------------------------------------
// Contenders and timing.

/** One side of the pair; a returned promise is awaited. */
type Side = (lane: Lane) => unknown
interface Pair {
  out: Side
  back: Side
}
type Contender = 'carrel' | 'raw' | 'sql'
const CONTENDERS: readonly Contender[] = ['carrel', 'raw', 'sql']

interface Rates {
  out: number
  back: number
}

/** Checkout then check-in on the next lane, until `bound`; each side's time is summed apart. */
async function runPairs(
  pair: Pair,
  next: () => Lane,
  bound: { ms: number } | { pairs: number },
): Promise<Rates> {
  let outMs = 0
  let backMs = 0
  let n = 0
  const start = performance.now()
  for (;;) {
    const lane = next()
    const t0 = performance.now()
    const a = pair.out(lane)
    if (a instanceof Promise) await a
    const t1 = performance.now()
    const b = pair.back(lane)
    if (b instanceof Promise) await b
    const t2 = performance.now()
    outMs += t1 - t0
    backMs += t2 - t1
    n += 1
    if ('pairs' in bound ? n >= bound.pairs : t2 - start >= bound.ms) break
  }
  return { out: n / (outMs / 1000), back: n / (backMs / 1000) }
}

export interface CircRow {
  name: string
  median: Record<Contender, number>
  ratio: { raw: number; sql: number }
  spread: number
}

async function measureGroup(
  group: CircGroup,
  pairs: Record<Contender, Pair>,
  next: () => Lane,
  timing: Timing,
  listenPairs: number,
): Promise<CircRow[]> {
  const bound = group === 'HTTP listen' ? { pairs: listenPairs } : { ms: timing.roundMs }
  const warm =
    group === 'HTTP listen' ? { pairs: Math.ceil(listenPairs / 3) } : { ms: timing.warmupMs }
  for (const c of CONTENDERS) await runPairs(pairs[c], next, warm)
  const samples: Record<Contender, Rates[]> = { carrel: [], raw: [], sql: [] }
  for (let round = 0; round < timing.rounds; round++) {
    const order = round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse()
    for (const c of order) samples[c].push(await runPairs(pairs[c], next, bound))
  }
  return (['out', 'back'] as const).map((side) => {
    const of = (c: Contender) => samples[c].map((r) => r[side])
    const med = (c: Contender) => median(of(c))
    const paired = (base: Contender) => median(of('carrel').map((v, i) => v / (of(base)[i] ?? NaN)))
    return {
      name: `${side === 'out' ? 'checkout' : 'check-in + delete'} · ${group}`,
      median: { carrel: med('carrel'), raw: med('raw'), sql: med('sql') },
      ratio: { raw: paired('raw'), sql: paired('sql') },
      spread: Math.max(
        ...CONTENDERS.map((c) => (Math.max(...of(c)) - Math.min(...of(c))) / med(c)),
      ),
    }
  })
}

export function circTable(rows: readonly CircRow[]): string {
  return table(
    ['workload', 'Carrel/s', 'raw/s', 'Carrel÷raw', 'SQL-only/s', 'Carrel÷SQL', 'spread'],
    rows.map((r) => [
      r.name,
      rate(r.median.carrel),
      rate(r.median.raw),
      r.ratio.raw.toFixed(2),
      rate(r.median.sql),
      r.ratio.sql.toFixed(2),
      `${Math.round(r.spread * 100)}%`,
    ]),
  )
}

export interface SecureDeleteRow {
  name: string
  on: number
  off: number
  /** on ÷ off, per round (the two run back to back), median. */
  ratio: number
  spread: number
}

/**
 * SQLite only: the service pairs with secure_delete on (as Carrel opens its stores) and off,
 * rounds alternating. The pragma belongs to the connection, and the context has just the one.
 */
async function secureDeleteAB(
  ctx: AppContext,
  desk: Actor,
  next: () => Lane,
  timing: Timing,
): Promise<SecureDeleteRow[]> {
  const pair: Pair = {
    out: (lane) => checkout(ctx, desk, checkoutBody(lane)),
    back: async (lane) => expectForgotten(await checkin(ctx, desk, checkinBody(lane)), lane),
  }
  const secureDelete = (on: boolean) =>
    ctx.db.executeQuery(CompiledQuery.raw(`pragma secure_delete = ${on ? 'on' : 'off'}`))
  const samples = { on: [] as Rates[], off: [] as Rates[] }
  try {
    for (const on of [true, false]) {
      await secureDelete(on)
      await runPairs(pair, next, { ms: timing.warmupMs })
    }
    for (let round = 0; round < timing.rounds; round++) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        await secureDelete(on)
        samples[on ? 'on' : 'off'].push(await runPairs(pair, next, { ms: timing.roundMs }))
      }
    }
  } finally {
    await secureDelete(true)
  }
  return (['out', 'back'] as const).map((side) => {
    const on = samples.on.map((r) => r[side])
    const off = samples.off.map((r) => r[side])
    const spread = (v: number[]) => (Math.max(...v) - Math.min(...v)) / median(v)
    return {
      name: `${side === 'out' ? 'checkout' : 'check-in + delete'} · service`,
      on: median(on),
      off: median(off),
      ratio: median(on.map((v, i) => v / (off[i] ?? NaN))),
      spread: Math.max(spread(on), spread(off)),
    }
  })
}

export function secureDeleteTable(rows: readonly SecureDeleteRow[]): string {
  return table(
    ['SQLite secure_delete', 'on/s', 'off/s', 'on÷off', 'spread'],
    rows.map((r) => [
      r.name,
      rate(r.on),
      rate(r.off),
      r.ratio.toFixed(2),
      `${Math.round(r.spread * 100)}%`,
    ]),
  )
}

const checkoutBody = (lane: Lane): CheckoutBody => ({
  patronBarcode: lane.patronBarcode,
  itemBarcode: lane.itemBarcode,
  branch: BRANCH,
})
const checkinBody = (lane: Lane): CheckinBody => ({ itemBarcode: lane.itemBarcode, branch: BRANCH })

function expectForgotten(r: { forgotten: boolean; fineCents: number }, lane: Lane): void {
  if (!r.forgotten || r.fineCents !== 0)
    throw new Error(`check-in of ${lane.itemBarcode} did not delete the loan: ${JSON.stringify(r)}`)
}

/** The bare route: bearer token and staff row checked as Carrel does, then the raw plan. */
async function rawHttpApp(
  b: BenchEngine,
  env: Record<'raw' | 'sql', Env>,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  const barcode = { type: 'string', minLength: 1, maxLength: 32 }
  const branch = { type: 'string', minLength: 1, maxLength: 40 }
  const checkoutSchema = {
    type: 'object',
    required: ['patronBarcode', 'itemBarcode', 'branch'],
    additionalProperties: false,
    properties: { patronBarcode: barcode, itemBarcode: barcode, branch },
  }
  const checkinSchema = {
    type: 'object',
    required: ['itemBarcode', 'branch'],
    additionalProperties: false,
    properties: { itemBarcode: barcode, branch },
  }
  const actorOf = async (request: FastifyRequest): Promise<Actor> => {
    const token = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? ''
    const payload = readToken(b.ctx.keyring.tokenKey, token, Date.now())
    const [row] =
      payload === undefined
        ? []
        : await b.raw.run(
            (function* (): Plan<Row[]> {
              return yield sql('records', 'SELECT * FROM staff WHERE id = ?', payload.sub)
            })(),
          )
    if (
      payload === undefined ||
      row === undefined ||
      row.active !== 1 ||
      payload.iat < Date.parse(row.credentials_changed_at as string)
    )
      throw Object.assign(new Error('UNAUTHENTICATED'), { statusCode: 401 })
    return { type: 'staff', id: row.id as string, role: 'circulation' }
  }
  for (const kind of ['raw', 'sql'] as const) {
    app.post(`/${kind}/checkouts`, { schema: { body: checkoutSchema } }, async (request, reply) => {
      const actor = await actorOf(request)
      const result = await b.raw.run(
        rawCheckout(request.body as CheckoutBody, { ...env[kind], actor }),
      )
      return reply.code(201).send(result)
    })
    app.post(`/${kind}/checkins`, { schema: { body: checkinSchema } }, async (request) => {
      const actor = await actorOf(request)
      return b.raw.run(rawCheckin(request.body as CheckinBody, { ...env[kind], actor }))
    })
  }
  await app.ready()
  return app
}

interface Http {
  carrel: FastifyInstance
  raw: FastifyInstance
  token: string
}

const CARREL_PATHS = {
  out: '/api/v1/circulation/checkouts',
  back: '/api/v1/circulation/checkins',
}
const pathsFor = (c: Contender) =>
  c === 'carrel' ? CARREL_PATHS : { out: `/${c}/checkouts`, back: `/${c}/checkins` }

function checkReply(status: number, want: number, body: string, lane: Lane, what: string): void {
  if (status !== want) throw new Error(`${what} ${lane.itemBarcode}: HTTP ${status} ${body}`)
}

function injectPairs(http: Http): Record<Contender, Pair> {
  const headers = { authorization: `Bearer ${http.token}`, 'content-type': 'application/json' }
  const make = (c: Contender): Pair => {
    const app = c === 'carrel' ? http.carrel : http.raw
    const paths = pathsFor(c)
    return {
      out: async (lane) => {
        const res = await app.inject({
          method: 'POST',
          url: paths.out,
          headers,
          payload: JSON.stringify(checkoutBody(lane)),
        })
        checkReply(res.statusCode, 201, res.body, lane, 'checkout')
      },
      back: async (lane) => {
        const res = await app.inject({
          method: 'POST',
          url: paths.back,
          headers,
          payload: JSON.stringify(checkinBody(lane)),
        })
        checkReply(res.statusCode, 200, res.body, lane, 'check-in')
        expectForgotten(res.json<{ forgotten: boolean; fineCents: number }>(), lane)
      },
    }
  }
  return { carrel: make('carrel'), raw: make('raw'), sql: make('sql') }
}

function fetchPairs(
  bases: Record<'carrel' | 'raw', string>,
  token: string,
): Record<Contender, Pair> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const make = (c: Contender): Pair => {
    const base = c === 'carrel' ? bases.carrel : bases.raw
    const paths = pathsFor(c)
    return {
      out: async (lane) => {
        const res = await fetch(base + paths.out, {
          method: 'POST',
          headers,
          body: JSON.stringify(checkoutBody(lane)),
        })
        checkReply(res.status, 201, await res.text(), lane, 'checkout')
      },
      back: async (lane) => {
        const res = await fetch(base + paths.back, {
          method: 'POST',
          headers,
          body: JSON.stringify(checkinBody(lane)),
        })
        const text = await res.text()
        checkReply(res.status, 200, text, lane, 'check-in')
        expectForgotten(JSON.parse(text) as { forgotten: boolean; fineCents: number }, lane)
      },
    }
  }
  return { carrel: make('carrel'), raw: make('raw'), sql: make('sql') }
}

async function listenOn(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address !== 'object') throw new Error('no listen address')
  return `http://127.0.0.1:${address.port}`
}

// ---------------------------------------------------------------------------------------------

/** Checks once, through the service and the raw plan, that a pair lends, returns, counts and deletes. */
async function verifyPair(
  b: BenchEngine,
  desk: Actor,
  lanes: readonly Lane[],
  env: Env,
): Promise<{ carrel: string[]; raw: string[] }> {
  const loanOf = async (loanId: string) =>
    (
      await b.raw.run(
        (function* (): Plan<Row[]> {
          return yield sql('records', 'SELECT * FROM loans WHERE id = ?', loanId)
        })(),
      )
    )[0]
  const fail = (what: string) => {
    throw new Error(`Circulation check failed (${b.engine}): ${what}`)
  }
  const expectUnlinked = async (loanId: string, who: string) => {
    const loan = await loanOf(loanId)
    if (loan !== undefined) fail(`${who}: loan ${loanId} was not deleted: ${JSON.stringify(loan)}`)
  }
  // What a pair leaves: the copy lent once more, one checkout and one check-in counted today.
  const tally = async (lane: Lane) => {
    const [row] = await b.raw.run(
      (function* (): Plan<Row[]> {
        return yield sql(
          'records',
          `SELECT (SELECT times_lent FROM items WHERE id = ?) AS lent,
                  (SELECT coalesce(sum(count), 0) FROM circulation_counts WHERE day = ? AND branch = ?
                     AND item_type = ? AND patron_category = ? AND event IN (?, ?)) AS counted`,
          lane.itemId,
          env.today,
          BRANCH,
          'book',
          lane.category,
          'checkout',
          'checkin',
        )
      })(),
    )
    return { lent: Number(row?.lent), counted: Number(row?.counted) }
  }
  const expectCounted = (before: { lent: number; counted: number }, after: typeof before) => {
    if (after.lent !== before.lent + 1 || after.counted < before.counted + 2)
      fail(
        `a pair was not counted: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      )
  }
  const [first, second] = lanes
  if (first === undefined || second === undefined) return fail('fewer than two lanes')
  const firstBefore = await tally(first)
  // Carrel, traced: every statement it issues.
  const carrelLog: string[] = []
  const t = tracedContext(b.ctx, carrelLog)
  try {
    const out = await checkout(t.ctx, desk, checkoutBody(first))
    if (out.patronId !== first.patronId) fail('checkout lent to the wrong patron')
    const open = await loanOf(out.loanId)
    if (open?.patron_id !== first.patronId || open.returned_at !== null)
      fail(`checkout: loan row ${JSON.stringify(open)}`)
    const back = await checkin(t.ctx, desk, checkinBody(first))
    if (
      !back.wasOnLoan ||
      !back.forgotten ||
      back.fineCents !== 0 ||
      back.route.action !== 'shelve'
    )
      fail(`check-in: ${JSON.stringify(back)}`)
    await expectUnlinked(out.loanId, 'Carrel')
    expectCounted(firstBefore, await tally(first))
  } finally {
    await t.close()
  }
  const secondBefore = await tally(second)
  const rawLog: string[] = []
  const out = await b.raw.run(traced(rawCheckout(checkoutBody(second), env), b.engine, rawLog))
  const back = await b.raw.run(traced(rawCheckin(checkinBody(second), env), b.engine, rawLog))
  if (!back.forgotten) fail('raw check-in did not delete the loan')
  await expectUnlinked(out.loanId, 'raw')
  expectCounted(secondBefore, await tally(second))
  return { carrel: carrelLog, raw: rawLog }
}

export interface CircReport {
  rows: CircRow[]
  statements: { carrel: string[]; raw: string[] }
  /** SQLite: the service pairs with secure_delete on and off. */
  secureDelete: SecureDeleteRow[]
}

export async function runCirculationBench(
  b: BenchEngine,
  seeded: CircSeeded,
  o: CircOptions,
): Promise<CircReport> {
  const { ctx } = b
  const staff = await createStaff(ctx, SYSTEM_ACTOR, {
    username: 'bench-circ',
    displayName: 'Bench circulation desk',
    password: PASSWORD,
    role: 'circulation',
  })
  const desk: Actor = { type: 'staff', id: staff.id, role: 'circulation' }
  const tz = ctx.config.library.timezone
  // What the statements-only variant writes: the usual 21-day due date, computed once.
  const policy = await b.raw.run(loadPolicy())
  const rule = pickRule(policy.rules, { branch: BRANCH, patronCategory: 'adult', itemType: 'book' })
  if (rule === undefined) throw new Error('no loan rule')
  const dueAt = dueDate(rule, new Date(), tz, closedDayTest(policy.closed, BRANCH)).toISOString()
  const today = localDate(new Date(), tz)
  const env: Record<'raw' | 'sql', Env> = {
    raw: { engine: b.engine, tz, actor: desk, js: true, dueAt, today },
    sql: { engine: b.engine, tz, actor: desk, js: false, dueAt, today },
  }
  const statements = await verifyPair(b, desk, seeded.lanes, env.raw)
  o.progress(
    `${b.engine}: a checkout + check-in works (Carrel ${statements.carrel.length} statements, raw ${statements.raw.length})`,
  )

  let i = 0
  const next = () => seeded.lanes[i++ % seeded.lanes.length] as Lane
  const rows: CircRow[] = []
  let secureDelete: SecureDeleteRow[] = []
  if (o.groups.includes('service')) {
    o.progress(`${b.engine}: ${groupName('service')}`)
    const service: Record<Contender, Pair> = {
      carrel: {
        out: (lane) => checkout(ctx, desk, checkoutBody(lane)),
        back: async (lane) => expectForgotten(await checkin(ctx, desk, checkinBody(lane)), lane),
      },
      raw: {
        out: (lane) => b.raw.run(rawCheckout(checkoutBody(lane), env.raw)),
        back: (lane) => b.raw.run(rawCheckin(checkinBody(lane), env.raw)),
      },
      sql: {
        out: (lane) => b.raw.run(rawCheckout(checkoutBody(lane), env.sql)),
        back: (lane) => b.raw.run(rawCheckin(checkinBody(lane), env.sql)),
      },
    }
    rows.push(...(await measureGroup('service', service, next, o.timing, o.listenPairs)))
    if (b.engine === 'sqlite') {
      o.progress(`${b.engine}: ${groupName('service')}, secure_delete on and off`)
      secureDelete = await secureDeleteAB(ctx, desk, next, o.timing)
    }
  }
  const httpGroups = o.groups.filter((g) => g !== 'service')
  if (httpGroups.length > 0) {
    const carrel = await buildHttpApp(ctx)
    const raw = await rawHttpApp(b, env)
    try {
      const login = await carrel.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'bench-circ', password: PASSWORD },
      })
      if (login.statusCode !== 200) throw new Error(`login: HTTP ${login.statusCode} ${login.body}`)
      const http: Http = { carrel, raw, token: login.json<{ token: string }>().token }
      if (httpGroups.includes('HTTP inject')) {
        o.progress(`${b.engine}: ${groupName('HTTP inject')}`)
        rows.push(
          ...(await measureGroup('HTTP inject', injectPairs(http), next, o.timing, o.listenPairs)),
        )
      }
      if (httpGroups.includes('HTTP listen')) {
        o.progress(`${b.engine}: ${groupName('HTTP listen')}`)
        const bases = { carrel: await listenOn(carrel), raw: await listenOn(raw) }
        rows.push(
          ...(await measureGroup(
            'HTTP listen',
            fetchPairs(bases, http.token),
            next,
            o.timing,
            o.listenPairs,
          )),
        )
      }
    } finally {
      await carrel.close()
      await raw.close()
    }
  }
  return { rows, statements, secureDelete }
}
