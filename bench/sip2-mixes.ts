// The SIP2 bench's units of work: one message mix, done by one client (a lane), through each
// contender: SIP2 over TCP, the HTTP API on a real listen, and the raw statements. Each unit
// returns the SIP2 round trips it stands for, so every contender is counted in the same unit.
import type { Actor } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import { unseal } from '../src/privacy/crypto.js'
import { PatronCipher } from '../src/privacy/field-cipher.js'
import type { SipClient } from '../test/sip2/sip-client.js'
import { rawCheckin, rawCheckout, type Env } from './circulation.bench.js'
import { sql, type Plan, type RawStores } from './raw.js'
import { wrapAad } from './seed-patrons.js'

export const PIN = '4826'
const DATE = '20260115    100000'
const BLANK_DATE = ' '.repeat(18)

export type MixKind = '99' | '63' | '11+09'
export interface Mix {
  kind: MixKind
  name: string
  /** The PIN goes with each message that can carry one (AD in 63 and 11). */
  pin: boolean
}
export const MIXES: readonly Mix[] = [
  { kind: '99', name: '99 status', pin: false },
  { kind: '63', name: '63 patron information', pin: false },
  { kind: '63', name: '63 patron information', pin: true },
  { kind: '11+09', name: '11 + 09 checkout/check-in', pin: false },
  { kind: '11+09', name: '11 + 09 checkout/check-in', pin: true },
]

/** One client's patron (whose card has PIN) and the copies it lends and takes back in turn. */
export interface Lane {
  patron: string
  patronId: string
  items: string[]
  next: number
}

/** One unit of a mix; resolves to the SIP2 round trips it stands for. */
export type Unit = () => Promise<number>

const nextItem = (lane: Lane) => lane.items[lane.next++ % lane.items.length] ?? ''

function expectStart(answer: string, start: string, what: string): void {
  if (!answer.startsWith(start)) throw new Error(`${what}: unexpected answer ${answer}`)
}

/** A logged-in SIP2 connection doing the mix for its lane, error detection on (AY/AZ). */
export function sipUnit(c: SipClient, lane: Lane, mix: Mix): Unit {
  let seq = 1
  const send = (text: string) => c.send(text, String(seq++ % 10))
  const ad = mix.pin ? `AD${PIN}|` : ''
  if (mix.kind === '99')
    return async () => {
      expectStart(await send('9900302.00'), '98Y', '99')
      return 1
    }
  if (mix.kind === '63')
    return async () => {
      const answer = await send(`63001${DATE}${' '.repeat(10)}AOBENCH|AA${lane.patron}|AC|${ad}`)
      expectStart(answer, '64 ', '63')
      if (mix.pin && !answer.includes('|CQY|')) throw new Error(`63: PIN refused: ${answer}`)
      return 1
    }
  return async () => {
    const item = nextItem(lane)
    const out = await send(`11YN${DATE}${BLANK_DATE}AOBENCH|AA${lane.patron}|AB${item}|AC|${ad}`)
    expectStart(out, '121', '11')
    expectStart(await send(`09N${DATE}${DATE}APmain|AOBENCH|AB${item}|AC|`), '101', '09')
    return 2
  }
}

/** The same work through the JSON API (existing endpoints), with a circulation staff token. */
export function httpUnit(base: string, token: string, lane: Lane, mix: Mix): Unit {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  const call = async (method: 'GET' | 'POST', path: string, want: number, body?: unknown) => {
    const res = await fetch(`${base}${path.startsWith('/healthz') ? '' : '/api/v1'}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    if (res.status !== want) throw new Error(`HTTP ${method} ${path}: ${res.status} ${text}`)
    return text
  }
  const verify = () =>
    mix.pin ? call('POST', '/cards/verify', 200, { barcode: lane.patron, pin: PIN }) : undefined
  if (mix.kind === '99')
    return async () => {
      await call('GET', '/healthz', 200)
      return 1
    }
  if (mix.kind === '63')
    return async () => {
      await verify()
      const [hit] = JSON.parse(
        await call('GET', `/patrons?barcode=${encodeURIComponent(lane.patron)}`, 200),
      ) as { id: string }[]
      if (hit === undefined) throw new Error('HTTP: patron not found')
      await Promise.all(
        ['', '/loans', '/holds', '/fees'].map((p) => call('GET', `/patrons/${hit.id}${p}`, 200)),
      )
      return 1
    }
  return async () => {
    await verify()
    const item = nextItem(lane)
    await call('POST', '/circulation/checkouts', 201, {
      patronBarcode: lane.patron,
      itemBarcode: item,
      branch: 'main',
    })
    await call('POST', '/circulation/checkins', 200, { itemBarcode: item, branch: 'main' })
    return 2
  }
}

/**
 * The reads a 63 answer needs, straight through the driver: the SIP account (re-read per
 * message), card and patron, the patron's cards, data key and name (decrypted), open loans,
 * holds with titles, open fees and the category's fine limit. Carrel also writes audit entries.
 */
function* rawPatronInfo(ctx: AppContext, accountId: string, barcode: string): Plan<void> {
  yield sql('records', 'SELECT * FROM sip_accounts WHERE id = ?', accountId)
  const [hit] = yield sql(
    'records',
    `SELECT c.id AS card_id, c.status AS card_status, p.* FROM cards c
       INNER JOIN patrons p ON p.id = c.patron_id WHERE c.barcode = ?`,
    barcode,
  )
  if (hit === undefined) throw new Error('raw 63: no such card')
  const id = hit.id as string
  yield sql('records', 'SELECT barcode, status FROM cards WHERE patron_id = ?', id)
  const [key] = yield sql('keys', 'SELECT wrapped_key FROM patron_keys WHERE patron_id = ?', id)
  const cipher = new PatronCipher(
    id,
    unseal(ctx.keyring.wrapKey, (key?.wrapped_key as string | undefined) ?? '', wrapAad(id)),
  )
  cipher.decrypt('given_name_enc', hit.given_name_enc as string | null)
  cipher.decrypt('family_name_enc', hit.family_name_enc as string | null)
  yield sql(
    'records',
    `SELECT l.id, l.due_at, i.barcode FROM loans l INNER JOIN items i ON i.id = l.item_id
      WHERE l.patron_id = ? AND l.returned_at IS NULL`,
    id,
  )
  yield sql(
    'records',
    `SELECT h.id, h.status, b.title FROM holds h INNER JOIN bib_records b ON b.id = h.record_id
      WHERE h.patron_id = ? AND h.status IN (?, ?, ?)`,
    id,
    'queued',
    'in_transit',
    'ready',
  )
  yield sql(
    'records',
    'SELECT * FROM fees WHERE patron_id = ? AND status IN (?, ?)',
    id,
    'open',
    'accruing',
  )
  yield sql('records', 'SELECT max_owed_cents FROM patron_categories WHERE code = ?', hit.category)
}

/** The raw statements for the mix on one driver handle; a PIN is read and checked with Argon2id. */
export function rawUnit(
  ctx: AppContext,
  raw: RawStores,
  account: Actor,
  lane: Lane,
  mix: Mix,
): Unit {
  const env: Env = {
    engine: ctx.engine,
    tz: ctx.config.library.timezone,
    actor: account,
    js: true,
    dueAt: '',
    today: '',
  }
  const checkPin = async () => {
    if (!mix.pin) return
    const [card] = await raw.run(
      (function* (): Plan<Record<string, unknown>[]> {
        return yield sql('records', 'SELECT pin_hash FROM cards WHERE barcode = ?', lane.patron)
      })(),
    )
    if (!(await ctx.hasher.verify(String(card?.pin_hash), PIN))) throw new Error('raw: PIN')
  }
  if (mix.kind === '99')
    return async () => {
      await raw.run(
        (function* (): Plan<void> {
          yield sql('records', 'SELECT * FROM sip_accounts WHERE id = ?', account.id)
        })(),
      )
      return 1
    }
  if (mix.kind === '63')
    return async () => {
      await checkPin()
      await raw.run(rawPatronInfo(ctx, account.id, lane.patron))
      return 1
    }
  return async () => {
    await checkPin()
    const item = nextItem(lane)
    await raw.run(
      rawCheckout({ patronBarcode: lane.patron, itemBarcode: item, branch: 'main' }, env),
    )
    await raw.run(rawCheckin({ itemBarcode: item, branch: 'main' }, env))
    return 2
  }
}
