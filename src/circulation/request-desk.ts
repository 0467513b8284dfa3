import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { notFound } from '../errors.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadLive } from '../patrons/patron.service.js'
import { recordAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { COLUMNS, nextStatuses, type RequestStatus, type RequestView } from './requests.service.js'

/** Statuses still being worked on; the rest are final. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'ordered',
  'requested',
  'received',
]

/** One line of the staff queue: no title, note or patron, so listing reads nobody's record. */
export interface RequestQueueEntry {
  id: string
  kind: string
  status: RequestStatus
  createdAt: string
  updatedAt: string
}

/**
 * Purchase suggestions and interlibrary-loan requests for the desk (`requests.manage`): the open
 * ones oldest first, or the finished ones most recently changed first.
 */
export async function requestQueue(
  ctx: AppContext,
  actor: Actor,
  which: 'open' | 'done',
): Promise<RequestQueueEntry[]> {
  requirePermission(actor, 'requests.manage')
  const q = ctx.db
    .selectFrom('patron_requests')
    .select(['id', 'kind', 'status', 'created_at', 'updated_at'])
  const rows = await (
    which === 'open'
      ? q.where('status', 'in', OPEN_STATUSES).orderBy('created_at').orderBy('id')
      : q.where('status', 'not in', OPEN_STATUSES).orderBy('updated_at', 'desc').orderBy('id')
  )
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status as RequestStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }))
}

export interface OpenedRequest extends RequestView {
  /** The requesting patron's name, from the registration. */
  patronName: string
  /** Where the request may go from here (none once it is final). */
  next: readonly RequestStatus[]
}

/** One request with what was asked for and who asked: an audited reading of a borrower record. */
export async function openRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<OpenedRequest> {
  requirePermission(actor, 'requests.manage')
  const row = await ctx.db
    .selectFrom('patron_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined) throw notFound('REQUEST_NOT_FOUND', 'No such request.')
  const live = await loadLive(ctx, row.patron_id)
  const record = openPatronRow(live.row, live.cipher)
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'request.read', patronId: row.patron_id },
  ])
  const status = row.status as RequestStatus
  return {
    id: row.id,
    patronId: row.patron_id,
    patronName: [record.givenName, record.familyName].filter(Boolean).join(' '),
    kind: row.kind,
    status,
    title: live.cipher.decrypt(COLUMNS.title, row.title_enc) ?? '',
    author: live.cipher.decrypt(COLUMNS.author, row.author_enc),
    note: live.cipher.decrypt(COLUMNS.note, row.note_enc),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    next: nextStatuses(row.kind, status),
  }
}
