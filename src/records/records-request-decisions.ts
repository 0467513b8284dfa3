import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { ruleViolation, validation } from '../errors.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check, isCalendarDate } from '../validate.js'
import { extendedDue } from './business-days.js'
import { isExtensionReason } from './exemptions.js'
import { DecisionSchema, ExtensionSchema, NotesSchema } from './records.schemas.js'
import { changeOpenRequest, requestRow } from './records-requests.service.js'
import { libraryBusinessDays, optional, todayOf } from './records-support.js'

/**
 * The one extension 5 ILCS 140/3(e) allows: five more business days after the due day, for one
 * of the reasons it lists, taken before the due day has passed, with the day the requester was
 * told in writing (on or before the due day).
 */
export async function extendRecordsRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: { reason: unknown; notifiedOn: unknown },
): Promise<string> {
  const input = check(ExtensionSchema, {
    reason: raw.reason,
    notifiedOn: optional(raw.notifiedOn) ?? '',
  })
  if (!isExtensionReason(input.reason))
    throw validation(
      'INVALID_EXTENSION_REASON',
      'Choose one of the reasons the law allows for an extension.',
      {
        problems: [{ field: 'reason', problem: 'not a reason the law allows' }],
      },
    )
  const today = todayOf(ctx)
  let newDue = ''
  const isBusinessDay = await libraryBusinessDays(ctx)
  await changeOpenRequest(
    ctx,
    actor,
    id,
    async (trx, r) => {
      if (r.extended_due_on !== null || r.status === 'extended')
        throw ruleViolation(
          'ALREADY_EXTENDED',
          'This request has already been extended once; the law allows one extension.',
        )
      if (today > r.due_on)
        throw ruleViolation(
          'EXTENSION_TOO_LATE',
          'The due day has passed: an extension must be taken before it.',
        )
      if (
        !isCalendarDate(input.notifiedOn) ||
        input.notifiedOn < r.received_on ||
        input.notifiedOn > r.due_on ||
        input.notifiedOn > today
      )
        throw validation(
          'INVALID_NOTIFIED_ON',
          'The requester must be told between the day received and the due day, and not after today.',
          {
            problems: [{ field: 'notifiedOn', problem: 'outside the first period' }],
          },
        )
      newDue = extendedDue(r.due_on, isBusinessDay)
      await trx
        .updateTable('records_requests')
        .set({
          status: 'extended',
          extended_due_on: newDue,
          extension_reason: input.reason,
          extension_notified_on: input.notifiedOn,
        })
        .where('id', '=', id)
        .where('extended_due_on', 'is', null)
        .execute()
    },
    { change: 'extended' },
  )
  return newDue
}

/**
 * Closes a request: fulfilled, partly denied, denied or withdrawn. A denial, whole or in part,
 * needs the factual basis and at least one record withheld under a named exemption, because the
 * letter must cite each exemption it relies on (5 ILCS 140/9(a)).
 */
export async function decideRecordsRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: { status: unknown; basis: unknown },
): Promise<void> {
  const basis = optional(raw.basis)
  const input = check(DecisionSchema, { status: raw.status, ...(basis !== undefined && { basis }) })
  await changeOpenRequest(
    ctx,
    actor,
    id,
    async (trx) => {
      if (input.status === 'denied' || input.status === 'partially_denied') {
        if (input.basis === undefined)
          throw validation('DENIAL_BASIS_REQUIRED', 'A denial must say the facts it rests on.', {
            problems: [{ field: 'basis', problem: 'required for a denial' }],
          })
        const withheld = await trx
          .selectFrom('records_request_items')
          .select('id')
          .where('request_id', '=', id)
          .where('withheld_under', 'is not', null)
          .executeTakeFirst()
        if (withheld === undefined)
          throw ruleViolation(
            'NO_EXEMPTION_CITED',
            'List at least one withheld record with the exemption it is withheld under before denying.',
          )
      }
      await trx
        .updateTable('records_requests')
        .set({ status: input.status, decided_on: todayOf(ctx), denial_basis: input.basis ?? null })
        .where('id', '=', id)
        .execute()
    },
    { change: input.status },
  )
}

export async function saveRequestNotes(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<void> {
  const notes = check(NotesSchema, typeof raw === 'string' ? raw.trim() : '')
  requirePermission(actor, 'records.manage')
  await ctx.db.transaction().execute(async (trx) => {
    await requestRow({ db: trx }, id)
    await trx
      .updateTable('records_requests')
      .set({ notes: notes === '' ? null : notes })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'records_request.update', detail: { request: id, change: 'notes' } },
    ])
  })
}
