// The raw limit of a computer sign-in (card + PIN → session) and log-off: the statements a
// hand-written data layer would send, in the order Carrel's services send them, straight through
// the driver, with the same crypto (lockout digest, Argon2id, the patron's data key unwrapped and
// the first name decrypted, the allowance HMAC under the day's key).
import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { AppContext } from '../src/context.js'
import { LOCKS } from '../src/db/locks.js'
import { newId } from '../src/ids.js'
import { localDate, wallParts } from '../src/library/calendar.js'
import { blindIndex, unseal } from '../src/privacy/crypto.js'
import { sql, type Plan, type RawStores, type Row } from './raw.js'

export interface RawLane {
  barcode: string
  pin: string
  computerId: string
  branch: string
  groupCode: string
}

interface Card {
  patron_id: string
  pin_hash: string
}

/** The card and the lockout budget: everything before Argon2id. */
function* beforeVerify(ctx: AppContext, lane: RawLane, lock: boolean): Plan<Card> {
  const subject = blindIndex(ctx.keyring.indexKey, 'pin-subject', lane.barcode)
  const now = new Date()
  const since = new Date(now.getTime() - ctx.config.cards.lockoutWindowMinutes * 60_000)
  yield sql('records', 'BEGIN')
  if (lock) {
    const n = createHash('sha256').update(subject).digest().readUInt32BE(0)
    yield sql('records', 'SELECT pg_advisory_xact_lock(?)', LOCKS.attemptsBase + n)
  }
  yield sql(
    'records',
    'SELECT count(*) AS n FROM pin_failures WHERE subject = ? AND failed_at > ?',
    subject,
    since.toISOString(),
  )
  yield sql(
    'records',
    'INSERT INTO pin_failures (id, subject, failed_at) VALUES (?, ?, ?)',
    newId(),
    subject,
    now.toISOString(),
  )
  yield sql('records', 'COMMIT')
  const [card] = yield sql(
    'records',
    'SELECT id, patron_id, pin_hash, status FROM cards WHERE barcode = ?',
    lane.barcode,
  )
  return card as unknown as Card
}

/** After a right PIN: the holder, the rules, the calendar, then the session in one transaction. */
function* afterVerify(ctx: AppContext, lane: RawLane, card: Card, crypto: boolean): Plan<string> {
  const subject = blindIndex(ctx.keyring.indexKey, 'pin-subject', lane.barcode)
  yield sql('records', 'DELETE FROM pin_failures WHERE subject = ?', subject)
  yield sql('records', 'SELECT expires_on FROM patrons WHERE id = ?', card.patron_id)
  const [patron] = yield sql(
    'records',
    'SELECT status, category, given_name_enc FROM patrons WHERE id = ?',
    card.patron_id,
  )
  const [key] = yield sql(
    'keys',
    'SELECT wrapped_key FROM patron_keys WHERE patron_id = ?',
    card.patron_id,
  )
  if (crypto && key !== undefined && patron !== undefined) {
    const dataKey = unseal(
      ctx.keyring.wrapKey,
      String(key.wrapped_key),
      `patron-key/${card.patron_id}`,
    )
    unseal(dataKey, String(patron.given_name_enc), `${card.patron_id}/given_name_enc`).toString()
  }
  yield sql('records', 'SELECT * FROM computer_rules ORDER BY group_code, category')
  yield sql(
    'records',
    'SELECT weekday, span, opens_at, closes_at FROM opening_hours WHERE branch = ?',
    lane.branch,
  )
  yield sql(
    'records',
    'SELECT branch, on_date, weekday, note FROM closed_days WHERE branch IN (?*)',
    [lane.branch, '*'],
  )
  const now = new Date()
  const day = localDate(now, ctx.config.library.timezone)
  yield sql('records', 'BEGIN')
  yield sql('records', 'SELECT in_service FROM computers WHERE id = ?', lane.computerId)
  yield sql('records', 'SELECT id FROM computer_sessions WHERE computer_id = ?', lane.computerId)
  yield sql('records', 'SELECT id FROM computer_sessions WHERE patron_id = ?', card.patron_id)
  yield sql(
    'records',
    "SELECT id, ticket, patron_id, call_expires_at FROM computer_queue WHERE called_computer_id = ? AND status = 'called' AND call_expires_at > ?",
    lane.computerId,
    now.toISOString(),
  )
  const who = yield* allowanceSubject(day, card.patron_id, crypto)
  yield sql(
    'records',
    'SELECT minutes_used FROM computer_allowance WHERE day = ? AND subject = ?',
    day,
    who,
  )
  const id = newId()
  yield sql(
    'records',
    'INSERT INTO computer_sessions (id, computer_id, patron_id, guest_pass_id, category, started_at, ends_at, extensions, lock_code_hash, locked_until, lock_failures) VALUES (?, ?, ?, NULL, ?, ?, ?, 0, NULL, NULL, 0)',
    id,
    lane.computerId,
    card.patron_id,
    patron?.category ?? 'adult',
    now.toISOString(),
    new Date(now.getTime() + 60 * 60_000).toISOString(),
  )
  yield sql(
    'records',
    'UPDATE computers SET last_seen_at = ? WHERE id = ?',
    now.toISOString(),
    lane.computerId,
  )
  yield sql('records', 'COMMIT')
  return id
}

function* allowanceSubject(day: string, who: string, crypto: boolean): Plan<string> {
  yield sql(
    'records',
    'INSERT INTO computer_day_keys (day, key) VALUES (?, ?) ON CONFLICT (day) DO NOTHING',
    day,
    randomBytes(32).toString('base64url'),
  )
  const [row] = yield sql('records', 'SELECT key FROM computer_day_keys WHERE day = ?', day)
  if (!crypto) return who
  return createHmac('sha256', Buffer.from((row?.key as string | undefined) ?? '', 'base64url'))
    .update(who)
    .digest('base64url')
}

/** The log-off: the session's minutes to the allowance and the counts, the row deleted. */
function* logOff(ctx: AppContext, lane: RawLane, crypto: boolean): Plan<void> {
  const now = new Date()
  yield sql('records', 'BEGIN')
  const [session] = yield sql(
    'records',
    'SELECT * FROM computer_sessions WHERE computer_id = ?',
    lane.computerId,
  )
  if (session === undefined) throw new Error('raw log-off: no session')
  yield sql('records', 'DELETE FROM computer_sessions WHERE id = ?', session.id)
  yield sql(
    'records',
    'SELECT computers.branch, computer_groups.code FROM computers JOIN computer_groups ON computer_groups.id = computers.group_id WHERE computers.id = ?',
    lane.computerId,
  )
  const started = new Date(String(session.started_at))
  const minutes = Math.max(1, Math.ceil((now.getTime() - started.getTime()) / 60_000))
  const tz = ctx.config.library.timezone
  const day = localDate(started, tz)
  const who = yield* allowanceSubject(day, String(session.patron_id), crypto)
  yield sql(
    'records',
    'INSERT INTO computer_allowance (day, subject, minutes_used) VALUES (?, ?, ?) ON CONFLICT (day, subject) DO UPDATE SET minutes_used = computer_allowance.minutes_used + ?',
    day,
    who,
    minutes,
    minutes,
  )
  yield sql(
    'records',
    'INSERT INTO computer_usage_counts (day, hour, branch, group_code, category, sessions, minutes) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (day, hour, branch, group_code, category) DO UPDATE SET sessions = computer_usage_counts.sessions + 1, minutes = computer_usage_counts.minutes + ?',
    day,
    Number(wallParts(started, tz).hour),
    lane.branch,
    lane.groupCode,
    String(session.category),
    minutes,
    minutes,
  )
  yield sql('records', 'COMMIT')
  // Nobody waits in the bench: the next-in-line look-up finds no one.
  yield sql(
    'records',
    "SELECT id FROM computer_queue WHERE branch = ? AND status = 'waiting' ORDER BY ticket LIMIT 1",
    lane.branch,
  )
}

const settle = async <T>(value: T | Promise<T>): Promise<T> => value

/**
 * One raw sign-in and log-off. `argon2` false leaves out the PIN check and the crypto: the floor
 * the database sets.
 */
export async function rawSignInAndOff(
  ctx: AppContext,
  raw: RawStores,
  lane: RawLane,
  argon2: boolean,
): Promise<void> {
  const card = await settle(raw.run(beforeVerify(ctx, lane, ctx.engine === 'postgres')))
  if (argon2 && !(await ctx.hasher.verify(card.pin_hash, lane.pin)))
    throw new Error('raw sign-in: the PIN did not verify')
  await settle(raw.run(afterVerify(ctx, lane, card, argon2)))
  await settle(raw.run(logOff(ctx, lane, argon2)))
}

export type { Row }
