import { Type } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { validation } from '../errors.js'
import { newId } from '../ids.js'
import { check, isCalendarDate } from '../validate.js'
import { noticeEnabled } from './notice-types.js'

/** Which version was adopted, from when it applies, and where it is published: never patron data. */
export const PolicyChangeSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
    effectiveOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 300 }),
  },
  { additionalProperties: false },
)

export interface PolicyChange {
  /** The version's label or its adoption date, as the published policy names it. */
  label: string
  /** The day the version applies from (YYYY-MM-DD). */
  effectiveOn: string
  /** The published version. */
  url: string
}

/** Patrons read per statement while queueing; every batch is part of the one transaction. */
const BATCH = 1000

/**
 * Queues one `policy_change` notice for every patron who asked to hear about changes to the
 * privacy policy (`notify.policyChanges`) and has an email address to hear it at (P12), in one
 * transaction: either every such patron gets one or none does. The payload holds only the
 * version's label, effective day and address. Nothing is queued while the library has the notice
 * switched off (`notices.policy_change.enabled`). Returns how many notices were queued. The
 * worker checks the patron's choice again when it sends, so turning it off in between still counts.
 * `options.batch`: patrons per statement (1000 unless given).
 */
export async function queuePolicyChangeNotices(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  change: PolicyChange,
  options: { batch?: number } = {},
): Promise<number> {
  return ctx.db
    .transaction()
    .execute((trx) => queuePolicyChangeNoticesIn(trx, ctx, change, options))
}

/**
 * The same, inside the caller's transaction: publishing a policy version queues its notices in
 * the transaction that publishes it, so a version is never published without them.
 */
export async function queuePolicyChangeNoticesIn(
  trx: Transaction<RecordsDb>,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  change: PolicyChange,
  options: { batch?: number } = {},
): Promise<number> {
  const batch = Math.max(1, Math.floor(options.batch ?? BATCH))
  const input = check(PolicyChangeSchema, change)
  if (!isCalendarDate(input.effectiveOn))
    throw validation('INVALID_DATE', 'The effective date is not a real calendar date.', {
      fields: ['effectiveOn'],
    })
  if (!noticeEnabled(ctx.config, 'policy_change')) return 0
  const payload = JSON.stringify({
    label: input.label.trim(),
    effectiveOn: input.effectiveOn,
    url: input.url,
  })
  const at = ctx.clock.now().toISOString()
  let queued = 0
  let after = ''
  for (;;) {
    const ids = await trx
      .selectFrom('patrons')
      .select('id')
      .where('status', '=', 'active')
      .where('notify_policy_changes', '=', 1)
      .where('email_enc', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute()
    if (ids.length === 0) break
    await trx
      .insertInto('notice_outbox')
      .values(
        ids.map((p) => ({
          id: newId(),
          patron_id: p.id,
          kind: 'policy_change',
          payload,
          created_at: at,
          sent_at: null,
        })),
      )
      .execute()
    queued += ids.length
    after = ids[ids.length - 1]?.id ?? after
    if (ids.length < batch) break
  }
  return queued
}

/**
 * How many patrons a policy-change notice would go to now: the confirmation page's figure, by
 * the same rules as queueing (0 while the library has the notice switched off).
 */
export async function policyChangeAudience(
  ctx: Pick<AppContext, 'db' | 'config'>,
): Promise<number> {
  if (!noticeEnabled(ctx.config, 'policy_change')) return 0
  const row = await ctx.db
    .selectFrom('patrons')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'active')
    .where('notify_policy_changes', '=', 1)
    .where('email_enc', 'is not', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
