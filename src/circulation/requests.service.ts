import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { conflict, forbidden, notFound } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { loadLive } from '../patrons/patron.service.js'
import { can, requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { localDate } from '../library/calendar.js'
import { countActivity } from '../reports/activity-counts.js'

export const REQUEST_KINDS = ['purchase', 'interlibrary_loan'] as const
export const REQUEST_STATUSES = [
  'submitted',
  'ordered',
  'requested',
  'received',
  'fulfilled',
  'declined',
  'cancelled',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** Where a request may go next; the last three are final. */
const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ['ordered', 'requested', 'declined', 'cancelled'],
  ordered: ['received', 'cancelled'],
  requested: ['received', 'declined', 'cancelled'],
  received: ['fulfilled', 'cancelled'],
  fulfilled: [],
  declined: [],
  cancelled: [],
}

/** Where a request of this kind may go next: a purchase is ordered, an interlibrary loan asked of another library. */
export function nextStatuses(kind: string, status: RequestStatus): readonly RequestStatus[] {
  const skip: RequestStatus | undefined =
    kind === 'purchase' ? 'requested' : kind === 'interlibrary_loan' ? 'ordered' : undefined
  return NEXT[status].filter((s) => s !== skip)
}

export const NewRequestSchema = Type.Object(
  {
    patronId: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Type.Union(REQUEST_KINDS.map((k) => Type.Literal(k))),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export const RequestStatusSchema = Type.Object(
  { status: Type.Union(REQUEST_STATUSES.map((s) => Type.Literal(s))) },
  { additionalProperties: false },
)

export interface RequestView {
  id: string
  patronId: string
  kind: string
  status: string
  title: string
  author: string | null
  note: string | null
  createdAt: string
  updatedAt: string
}

/** The sealed columns, each bound to its ciphertexts. */
export const COLUMNS = {
  title: 'patron_requests.title_enc',
  author: 'patron_requests.author_enc',
  note: 'patron_requests.note_enc',
}

/** A purchase suggestion or interlibrary-loan request; what a patron asks for is as private as what they borrow. */
export async function createRequest(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RequestView> {
  const input = check(NewRequestSchema, raw)
  if (!(can(actor, 'requests.manage') || (actor.type === 'patron' && actor.id === input.patronId)))
    throw forbidden('FORBIDDEN', 'Not your account.')
  const { row: patron, cipher } = await loadLive(ctx, input.patronId)
  const now = ctx.clock.now()
  const at = now.toISOString()
  const row = {
    id: newId(),
    patron_id: input.patronId,
    kind: input.kind,
    status: 'submitted',
    title_enc: cipher.encrypt(COLUMNS.title, input.title.trim()),
    author_enc: cipher.encrypt(COLUMNS.author, input.author?.trim()),
    note_enc: cipher.encrypt(COLUMNS.note, input.note?.trim()),
    created_at: at,
    updated_at: at,
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('patron_requests').values(row).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'request.create', patronId: input.patronId, detail: { kind: input.kind } },
    ])
    await countActivity(
      trx,
      {
        day: localDate(now, ctx.config.library.timezone),
        branch: patron.home_branch,
        patronCategory: patron.category,
      },
      input.kind === 'purchase' ? 'purchase_request' : 'ill_request',
    )
  })
  return {
    id: row.id,
    patronId: row.patron_id,
    kind: row.kind,
    status: row.status,
    title: input.title.trim(),
    author: input.author?.trim() ?? null,
    note: input.note?.trim() ?? null,
    createdAt: at,
    updatedAt: at,
  }
}

/** Requests for staff to work through (or one patron's own); each one read is audited. */
export const RequestFilterSchema = Type.Object(
  {
    status: Type.Optional(Type.Union(REQUEST_STATUSES.map((s) => Type.Literal(s)))),
    patronId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)

export async function listRequests(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<RequestView[]> {
  const filter = check(RequestFilterSchema, raw)
  const own = actor.type === 'patron' && filter.patronId === actor.id
  if (!own) requirePermission(actor, 'requests.manage')
  let q = ctx.db.selectFrom('patron_requests').selectAll().orderBy('created_at').limit(500)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  if (filter.patronId !== undefined) q = q.where('patron_id', '=', filter.patronId)
  const rows = await q.execute()
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, [
    ...new Set(rows.map((r) => r.patron_id)),
  ])
  if (actor.type === 'staff') {
    await recordAudit(
      ctx.db,
      ctx.engine,
      ctx.clock,
      actor,
      rows.map((r) => ({ action: 'request.read' as const, patronId: r.patron_id })),
    )
  }
  return rows.flatMap((r) => {
    const c = ciphers.get(r.patron_id)
    if (c === undefined) return []
    return [
      {
        id: r.id,
        patronId: r.patron_id,
        kind: r.kind,
        status: r.status,
        title: c.decrypt(COLUMNS.title, r.title_enc) ?? '',
        author: c.decrypt(COLUMNS.author, r.author_enc),
        note: c.decrypt(COLUMNS.note, r.note_enc),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
    ]
  })
}

export async function setRequestStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<void> {
  requirePermission(actor, 'requests.manage')
  const { status } = check(RequestStatusSchema, raw)
  const row = await ctx.db
    .selectFrom('patron_requests')
    .select(['status', 'patron_id', 'kind'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined) throw notFound('REQUEST_NOT_FOUND', 'No such request.')
  const from = row.status as RequestStatus
  if (!nextStatuses(row.kind, from).includes(status))
    throw conflict('INVALID_TRANSITION', `A ${from} request cannot become ${status}.`)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('patron_requests')
      .set({ status, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n)
      throw conflict('INVALID_TRANSITION', 'The request changed meanwhile; reload it.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'request.status', patronId: row.patron_id, detail: { from, to: status } },
    ])
  })
}
