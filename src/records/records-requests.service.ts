import type { Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, ruleViolation, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check, isCalendarDate } from '../validate.js'
import { businessDaysLeft, responseDue } from './business-days.js'
import { destroyRecordKey, openRecords, sealNewRecord } from './record-keys.js'
import { IntakeSchema, RecordsRequestSchema, type RecordsRequestInput } from './records.schemas.js'
import type { ReceivedVia, RecordsRequestsTable, RecordsRequestStatus } from './records.tables.js'
import { countSince, libraryBusinessDays, optional, todayOf } from './records-support.js'

export const REQUESTER = ['name_enc', 'email_enc', 'phone_enc', 'address_enc'] as const
export const OPEN_STATUSES: readonly RecordsRequestStatus[] = ['received', 'extended']

/** The form's fields as posted, trimmed, the empty ones left out. */
export function requestInput(raw: Record<string, unknown>, language: unknown): RecordsRequestInput {
  const text = (k: string) => optional(raw[k])
  const input = check(RecordsRequestSchema, {
    description: text('description') ?? '',
    format: text('format') ?? '',
    language,
    ...(text('name') !== undefined && { name: text('name') }),
    ...(text('email') !== undefined && { email: text('email')?.toLowerCase() }),
    ...(text('phone') !== undefined && { phone: text('phone') }),
    ...(text('address') !== undefined && { address: text('address') }),
  })
  if (input.email === undefined && input.address === undefined)
    throw validation(
      'CONTACT_REQUIRED',
      'Give an email address or a postal address for the response.',
      {
        problems: [{ field: 'contact', problem: 'an email or a postal address is needed' }],
      },
    )
  return input
}

async function nextReference(db: Kysely<RecordsDb>, year: string): Promise<string> {
  const row = await db
    .selectFrom('records_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reference', 'like', `R-${year}-%`)
    .executeTakeFirstOrThrow()
  return `R-${year}-${String(Number(row.n) + 1).padStart(4, '0')}`
}

async function store(
  ctx: AppContext,
  actor: Actor | null,
  input: RecordsRequestInput,
  via: ReceivedVia,
  receivedOn: string,
): Promise<{ id: string; reference: string; dueOn: string }> {
  const id = newId()
  const dueOn = responseDue(receivedOn, await libraryBusinessDays(ctx))
  const sealed = await sealNewRecord(
    ctx.keys,
    ctx.keyring,
    'records-request',
    id,
    {
      name_enc: input.name,
      email_enc: input.email,
      phone_enc: input.phone,
      address_enc: input.address,
    },
    todayOf(ctx),
  )
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const reference = await nextReference(trx, receivedOn.slice(0, 4))
          await trx
            .insertInto('records_requests')
            .values({
              id,
              reference,
              language: input.language,
              ...sealed,
              description: input.description,
              format: input.format,
              received_via: via,
              received_on: receivedOn,
              due_on: dueOn,
              extended_due_on: null,
              extension_reason: null,
              extension_notified_on: null,
              status: 'received',
              decided_on: null,
              denial_basis: null,
              notes: null,
            })
            .execute()
          if (actor !== null)
            await appendAudit(trx, ctx.engine, ctx.clock, actor, [
              { action: 'records_request.create', detail: { request: id, via } },
            ])
          return { id, reference, dueOn }
        })
      } catch (err) {
        // Two requests took the same number at once: the later one takes the next.
        if (!isUniqueViolation(err) || attempt >= 5) throw err
      }
    }
  } catch (err) {
    await destroyRecordKey(ctx.keys, 'records-request', id)
    throw err
  }
}

/** A request from the public form: received today, due five business days later. */
export async function submitRecordsRequest(
  ctx: AppContext,
  raw: Record<string, unknown>,
): Promise<{ id: string; reference: string; dueOn: string }> {
  return store(ctx, null, requestInput(raw, raw.language), 'web', todayOf(ctx))
}

export const requestsSince = (ctx: AppContext, day: string): Promise<number> =>
  countSince(ctx, 'records_requests', day)

/** A request received by mail, email or in person, entered by staff with the day it arrived. */
export async function intakeRecordsRequest(
  ctx: AppContext,
  actor: Actor,
  raw: { request: Record<string, unknown>; receivedVia: unknown; receivedOn: unknown },
): Promise<{ id: string; reference: string; dueOn: string }> {
  requirePermission(actor, 'records.manage')
  const input = requestInput(raw.request, raw.request.language ?? 'en')
  const { receivedVia, receivedOn } = check(IntakeSchema, {
    request: input,
    receivedVia: raw.receivedVia,
    receivedOn: optional(raw.receivedOn) ?? '',
  })
  if (!isCalendarDate(receivedOn) || receivedOn > todayOf(ctx))
    throw validation(
      'INVALID_RECEIVED_ON',
      'The day received must be a real date, not after today.',
      {
        problems: [{ field: 'receivedOn', problem: 'not a past date' }],
      },
    )
  return store(ctx, actor, input, receivedVia, receivedOn)
}

export interface RequestSummary {
  id: string
  reference: string
  receivedOn: string
  receivedVia: ReceivedVia
  dueOn: string
  status: RecordsRequestStatus
  open: boolean
  /** Business days to the (extended) due day; negative once it has passed. */
  daysLeft: number
  overdue: boolean
  description: string
}

const summaryOf = (
  r: RecordsRequestsTable,
  today: string,
  isBusinessDay: (d: string) => boolean,
): RequestSummary => {
  const dueOn = r.extended_due_on ?? r.due_on
  const open = OPEN_STATUSES.includes(r.status)
  return {
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    receivedVia: r.received_via,
    dueOn,
    status: r.status,
    open,
    daysLeft: businessDaysLeft(today, dueOn, isBusinessDay),
    overdue: open && today > dueOn,
    description: r.description,
  }
}

/** The tracker: open requests first, soonest due first; then closed ones, newest first. */
export async function listRecordsRequests(
  ctx: AppContext,
  actor: Actor,
): Promise<RequestSummary[]> {
  requirePermission(actor, 'records.manage')
  const rows = await ctx.db.selectFrom('records_requests').selectAll().limit(1000).execute()
  const today = todayOf(ctx)
  const isBusinessDay = await libraryBusinessDays(ctx)
  const list = rows.map((r) => summaryOf(r, today, isBusinessDay))
  return list.sort((a, b) =>
    a.open !== b.open
      ? a.open
        ? -1
        : 1
      : a.open
        ? a.dueOn.localeCompare(b.dueOn)
        : b.receivedOn.localeCompare(a.receivedOn),
  )
}

export async function requestRow(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<RecordsRequestsTable> {
  const r = await ctx.db
    .selectFrom('records_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (r === undefined)
    throw notFound('RECORDS_REQUEST_NOT_FOUND', 'There is no such records request.')
  return r
}

export interface RequestDetail extends RequestSummary {
  language: 'en' | 'es'
  format: RecordsRequestsTable['format']
  originalDueOn: string
  extendedDueOn: string | null
  extensionReason: string | null
  extensionNotifiedOn: string | null
  decidedOn: string | null
  denialBasis: string | null
  notes: string | null
  name?: string
  email?: string
  phone?: string
  address?: string
}

/** One request with the requester's details opened; reading them is recorded in the audit log. */
export async function getRecordsRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<RequestDetail> {
  requirePermission(actor, 'records.manage')
  const r = await requestRow(ctx, id)
  const opened =
    (await openRecords(ctx.keys, ctx.keyring, 'records-request', [r], REQUESTER)).get(r.id) ?? {}
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, ctx.engine, ctx.clock, actor, [
        { action: 'records_request.read', detail: { request: r.id, fields: Object.keys(opened) } },
      ]),
    )
  return {
    ...summaryOf(r, todayOf(ctx), await libraryBusinessDays(ctx)),
    language: r.language === 'es' ? 'es' : 'en',
    format: r.format,
    originalDueOn: r.due_on,
    extendedDueOn: r.extended_due_on,
    extensionReason: r.extension_reason,
    extensionNotifiedOn: r.extension_notified_on,
    decidedOn: r.decided_on,
    denialBasis: r.denial_basis,
    notes: r.notes,
    ...(opened.name_enc !== undefined && { name: opened.name_enc }),
    ...(opened.email_enc !== undefined && { email: opened.email_enc }),
    ...(opened.phone_enc !== undefined && { phone: opened.phone_enc }),
    ...(opened.address_enc !== undefined && { address: opened.address_enc }),
  }
}

/** Runs a change to a request that must still be open, with its audit entry, in one transaction. */
export async function changeOpenRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: (trx: Kysely<RecordsDb>, r: RecordsRequestsTable) => Promise<void>,
  detail: Record<string, string>,
): Promise<void> {
  requirePermission(actor, 'records.manage')
  await ctx.db.transaction().execute(async (trx) => {
    const r = await requestRow({ db: trx }, id)
    if (!OPEN_STATUSES.includes(r.status))
      throw ruleViolation(
        'RECORDS_REQUEST_CLOSED',
        'This request is closed; it can no longer be changed.',
      )
    await change(trx, r)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'records_request.update', detail: { request: id, ...detail } },
    ])
  })
}
