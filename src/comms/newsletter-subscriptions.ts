import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { addDays } from '../library/calendar.js'
import {
  confirmHash,
  destroySubscriptionKey,
  emailDigest,
  isWellFormedEmail,
  newConfirmToken,
  normaliseNewsletterEmail,
  sealNewEmail,
  subscriptionOfToken,
} from './newsletter-keys.js'
import type { NewsletterLocale } from './newsletter-render.js'
import { checkLocale, eraseSubscriptions, queueConfirmation, today } from './newsletter-store.js'

/** A new sign-up and its confirmation, or (for a pending one) a fresh link: two tries at most. */
const TRIES = 2

/**
 * Asks again for a pending subscription: a new link (the old one stops working), a new day to
 * count from, the language asked for now. False when it is no longer pending.
 */
async function renewPending(
  ctx: AppContext,
  id: string,
  language: NewsletterLocale,
): Promise<boolean> {
  const day = today(ctx)
  const { token, hash } = newConfirmToken()
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('newsletter_subscriptions')
      .set({ language, requested_on: day, confirm_hash: hash })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n) return false
    await queueConfirmation(trx, id, token, day)
    return true
  })
}

/**
 * Public sign-up. Answers the same way whether the address is new, pending or already active, so
 * the form tells no one who subscribes: a new address gets a pending subscription and a
 * confirmation message, a pending one a fresh confirmation (at most one a day, so the form cannot
 * be used to fill someone's inbox from many network addresses), an active one nothing at all.
 */
export async function subscribeByEmail(
  ctx: AppContext,
  input: { email: string; language: NewsletterLocale },
): Promise<void> {
  const email = normaliseNewsletterEmail(typeof input.email === 'string' ? input.email : '')
  if (!isWellFormedEmail(email))
    throw validation('INVALID_EMAIL', 'Enter an email address, such as name@example.org.', {
      fields: ['email'],
    })
  const language = checkLocale(input.language)
  const digest = emailDigest(ctx.keyring, email)
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const existing = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .select(['id', 'status', 'requested_on'])
      .where('email_digest', '=', digest)
      .executeTakeFirst()
    if (existing?.status === 'active') return
    if (existing?.requested_on === today(ctx)) return
    if (existing !== undefined) {
      if (await renewPending(ctx, existing.id, language)) return
      continue
    }
    const id = newId()
    const day = today(ctx)
    const sealed = await sealNewEmail(ctx.keys, ctx.keyring, id, email, day)
    const { token, hash } = newConfirmToken()
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('newsletter_subscriptions')
          .values({
            id,
            patron_id: null,
            email_enc: sealed,
            email_digest: digest,
            status: 'pending',
            language,
            requested_on: day,
            confirmed_on: null,
            confirm_hash: hash,
          })
          .execute()
        await queueConfirmation(trx, id, token, day)
      })
      return
    } catch (err) {
      await destroySubscriptionKey(ctx.keys, id)
      // The same address signed up at the same moment: the other sign-up stands; answer as for it.
      if (!isUniqueViolation(err)) throw err
    }
  }
}

/**
 * Sign-up from the account: linked to the borrower record, whose address is read when each
 * message is sent. 'no_email' when the record has no address (nothing is stored).
 */
export async function subscribeAccount(
  ctx: AppContext,
  patronId: string,
  language: NewsletterLocale,
): Promise<'pending' | 'active' | 'no_email'> {
  const lang = checkLocale(language)
  const patron = await ctx.db
    .selectFrom('patrons')
    .select(['id', 'status', 'email_enc'])
    .where('id', '=', patronId)
    .executeTakeFirst()
  if (patron === undefined || patron.status !== 'active')
    throw notFound('PATRON_NOT_FOUND', 'No such patron.')
  if (patron.email_enc === null) return 'no_email'
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const existing = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .select(['id', 'status'])
      .where('patron_id', '=', patronId)
      .executeTakeFirst()
    if (existing?.status === 'active') return 'active'
    if (existing !== undefined) {
      if (await renewPending(ctx, existing.id, lang)) return 'pending'
      continue
    }
    const id = newId()
    const day = today(ctx)
    const { token, hash } = newConfirmToken()
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('newsletter_subscriptions')
          .values({
            id,
            patron_id: patronId,
            email_enc: null,
            email_digest: null,
            status: 'pending',
            language: lang,
            requested_on: day,
            confirmed_on: null,
            confirm_hash: hash,
          })
          .execute()
        await queueConfirmation(trx, id, token, day)
      })
      return 'pending'
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
    }
  }
  // Two sign-ups of the same account raced twice in a row: whichever stands is pending.
  return 'pending'
}

/** The patron's own subscription: pending since the day asked, or active since the day confirmed. */
export async function accountSubscription(
  ctx: AppContext,
  patronId: string,
): Promise<{ status: 'pending' | 'active'; since: string } | null> {
  const row = await ctx.db
    .selectFrom('newsletter_subscriptions')
    .select(['status', 'requested_on', 'confirmed_on'])
    .where('patron_id', '=', patronId)
    .executeTakeFirst()
  if (row === undefined) return null
  return {
    status: row.status,
    since: row.status === 'active' ? (row.confirmed_on ?? row.requested_on) : row.requested_on,
  }
}

/** Erases the signed-in patron's subscription, pending or active; false when there was none. */
export async function unsubscribeAccount(ctx: AppContext, patronId: string): Promise<boolean> {
  const rows = await ctx.db
    .selectFrom('newsletter_subscriptions')
    .select(['id', 'email_enc'])
    .where('patron_id', '=', patronId)
    .execute()
  return (await eraseSubscriptions(ctx, rows)) > 0
}

/** Tokens are base64url; anything else, or anything long, is not one of ours. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * The confirmation link. 'confirmed' also when it was already confirmed (a link followed twice);
 * 'invalid' when unknown, erased, or older than `newsletter.confirmDays`.
 */
export async function confirmSubscription(
  ctx: AppContext,
  token: string,
): Promise<'confirmed' | 'invalid'> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return 'invalid'
  const row = await ctx.db
    .selectFrom('newsletter_subscriptions')
    .select(['id', 'status', 'requested_on'])
    .where('confirm_hash', '=', confirmHash(token))
    .executeTakeFirst()
  if (row === undefined) return 'invalid'
  if (row.status === 'active') return 'confirmed'
  const day = today(ctx)
  if (row.requested_on < addDays(day, -ctx.config.newsletter.confirmDays)) return 'invalid'
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('newsletter_subscriptions')
      .set({ status: 'active', confirmed_on: day })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    // A confirmation not yet sent has nothing left to ask.
    await trx
      .deleteFrom('newsletter_deliveries')
      .where('subscription_id', '=', row.id)
      .where('kind', '=', 'confirm')
      .where('status', '=', 'queued')
      .execute()
    return res.numUpdatedRows > 0n ? 'confirmed' : 'invalid'
  })
}

async function subscriptionOf(ctx: AppContext, token: string) {
  const id = typeof token === 'string' ? subscriptionOfToken(ctx.keyring, token) : undefined
  if (id === undefined) return undefined
  return ctx.db
    .selectFrom('newsletter_subscriptions')
    .select(['id', 'email_enc'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Whether an unsubscribe link names a subscription that exists; changes nothing. */
export async function checkUnsubscribeToken(
  ctx: AppContext,
  token: string,
): Promise<'valid' | 'invalid'> {
  return (await subscriptionOf(ctx, token)) === undefined ? 'invalid' : 'valid'
}

/** Erases the subscription an unsubscribe link names: the row goes and its key is destroyed. */
export async function unsubscribeByToken(
  ctx: AppContext,
  token: string,
): Promise<'erased' | 'invalid'> {
  const row = await subscriptionOf(ctx, token)
  if (row === undefined) return 'invalid'
  return (await eraseSubscriptions(ctx, [row])) > 0 ? 'erased' : 'invalid'
}
