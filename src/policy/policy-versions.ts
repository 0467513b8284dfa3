import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound } from '../errors.js'
import { localDate } from '../library/calendar.js'
import type { PolicyVersionsTable, PolicyVersionStatus } from './policy.tables.js'

/** One version of the policy, as every reader (public pages, staff pages, registration) sees it. */
export interface PolicyVersion {
  id: string
  number: number | null
  status: PolicyVersionStatus
  body: string
  bodyEs: string | null
  changes: string
  changesEs: string | null
  adoptedOn: string
  effectiveOn: string
  reviewOn: string
  material: boolean
  createdOn: string
  updatedOn: string
  publishedOn: string | null
  noticesQueued: number | null
}

/** A published version, with its number. */
export type PublishedVersion = PolicyVersion & { number: number; status: 'published' }

export type PolicyRow = Selectable<PolicyVersionsTable>

export const toVersion = (row: PolicyRow): PolicyVersion => ({
  id: row.id,
  number: row.number === null ? null : Number(row.number),
  status: row.status,
  body: row.body,
  bodyEs: row.body_es,
  changes: row.changes,
  changesEs: row.changes_es,
  adoptedOn: row.adopted_on,
  effectiveOn: row.effective_on,
  reviewOn: row.review_on,
  material: Number(row.material) === 1,
  createdOn: row.created_on,
  updatedOn: row.updated_on,
  publishedOn: row.published_on,
  noticesQueued: row.notices_queued === null ? null : Number(row.notices_queued),
})

const published = (row: PolicyRow): PublishedVersion => toVersion(row) as PublishedVersion

/** The library's local day now: the policy keeps days, never instants. */
export const policyToday = (ctx: Pick<AppContext, 'clock' | 'config'>): string =>
  localDate(ctx.clock.now(), ctx.config.library.timezone)

/** Every published version, newest first. */
export async function publishedVersions(db: Kysely<RecordsDb>): Promise<PublishedVersion[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('number', 'desc')
    .execute()
  return rows.map(published)
}

/** A version number as an address gives it: a positive whole number, or nothing. */
export function versionNumberOf(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^[1-9]\d{0,8}$/.test(text)) return undefined
  return Number(text)
}

/** One published version by its number; POLICY_VERSION_NOT_FOUND otherwise. */
export async function publishedVersion(
  db: Kysely<RecordsDb>,
  number: number | undefined,
): Promise<PublishedVersion> {
  const row =
    number === undefined
      ? undefined
      : await db
          .selectFrom('policy_versions')
          .selectAll()
          .where('status', '=', 'published')
          .where('number', '=', number)
          .executeTakeFirst()
  if (row === undefined)
    throw notFound('POLICY_VERSION_NOT_FOUND', 'There is no such version of the policy.')
  return published(row)
}

/** The version before a published one (numbers run 1, 2, 3… with no gaps), if any. */
export async function previousVersion(
  db: Kysely<RecordsDb>,
  version: PublishedVersion,
): Promise<PublishedVersion | undefined> {
  if (version.number <= 1) return undefined
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('status', '=', 'published')
    .where('number', '=', version.number - 1)
    .executeTakeFirst()
  return row === undefined ? undefined : published(row)
}

/**
 * The version in force on a day: the newest published one whose effective date has come. One
 * published with a later effective date is "coming" until then.
 */
export async function versionInForce(
  db: Kysely<RecordsDb>,
  day: string,
): Promise<PublishedVersion | undefined> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('status', '=', 'published')
    .where('effective_on', '<=', day)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : published(row)
}

/** The version in force today, in the library's time zone. */
export const currentVersion = (
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<PublishedVersion | undefined> => versionInForce(ctx.db, policyToday(ctx))

/**
 * The newest published version when its next review date has passed, for the staff reminder.
 * A version published to replace it (even one not yet in force) ends the reminder: its own review
 * date comes after its effective date.
 */
export async function reviewOverdue(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<PublishedVersion | undefined> {
  const row = await ctx.db
    .selectFrom('policy_versions')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined && row.review_on < policyToday(ctx) ? published(row) : undefined
}
