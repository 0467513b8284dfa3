import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { validation } from '../errors.js'
import { newId } from '../ids.js'
import { localDate } from '../library/calendar.js'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { listMaildrop, maildropDir } from './maildrop.js'
import { destroySubscriptionKey } from './newsletter-keys.js'
import type { NewsletterLocale } from './newsletter-render.js'

/** The library's local day now: the only time the newsletter keeps. */
export const today = (ctx: Pick<AppContext, 'clock' | 'config'>): string =>
  localDate(ctx.clock.now(), ctx.config.library.timezone)

/** `http.publicUrl` without a trailing slash: where links in messages point. */
export const publicBase = (ctx: Pick<AppContext, 'config'>): string =>
  ctx.config.http.publicUrl.replace(/\/+$/, '')

export function checkLocale(language: unknown): NewsletterLocale {
  if (language === 'en' || language === 'es') return language
  throw validation('INVALID_LANGUAGE', 'The language must be English (en) or Spanish (es).', {
    fields: ['language'],
  })
}

/**
 * Queues the confirmation message of a subscription, its link token in the row until it is sent;
 * a confirmation still waiting for the same subscription is replaced (its link would not work).
 */
export async function queueConfirmation(
  trx: Kysely<RecordsDb>,
  subscriptionId: string,
  token: string,
  day: string,
): Promise<void> {
  await trx
    .deleteFrom('newsletter_deliveries')
    .where('subscription_id', '=', subscriptionId)
    .where('kind', '=', 'confirm')
    .where('status', '=', 'queued')
    .execute()
  await trx
    .insertInto('newsletter_deliveries')
    .values({
      id: newId(),
      kind: 'confirm',
      subscription_id: subscriptionId,
      issue_id: null,
      payload: token,
      created_on: day,
      next_attempt_at: null,
      claimed_by: null,
      lease_until: null,
      failure: null,
    })
    .execute()
}

/**
 * Deletes subscriptions and what is still waiting to go to them, in the caller's transaction. An
 * issue that was to go to one of them counts one recipient fewer; what was already sent or failed
 * stays counted until the issue finishes. Keys are the caller's to destroy (they live in the key
 * store, another database).
 */
export async function deleteSubscriptionRows(
  trx: Kysely<RecordsDb>,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0
  const waiting = await trx
    .selectFrom('newsletter_deliveries')
    .select(['id', 'issue_id', 'kind'])
    .where('subscription_id', 'in', ids)
    .where((eb) => eb.or([eb('kind', '=', 'confirm'), eb('status', 'in', ['queued', 'sending'])]))
    .execute()
  const perIssue = new Map<string, number>()
  for (const w of waiting)
    if (w.kind === 'issue' && w.issue_id !== null)
      perIssue.set(w.issue_id, (perIssue.get(w.issue_id) ?? 0) + 1)
  if (waiting.length > 0)
    await trx
      .deleteFrom('newsletter_deliveries')
      .where(
        'id',
        'in',
        waiting.map((w) => w.id),
      )
      .execute()
  for (const [issueId, n] of perIssue)
    await trx
      .updateTable('newsletter_issues')
      .set((eb) => ({ recipients: eb('recipients', '-', n) }))
      .where('id', '=', issueId)
      .execute()
  const res = await trx.deleteFrom('newsletter_subscriptions').where('id', 'in', ids).execute()
  return res.reduce((sum, r) => sum + Number(r.numDeletedRows), 0)
}

/**
 * Messages to public sign-ups written to the maildrop (no mail server configured) are filed
 * under the subscription's id: they hold the address in clear, so they go with the subscription.
 */
export function forgetMaildrop(dataDir: string | undefined, subscriptionIds: readonly string[]) {
  if (dataDir === undefined || subscriptionIds.length === 0) return
  const ids = new Set(subscriptionIds)
  for (const e of listMaildrop(dataDir))
    if (ids.has(e.patronId)) rmSync(join(maildropDir(dataDir), e.name), { force: true })
}

/**
 * Erases subscriptions: first their keys (so no copy of an address, in a backup or a freed page,
 * can be read again), then the rows and whatever was waiting to go to them, then any copy of a
 * message to a public sign-up left in the maildrop.
 */
export async function eraseSubscriptions(
  ctx: Pick<AppContext, 'db' | 'keys' | 'config'>,
  rows: readonly { id: string; email_enc: string | null }[],
): Promise<number> {
  if (rows.length === 0) return 0
  for (const r of rows) if (r.email_enc !== null) await destroySubscriptionKey(ctx.keys, r.id)
  const erased = await ctx.db.transaction().execute((trx) =>
    deleteSubscriptionRows(
      trx,
      rows.map((r) => r.id),
    ),
  )
  forgetMaildrop(
    ctx.config.dataDir,
    rows.filter((r) => r.email_enc !== null).map((r) => r.id),
  )
  return erased
}

/** The linked subscription of a patron being erased, in the erasure's own transaction. */
export async function deleteLinkedSubscription(
  trx: Kysely<RecordsDb>,
  patronId: string,
): Promise<number> {
  const rows = await trx
    .selectFrom('newsletter_subscriptions')
    .select('id')
    .where('patron_id', '=', patronId)
    .execute()
  return deleteSubscriptionRows(
    trx,
    rows.map((r) => r.id),
  )
}
