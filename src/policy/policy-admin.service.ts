import type { Actor } from '../actor.js'
import { policyChangeAudience, queuePolicyChangeNoticesIn } from '../comms/policy-notice.service.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { LOCKS, lockForTransaction } from '../db/locks.js'
import { conflict, notFound } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { checkPolicyDraft } from './policy-draft.js'
import {
  policyToday,
  publishedVersions,
  toVersion,
  type PolicyRow,
  type PolicyVersion,
  type PublishedVersion,
} from './policy-versions.js'

/**
 * The policy's life as staff with `policy.manage` lead it: drafts written, changed, previewed and
 * deleted freely; publishing gives the next number and freezes the version for good (the
 * database refuses any later change, migration 0021).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const alreadyPublished = () =>
  conflict('POLICY_VERSION_PUBLISHED', 'This version is published: it can no longer change.')

async function findRow(ctx: AppContext, id: string): Promise<PolicyRow> {
  const row =
    typeof id === 'string' && UUID.test(id)
      ? await ctx.db
          .selectFrom('policy_versions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined
  if (row === undefined)
    throw notFound('POLICY_VERSION_NOT_FOUND', 'There is no such version of the policy.')
  return row
}

/** Drafts first (newest first), then published versions, newest first. */
export async function listPolicyVersions(ctx: AppContext, actor: Actor): Promise<PolicyVersion[]> {
  requirePermission(actor, 'policy.manage')
  const rows = await ctx.db.selectFrom('policy_versions').selectAll().execute()
  const versions = rows.map(toVersion)
  const drafts = versions
    .filter((v) => v.status === 'draft')
    .sort((a, b) => b.updatedOn.localeCompare(a.updatedOn) || a.id.localeCompare(b.id))
  const done = versions
    .filter((v) => v.status === 'published')
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))
  return [...drafts, ...done]
}

export async function getPolicyVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PolicyVersion> {
  requirePermission(actor, 'policy.manage')
  return toVersion(await findRow(ctx, id))
}

export async function createPolicyDraft(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<PolicyVersion> {
  requirePermission(actor, 'policy.manage')
  const day = policyToday(ctx)
  const id = newId()
  await ctx.db
    .insertInto('policy_versions')
    .values({
      id,
      number: null,
      status: 'draft',
      ...checkPolicyDraft(raw),
      created_on: day,
      updated_on: day,
      published_on: null,
      notices_queued: null,
    })
    .execute()
  return toVersion(await findRow(ctx, id))
}

/** Changes a draft; a published version is POLICY_VERSION_PUBLISHED. */
export async function updatePolicyDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<PolicyVersion> {
  requirePermission(actor, 'policy.manage')
  const row = await findRow(ctx, id)
  const values = checkPolicyDraft(raw)
  const res = await ctx.db
    .updateTable('policy_versions')
    .set({ ...values, updated_on: policyToday(ctx) })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (res.numUpdatedRows === 0n) throw alreadyPublished()
  return toVersion(await findRow(ctx, row.id))
}

export async function deletePolicyDraft(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'policy.manage')
  const row = await findRow(ctx, id)
  const res = await ctx.db
    .deleteFrom('policy_versions')
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (res.numDeletedRows === 0n) throw alreadyPublished()
}

/**
 * What the publish confirmation says: the number the draft would take, the newest published
 * version it would follow, and how many patrons the notice would go to if the change is material.
 */
export async function publishOutlook(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{
  version: PolicyVersion
  nextNumber: number
  latest: PublishedVersion | undefined
  audience: number
}> {
  requirePermission(actor, 'policy.manage')
  const version = toVersion(await findRow(ctx, id))
  const [latest] = await publishedVersions(ctx.db)
  return {
    version,
    nextNumber: (latest?.number ?? 0) + 1,
    latest,
    audience: await policyChangeAudience(ctx),
  }
}

/** Where a published version lives, for the notice's link. */
export const versionUrl = (ctx: Pick<AppContext, 'config'>, number: number): string =>
  `${ctx.config.http.publicUrl.replace(/\/+$/, '')}/policy/versions/${number}`

/**
 * Publishes a draft, irreversibly: it takes the next number (1, 2, 3…) and, when the change is
 * marked material, a policy-change notice is queued for every patron who asked for one, in the
 * same transaction, so the version is never out without its notices nor the notices without it.
 * Audited (`policy.publish`): which version, whether material, how many notices (never to whom).
 * Pages and the CLI ask for confirmation first.
 */
export async function publishPolicyVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PolicyVersion> {
  requirePermission(actor, 'policy.manage')
  const row = await findRow(ctx, id)
  if (row.status !== 'draft') throw alreadyPublished()
  const day = policyToday(ctx)
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Publications queue here (PostgreSQL; SQLite has one writer), so each reads the last
      // number after the one before it committed; the unique index stays as a backstop.
      await lockForTransaction(trx, ctx.engine, LOCKS.policyPublish)
      const last = await trx
        .selectFrom('policy_versions')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('status', '=', 'published')
        .executeTakeFirst()
      const number = Number(last?.n ?? 0) + 1
      const material = Number(row.material) === 1
      const queued = material
        ? await queuePolicyChangeNoticesIn(trx, ctx, {
            label: `#${number}`,
            effectiveOn: row.effective_on,
            url: versionUrl(ctx, number),
          })
        : 0
      const res = await trx
        .updateTable('policy_versions')
        .set({ status: 'published', number, published_on: day, notices_queued: queued })
        .where('id', '=', row.id)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      if (res.numUpdatedRows === 0n) throw alreadyPublished()
      await appendAudit(trx, ctx.engine, ctx.clock, actor, [
        { action: 'policy.publish', detail: { version: number, material, notices: queued } },
      ])
    })
  } catch (err) {
    // Another version took the same number at the same moment; nothing of this one was written.
    if (isUniqueViolation(err))
      throw conflict(
        'POLICY_PUBLISH_CONFLICT',
        'Another version was published just now; try again.',
      )
    throw err
  }
  return toVersion(await findRow(ctx, row.id))
}
