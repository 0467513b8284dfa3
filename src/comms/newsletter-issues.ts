import type { Kysely, Selectable } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { conflict, notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import type { NewsletterIssuesTable } from './newsletter.tables.js'
import { liveCounts } from './newsletter-progress.js'
import { today } from './newsletter-store.js'

export interface IssueDraft {
  subject: string
  body: string
  subjectEs?: string | null
  bodyEs?: string | null
}

export interface IssueSummary {
  id: string
  subject: string
  status: 'draft' | 'sending' | 'sent'
  createdOn: string
  sentOn: string | null
  recipients: number
  sent: number
  failed: number
  queued: number
}

export interface IssueDetail extends IssueSummary {
  body: string
  subjectEs: string | null
  bodyEs: string | null
}

type IssueRow = Selectable<NewsletterIssuesTable>

const SUBJECT_MAX = 200
const BODY_MAX = 100_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** Rows per insert when an issue's deliveries are queued (well under either engine's limits). */
const INSERT_CHUNK = 500

const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '')

/** Checks a draft; throws with a stable code naming the field. */
function checkDraft(draft: IssueDraft): {
  subject: string
  body: string
  subject_es: string | null
  body_es: string | null
} {
  const subject = text(draft.subject).trim()
  const body = text(draft.body)
  const subjectEs = text(draft.subjectEs).trim()
  const bodyEs = text(draft.bodyEs)
  const fail = (code: string, message: string, field: string) =>
    validation(code, message, { fields: [field] })
  if (subject === '') throw fail('ISSUE_SUBJECT_REQUIRED', 'Give the issue a subject.', 'subject')
  if (body.trim() === '') throw fail('ISSUE_BODY_REQUIRED', 'Write the issue’s text.', 'body')
  for (const [value, field] of [
    [subject, 'subject'],
    [subjectEs, 'subjectEs'],
  ] as const) {
    if (value.length > SUBJECT_MAX)
      throw fail(
        'ISSUE_SUBJECT_TOO_LONG',
        `A subject has at most ${SUBJECT_MAX} characters.`,
        field,
      )
    // A subject is one header line.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value))
      throw fail('ISSUE_SUBJECT_INVALID', 'A subject is one line of plain text.', field)
  }
  for (const [value, field] of [
    [body, 'body'],
    [bodyEs, 'bodyEs'],
  ] as const)
    if (value.length > BODY_MAX)
      throw fail('ISSUE_BODY_TOO_LONG', `A text has at most ${BODY_MAX} characters.`, field)
  const hasEs = subjectEs !== '' || bodyEs.trim() !== ''
  if (hasEs && (subjectEs === '' || bodyEs.trim() === ''))
    throw fail(
      'ISSUE_SPANISH_INCOMPLETE',
      'Give the Spanish version both a subject and a text, or leave both empty.',
      subjectEs === '' ? 'subjectEs' : 'bodyEs',
    )
  return {
    subject,
    body,
    subject_es: hasEs ? subjectEs : null,
    body_es: hasEs ? bodyEs : null,
  }
}

function summaryOf(
  row: IssueRow,
  live?: { sent: number; failed: number; queued: number },
): IssueSummary {
  const sending = row.status === 'sending'
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    createdOn: row.created_on,
    sentOn: row.sent_on,
    recipients: row.recipients,
    sent: sending ? (live?.sent ?? 0) : row.sent_count,
    failed: sending ? (live?.failed ?? 0) : row.failed_count,
    queued: sending ? (live?.queued ?? 0) : 0,
  }
}

const detailOf = (row: IssueRow, live?: Parameters<typeof summaryOf>[1]): IssueDetail => ({
  ...summaryOf(row, live),
  body: row.body,
  subjectEs: row.subject_es,
  bodyEs: row.body_es,
})

async function findIssue(db: Kysely<RecordsDb>, id: string): Promise<IssueRow> {
  const row =
    typeof id === 'string' && UUID.test(id)
      ? await db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined
  if (row === undefined) throw notFound('ISSUE_NOT_FOUND', 'There is no such newsletter issue.')
  return row
}

const notDraft = () =>
  conflict(
    'ISSUE_NOT_DRAFT',
    'This issue has been sent (or is being sent): it can no longer change.',
  )

/** Every issue, newest first. */
export async function listIssues(ctx: AppContext, actor: Actor): Promise<IssueSummary[]> {
  requirePermission(actor, 'newsletter.manage')
  const rows = await ctx.db
    .selectFrom('newsletter_issues')
    .selectAll()
    .orderBy('created_on', 'desc')
    .orderBy('subject')
    .execute()
  const live = await liveCounts(
    ctx.db,
    rows.filter((r) => r.status === 'sending').map((r) => r.id),
  )
  return rows.map((r) => summaryOf(r, live.get(r.id)))
}

export async function getIssue(ctx: AppContext, actor: Actor, id: string): Promise<IssueDetail> {
  requirePermission(actor, 'newsletter.manage')
  const row = await findIssue(ctx.db, id)
  return detailOf(row, (await liveCounts(ctx.db, [row.id])).get(row.id))
}

export async function createIssue(
  ctx: AppContext,
  actor: Actor,
  draft: IssueDraft,
): Promise<IssueDetail> {
  requirePermission(actor, 'newsletter.manage')
  const values = {
    id: newId(),
    ...checkDraft(draft),
    status: 'draft' as const,
    created_on: today(ctx),
    sent_on: null,
  }
  await ctx.db.insertInto('newsletter_issues').values(values).execute()
  return detailOf(await findIssue(ctx.db, values.id))
}

/** Changes a draft; an issue being sent or sent is ISSUE_NOT_DRAFT. */
export async function updateIssue(
  ctx: AppContext,
  actor: Actor,
  id: string,
  draft: IssueDraft,
): Promise<IssueDetail> {
  requirePermission(actor, 'newsletter.manage')
  const row = await findIssue(ctx.db, id)
  const values = checkDraft(draft)
  const res = await ctx.db
    .updateTable('newsletter_issues')
    .set(values)
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (res.numUpdatedRows === 0n) throw notDraft()
  return detailOf(await findIssue(ctx.db, row.id))
}

export async function deleteDraft(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'newsletter.manage')
  const row = await findIssue(ctx.db, id)
  const res = await ctx.db
    .deleteFrom('newsletter_issues')
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (res.numDeletedRows === 0n) throw notDraft()
}

/**
 * Sends an issue: draft → sending, with one delivery queued for every subscriber active at this
 * moment, in one transaction (two staff pressing send at once queue it once). The delivery
 * worker does the rest. Irreversible: the pages and the CLI ask for confirmation first.
 */
export async function startSending(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<IssueSummary> {
  requirePermission(actor, 'newsletter.manage')
  const row = await findIssue(ctx.db, id)
  const day = today(ctx)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('newsletter_issues')
      .set({ status: 'sending' })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n) throw notDraft()
    const subscribers = await trx
      .selectFrom('newsletter_subscriptions')
      .select('id')
      .where('status', '=', 'active')
      .execute()
    for (let i = 0; i < subscribers.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('newsletter_deliveries')
        .values(
          subscribers.slice(i, i + INSERT_CHUNK).map((s) => ({
            id: newId(),
            kind: 'issue' as const,
            subscription_id: s.id,
            issue_id: row.id,
            payload: null,
            created_on: day,
            next_attempt_at: null,
            claimed_by: null,
            lease_until: null,
            failure: null,
          })),
        )
        .execute()
    }
    await trx
      .updateTable('newsletter_issues')
      .set(
        subscribers.length === 0
          ? { recipients: 0, status: 'sent', sent_on: day }
          : { recipients: subscribers.length },
      )
      .where('id', '=', row.id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'newsletter.send',
        detail: { issue: row.id, recipients: subscribers.length },
      },
    ])
  })
  return issueProgress(ctx, actor, row.id)
}

/** Where an issue stands: queued / sent / failed of its recipients; only counts once it is sent. */
export async function issueProgress(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<IssueSummary> {
  requirePermission(actor, 'newsletter.manage')
  const row = await findIssue(ctx.db, id)
  return summaryOf(row, (await liveCounts(ctx.db, [row.id])).get(row.id))
}
