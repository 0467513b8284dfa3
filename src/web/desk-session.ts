import type { FastifyRequest } from 'fastify'

/*
 * What the desk remembers for one staff session, in the sealed session cookie and nowhere else:
 * this session's returns (item barcodes and where each went next, never a borrower) and the
 * losses it may still take back. Returned means forgotten (P3): the database keeps no list of
 * returns, and signing out (or the cookie expiring) forgets this one too.
 */

/** Where a returned item goes next. */
export type ReturnRoute = 'shelf' | 'transit' | 'hold_transit' | 'hold_shelf'

export interface DeskReturn {
  barcode: string
  route: ReturnRoute
  /** The branch it was checked in at. */
  from: string
  /** The branch it goes to next (the same as `from` for the shelf and the hold shelf). */
  to: string
  /** The library's local date of the check-in. */
  day: string
}

/** A loss this session declared and may still take back. */
export interface UndoOffer {
  barcode: string
  patronId: string
  /** When it was declared (ms, by the application's clock). */
  at: number
}

/** The newest returns are kept, at most this many. */
export const MAX_RETURNS = 50
/**
 * And at most this many characters of them: a browser drops a cookie over 4 KB, and the session
 * holds more than this list. Long barcodes mean fewer than MAX_RETURNS fit.
 */
export const MAX_RETURNS_CHARS = 1200
export const MAX_UNDO_OFFERS = 5

const CODES: Record<ReturnRoute, string> = {
  shelf: 's',
  transit: 't',
  hold_transit: 'ht',
  hold_shelf: 'h',
}
const ROUTES = Object.fromEntries(Object.entries(CODES).map(([r, c]) => [c, r])) as Record<
  string,
  ReturnRoute
>

/** Returns are stored in runs sharing a branch and a day, so each costs little more than its barcode. */
type StoredItem = [string, string] | [string, string, string]
type StoredRun = [string, string, StoredItem[]]

declare module '@fastify/secure-session' {
  interface SessionData {
    deskReturns: StoredRun[]
    lostUndo: [string, string, number][]
  }
}

const isString = (v: unknown): v is string => typeof v === 'string'

function parseRuns(value: unknown): DeskReturn[] {
  if (!Array.isArray(value)) return []
  const out: DeskReturn[] = []
  for (const run of value as unknown[]) {
    if (!Array.isArray(run) || run.length !== 3) continue
    const [from, day, items] = run as unknown[]
    if (!isString(from) || !isString(day) || !Array.isArray(items)) continue
    for (const item of items as unknown[]) {
      if (!Array.isArray(item)) continue
      const [barcode, code, to] = item as unknown[]
      const route = isString(code) ? ROUTES[code] : undefined
      if (!isString(barcode) || route === undefined) continue
      out.push({ barcode, route, from, to: isString(to) ? to : from, day })
    }
  }
  return out
}

function toRuns(list: DeskReturn[]): StoredRun[] {
  const runs: StoredRun[] = []
  for (const r of list) {
    const item: StoredItem =
      r.to === r.from ? [r.barcode, CODES[r.route]] : [r.barcode, CODES[r.route], r.to]
    const last = runs[runs.length - 1]
    if (last !== undefined && last[0] === r.from && last[1] === r.day) last[2].push(item)
    else runs.push([r.from, r.day, [item]])
  }
  return runs
}

/** This session's returns, newest first. */
export function sessionReturns(request: FastifyRequest): DeskReturn[] {
  return parseRuns(request.session.get('deskReturns'))
}

/** Adds a return at the top of the list; the oldest fall off past the caps. */
export function rememberReturn(request: FastifyRequest, entry: DeskReturn): void {
  const list = [entry, ...sessionReturns(request)].slice(0, MAX_RETURNS)
  let runs = toRuns(list)
  while (list.length > 1 && JSON.stringify(runs).length > MAX_RETURNS_CHARS) {
    list.pop()
    runs = toRuns(list)
  }
  request.session.set('deskReturns', runs)
}

/** The newest return of an item in this session, if it was returned in this session. */
export function findReturn(request: FastifyRequest, barcode: string): DeskReturn | undefined {
  return sessionReturns(request).find((r) => r.barcode === barcode)
}

/** Losses this session may still take back, newest first; older than `windowMs` are dropped. */
export function undoOffers(request: FastifyRequest, nowMs: number, windowMs: number): UndoOffer[] {
  const value: unknown = request.session.get('lostUndo')
  if (!Array.isArray(value)) return []
  const out: UndoOffer[] = []
  for (const o of value as unknown[]) {
    if (!Array.isArray(o)) continue
    const [barcode, patronId, at] = o as unknown[]
    if (!isString(barcode) || !isString(patronId) || typeof at !== 'number') continue
    if (nowMs - at <= windowMs && at <= nowMs) out.push({ barcode, patronId, at })
  }
  return out
}

function storeOffers(request: FastifyRequest, offers: UndoOffer[]): void {
  request.session.set(
    'lostUndo',
    offers.slice(0, MAX_UNDO_OFFERS).map((o) => [o.barcode, o.patronId, o.at]),
  )
}

export function offerUndo(request: FastifyRequest, offer: UndoOffer, windowMs: number): void {
  const kept = undoOffers(request, offer.at, windowMs).filter((o) => o.barcode !== offer.barcode)
  storeOffers(request, [offer, ...kept])
}

export function dropUndo(
  request: FastifyRequest,
  barcode: string,
  nowMs: number,
  windowMs: number,
): void {
  storeOffers(
    request,
    undoOffers(request, nowMs, windowMs).filter((o) => o.barcode !== barcode),
  )
}
