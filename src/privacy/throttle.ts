import type { AppContext } from '../context.js'
import { AppError } from '../errors.js'
import { newId } from '../ids.js'
import { blindIndex } from './crypto.js'

/**
 * Where a secret (a PIN, a staff or SIP password) came from, as the adapter saw it. Services
 * count wrong secrets per network address before any per-account lockout, so that one address
 * spraying many cards or accounts is stopped without locking the accounts it aims at.
 */
export interface AttemptOrigin {
  /** The client's address (after trusted proxies); undefined when there is none to count. */
  address?: string | undefined
}

/** A reserved attempt: given back when the secret turns out right. */
export interface ReservedAttempt {
  subject: string
  minute: string
}

/**
 * What an address's attempts are counted for, each with its own budget: wrong secrets, or
 * newsletter sign-ups (each sends a message, so one address must not flood someone's inbox).
 */
export type AttemptScope = 'wrong-secret' | 'newsletter-signup' | 'public-form'

const SCOPE: AttemptScope = 'wrong-secret'

/**
 * The part of an address that names one client: an IPv4 address, or an IPv6 /64 (one household
 * or one host's whole range; a client can pick any of its 2^64 addresses at will).
 */
export function addressKey(address: string): string {
  const plain = unmappedAddress(address)
  // Anything without a colon is an IPv4 address (or a name a test gave): counted whole.
  if (!plain.includes(':')) return plain
  return expandIPv6(plain).slice(0, 4).join(':') + '::/64'
}

/** An IPv4 address as it arrives on a dual-stack socket (::ffff:1.2.3.4) is that IPv4 address. */
export function unmappedAddress(address: string): string {
  return /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address
}

function expandIPv6(address: string): string[] {
  const noZone = address.split('%')[0] ?? ''
  const [head = '', tail] = noZone.split('::')
  const parts = (s: string) => (s === '' ? [] : s.split(':'))
  const left = parts(head)
  const right = tail === undefined ? [] : parts(tail)
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) takes two groups.
  const groups = [
    ...left,
    ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ]
  return groups.map((g) => (g.includes('.') ? g : g.toLowerCase().replace(/^0+(?=.)/, '')))
}

function minuteOf(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString()
}

const TOO_MANY_WORDS: Record<AttemptScope, string> = {
  'wrong-secret':
    'Too many wrong PINs or passwords came from this network address. Wait a few minutes and try again.',
  'newsletter-signup':
    'Too many newsletter sign-ups came from this network address. Wait a while and try again.',
  'public-form': 'Too many forms were sent from this network address. Wait a while and try again.',
}

const TOO_MANY = (scope: AttemptScope, retryAfterSeconds: number) =>
  new AppError('throttled', 'RATE_LIMITED', TOO_MANY_WORDS[scope], { retryAfterSeconds })

/** Each scope's budget: attempts allowed per window of minutes. */
function budgetOf(ctx: AppContext, scope: AttemptScope): { limit: number; minutes: number } {
  const { addressFailureLimit, addressWindowMinutes } = ctx.config.security
  if (scope === 'wrong-secret') return { limit: addressFailureLimit, minutes: addressWindowMinutes }
  if (scope === 'newsletter-signup')
    return { limit: ctx.config.newsletter.signUpsPerAddress, minutes: addressWindowMinutes }
  return { limit: ctx.config.forms.submissionsPerAddress, minutes: addressWindowMinutes }
}

/**
 * Takes one attempt from the address's budget before the secret is checked: counted first and
 * read after, so parallel guesses from one address cannot all slip in while the count is low.
 * Throws RATE_LIMITED (429) when the address has used up its budget; a refused attempt stays
 * counted, so an address that keeps guessing keeps waiting. No origin, nothing to count.
 */
export async function reserveAddressAttempt(
  ctx: AppContext,
  origin: AttemptOrigin | undefined,
  scope: AttemptScope = SCOPE,
): Promise<ReservedAttempt | undefined> {
  if (origin?.address === undefined || origin.address === '') return undefined
  const { limit: addressFailureLimit, minutes: addressWindowMinutes } = budgetOf(ctx, scope)
  const subject = blindIndex(ctx.keyring.indexKey, 'throttle-address', addressKey(origin.address))
  const now = ctx.clock.now().getTime()
  const minute = minuteOf(now)
  const counted = await ctx.db
    .insertInto('attempt_counts')
    .values({ id: newId(), scope, subject, minute, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'subject', 'minute'])
        .doUpdateSet((eb) => ({ hits: eb('attempt_counts.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow()
  const since = minuteOf(now - (addressWindowMinutes - 1) * 60_000)
  // Counts are worth nothing once out of the window: the first count of a minute drops those
  // (of every address), so none outlives its purpose whether or not the sweep is authorised.
  if (Number(counted.hits) === 1)
    await ctx.db.deleteFrom('attempt_counts').where('minute', '<', since).execute()
  const rows = await ctx.db
    .selectFrom('attempt_counts')
    .select(['minute', 'hits'])
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('minute', '>=', since)
    .execute()
  const total = rows.reduce((n, r) => n + Number(r.hits), 0)
  if (total > addressFailureLimit) {
    // Waiting until the oldest counted minute leaves the window frees at least one attempt.
    const oldest = rows.reduce((m, r) => (r.minute < m ? r.minute : m), minute)
    const wait = (Date.parse(oldest) + addressWindowMinutes * 60_000 - now) / 1000
    throw TOO_MANY(scope, wait)
  }
  return { subject, minute }
}

/** A right secret: its attempt does not count against the address. */
export async function giveBackAddressAttempt(
  ctx: AppContext,
  reserved: ReservedAttempt | undefined,
): Promise<void> {
  if (reserved === undefined) return
  await ctx.db
    .updateTable('attempt_counts')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('scope', '=', SCOPE)
    .where('subject', '=', reserved.subject)
    .where('minute', '=', reserved.minute)
    .where('hits', '>', 0)
    .execute()
}
