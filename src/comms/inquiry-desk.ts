import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { conflict, notFound, validation } from '../errors.js'
import type { Address } from '../patrons/patron.schemas.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadLive } from '../patrons/patron.service.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { can, requirePermission, type Permission } from '../staff/roles.js'
import { check } from '../validate.js'
import { sealersOf, type InquirySealer } from './inquiry-keys.js'
import { addressLine, COLUMNS } from './inquiry-submit.js'
import type { InquiryKind, InquiryStatus, ReplyBy, ReplyStatus } from './inquiries.tables.js'
import { today } from './newsletter-store.js'

/** Reference questions are the librarians'; a new address is checked at the desk. */
export const RIGHT: Record<InquiryKind, Permission> = {
  question: 'inquiries.manage',
  address: 'address.review',
}

export interface QueueEntry {
  id: string
  kind: InquiryKind
  status: InquiryStatus
  language: string
  replyBy: ReplyBy
  fromPatron: boolean
  assignedTo: string | null
  createdAt: string
}

/**
 * Open and answered items of one kind, oldest first. The list shows no content (no question, no
 * name, no address), so listing is not a reading of anyone's record; opening one is.
 */
export async function inquiryQueue(
  ctx: AppContext,
  actor: Actor,
  kind: InquiryKind,
): Promise<QueueEntry[]> {
  requirePermission(actor, RIGHT[kind])
  const rows = await ctx.db
    .selectFrom('inquiries')
    .leftJoin('staff', 'staff.id', 'inquiries.assigned_to')
    .select([
      'inquiries.id',
      'inquiries.kind',
      'inquiries.status',
      'inquiries.language',
      'inquiries.reply_by',
      'inquiries.patron_id',
      'inquiries.created_at',
      'staff.display_name',
    ])
    .where('inquiries.kind', '=', kind)
    .where('inquiries.status', '!=', 'closed')
    .orderBy('inquiries.created_at')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    language: r.language,
    replyBy: r.reply_by,
    fromPatron: r.patron_id !== null,
    assignedTo: r.display_name,
    createdAt: r.created_at,
  }))
}

export interface InquiryView extends QueueEntry {
  patronId: string | null
  /** The question; for an address change, the new address on one line. */
  text: string
  newAddress: Address | null
  name: string | null
  email: string | null
  assignedId: string | null
  replies: { body: string; status: ReplyStatus; createdOn: string }[]
  /** A patron's name and current address (from the registration). */
  patron: { name: string; address: string | null; hasEmail: boolean } | null
}

export async function loadRow(ctx: AppContext, id: string) {
  const row = await ctx.db
    .selectFrom('inquiries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined)
    throw notFound('INQUIRY_NOT_FOUND', 'No such inquiry; it may have been erased.')
  return row
}

export async function sealerOf(
  ctx: AppContext,
  row: { id: string; patron_id: string | null },
): Promise<InquirySealer> {
  const s = (await sealersOf(ctx.keys, ctx.keyring, [row])).get(row.id)
  if (s === undefined) throw conflict('INQUIRY_ERASED', 'This inquiry has been erased.')
  return s
}

/** Opens one item for staff: a reading of a borrower record, recorded in the audit log. */
export async function openInquiry(ctx: AppContext, actor: Actor, id: string): Promise<InquiryView> {
  const row = await loadRow(ctx, id)
  requirePermission(actor, RIGHT[row.kind])
  const sealer = await sealerOf(ctx, row)
  const [replies, staff] = await Promise.all([
    ctx.db
      .selectFrom('inquiry_replies')
      .select(['body_enc', 'status', 'created_on'])
      .where('inquiry_id', '=', id)
      .orderBy('created_on')
      .execute(),
    row.assigned_to === null
      ? undefined
      : ctx.db
          .selectFrom('staff')
          .select('display_name')
          .where('id', '=', row.assigned_to)
          .executeTakeFirst(),
  ])
  let patron: InquiryView['patron'] = null
  if (row.patron_id !== null) {
    const live = await loadLive(ctx, row.patron_id)
    const record = openPatronRow(live.row, live.cipher)
    const a = record.address
    patron = {
      name: [record.givenName, record.familyName].filter(Boolean).join(' '),
      address: a === null ? null : addressLine(JSON.stringify(a)),
      hasEmail: record.email !== null,
    }
  }
  const body = sealer.decrypt(COLUMNS.body, row.body_enc) ?? ''
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'inquiry.read', patronId: row.patron_id, detail: { kind: row.kind } },
  ])
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    language: row.language,
    replyBy: row.reply_by,
    fromPatron: row.patron_id !== null,
    assignedTo: staff?.display_name ?? null,
    assignedId: row.assigned_to,
    createdAt: row.created_at,
    patronId: row.patron_id,
    text: row.kind === 'address' ? addressLine(body) : body,
    newAddress: row.kind === 'address' ? (JSON.parse(body) as Address) : null,
    name: sealer.decrypt(COLUMNS.name, row.name_enc),
    email: sealer.decrypt(COLUMNS.email, row.email_enc),
    replies: replies.map((r) => ({
      body: sealer.decrypt(COLUMNS.reply, r.body_enc) ?? '',
      status: r.status,
      createdOn: r.created_on,
    })),
    patron,
  }
}

/** Staff who may take an item of this kind on (to assign it to them). */
export async function assignableStaff(
  ctx: AppContext,
  actor: Actor,
  kind: InquiryKind,
): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, RIGHT[kind])
  const rows = await ctx.db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute()
  return rows
    .filter((r) => can({ type: 'staff', id: r.id, role: r.role }, RIGHT[kind]))
    .map((r) => ({ id: r.id, name: r.display_name }))
}

const AssignSchema = Type.Object(
  { staffId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]) },
  { additionalProperties: false },
)

/** Gives an item to a staff member (oneself or another who may handle it), or to nobody. */
export async function assignInquiry(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<void> {
  const { staffId } = check(AssignSchema, raw)
  const row = await loadRow(ctx, id)
  requirePermission(actor, RIGHT[row.kind])
  if (row.status === 'closed') throw conflict('INQUIRY_CLOSED', 'This inquiry is closed.')
  if (staffId !== null) {
    const who = (await assignableStaff(ctx, actor, row.kind)).find((s) => s.id === staffId)
    if (who === undefined)
      throw validation('STAFF_CANNOT_TAKE', 'That staff member cannot take this on.', {
        fields: ['staffId'],
      })
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('inquiries').set({ assigned_to: staffId }).where('id', '=', id).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'inquiry.assign', patronId: row.patron_id, detail: { kind: row.kind } },
    ])
  })
}

/** Nothing more to do: the clock of the retention schedule starts today. */
export async function closeInquiry(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await loadRow(ctx, id)
  requirePermission(actor, RIGHT[row.kind])
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('inquiries')
      .set({ status: 'closed', settled_on: today(ctx) })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n) throw conflict('INQUIRY_CLOSED', 'This inquiry is closed.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'inquiry.close', patronId: row.patron_id, detail: { kind: row.kind } },
    ])
  })
}
