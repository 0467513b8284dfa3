import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import { notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { translator } from '../i18n/i18n.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { EXEMPTIONS, isExemption, type ExemptionCode } from './exemptions.js'
import { openRecords } from './record-keys.js'
import { OtherRecordSchema } from './records.schemas.js'
import { changeOpenRequest, requestRow } from './records-requests.service.js'
import { optional } from './records-support.js'
import { redactText, type Marker } from './redact.js'

export interface RequestItem {
  id: string
  suggestionId: string | null
  /** The suggestion's day and first words, or the other record's description. */
  label: string
  receivedOn: string | null
  withheldUnder: ExemptionCode | null
}

function exemptionOf(raw: unknown): ExemptionCode | undefined {
  const v = optional(raw)
  if (v === undefined) return undefined
  if (!isExemption(v))
    throw validation('INVALID_EXEMPTION', 'Choose one of the listed exemptions.', {
      problems: [{ field: 'withheldUnder', problem: 'not a known exemption' }],
    })
  return v
}

/** The records found for a request, suggestions first (oldest first), then the others. */
export async function listRequestItems(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
): Promise<RequestItem[]> {
  requirePermission(actor, 'records.manage')
  const rows = await ctx.db
    .selectFrom('records_request_items')
    .leftJoin('suggestions', 'suggestions.id', 'records_request_items.suggestion_id')
    .select([
      'records_request_items.id',
      'records_request_items.suggestion_id',
      'records_request_items.description',
      'records_request_items.withheld_under',
      'suggestions.message',
      'suggestions.received_on',
    ])
    .where('records_request_items.request_id', '=', requestId)
    .execute()
  return rows
    .map((r) => ({
      id: r.id,
      suggestionId: r.suggestion_id,
      label:
        r.suggestion_id === null
          ? (r.description ?? '')
          : (r.message ?? '').slice(0, 120) + ((r.message?.length ?? 0) > 120 ? '…' : ''),
      receivedOn: r.received_on,
      withheldUnder: isExemption(r.withheld_under) ? r.withheld_under : null,
    }))
    .sort(
      (a, b) =>
        Number(a.suggestionId === null) - Number(b.suggestionId === null) ||
        (a.receivedOn ?? '').localeCompare(b.receivedOn ?? '') ||
        a.label.localeCompare(b.label),
    )
}

/** Adds suggestions found for a request (each once), released unless an exemption is named. */
export async function addSuggestionsToRequest(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  suggestionIds: readonly string[],
  rawWithheld?: unknown,
): Promise<number> {
  const withheld = exemptionOf(rawWithheld) ?? null
  const ids = [...new Set(suggestionIds)].slice(0, 500)
  if (ids.length === 0)
    throw validation('NO_SUGGESTIONS_CHOSEN', 'Choose at least one suggestion.', {
      problems: [{ field: 'suggestion', problem: 'none chosen' }],
    })
  let added = 0
  await changeOpenRequest(
    ctx,
    actor,
    requestId,
    async (trx) => {
      const known = await trx
        .selectFrom('suggestions')
        .select('id')
        .where('id', 'in', ids)
        .execute()
      if (known.length !== ids.length)
        throw notFound('SUGGESTION_NOT_FOUND', 'One of the chosen suggestions no longer exists.')
      const already = new Set(
        (
          await trx
            .selectFrom('records_request_items')
            .select('suggestion_id')
            .where('request_id', '=', requestId)
            .where('suggestion_id', 'in', ids)
            .execute()
        ).map((r) => r.suggestion_id),
      )
      const fresh = ids.filter((id) => !already.has(id))
      if (fresh.length > 0)
        await trx
          .insertInto('records_request_items')
          .values(
            fresh.map((sid) => ({
              id: newId(),
              request_id: requestId,
              suggestion_id: sid,
              description: null,
              withheld_under: withheld,
            })),
          )
          .execute()
      added = fresh.length
    },
    { change: 'suggestions added' },
  ).catch((err: unknown) => {
    // Added by someone else at the same moment: it is listed, which is what was asked.
    if (!isUniqueViolation(err)) throw err
  })
  return added
}

/** Adds another record found, described in words, released or withheld under an exemption. */
export async function addOtherRecord(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  raw: { description: unknown; withheldUnder: unknown },
): Promise<void> {
  const withheld = exemptionOf(raw.withheldUnder)
  const input = check(OtherRecordSchema, {
    description: optional(raw.description) ?? '',
    ...(withheld !== undefined && { withheldUnder: withheld }),
  })
  await changeOpenRequest(
    ctx,
    actor,
    requestId,
    async (trx) => {
      await trx
        .insertInto('records_request_items')
        .values({
          id: newId(),
          request_id: requestId,
          suggestion_id: null,
          description: input.description,
          withheld_under: withheld ?? null,
        })
        .execute()
    },
    { change: 'record added' },
  )
}

export async function removeRequestItem(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  itemId: string,
): Promise<void> {
  await changeOpenRequest(
    ctx,
    actor,
    requestId,
    async (trx) => {
      const res = await trx
        .deleteFrom('records_request_items')
        .where('id', '=', itemId)
        .where('request_id', '=', requestId)
        .executeTakeFirst()
      if (res.numDeletedRows === 0n)
        throw notFound('RECORDS_ITEM_NOT_FOUND', 'That record is not listed for this request.')
    },
    { change: 'record removed' },
  )
}

export interface ExportedRecord {
  kind: 'suggestion' | 'other'
  receivedOn: string | null
  text: string
  answer: string | null
}

/**
 * The records to release for a request, redacted: the suggestions listed and not withheld,
 * without their senders' details, and with email addresses, phone numbers, street addresses and
 * the sender's own name replaced inside the text by a marker naming the exemption; then the
 * other records released, by description. The export is recorded in the audit log.
 */
export async function exportRequestRecords(
  ctx: AppContext,
  actor: Actor,
  requestId: string,
): Promise<{ reference: string; language: 'en' | 'es'; records: ExportedRecord[] }> {
  requirePermission(actor, 'records.manage')
  const request = await requestRow(ctx, requestId)
  const language = request.language === 'es' ? 'es' : 'en'
  const t = translator(language)
  const marker: Marker = (_code, citation) => t('records.export.redacted', { citation })
  const items = await ctx.db
    .selectFrom('records_request_items')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('withheld_under', 'is', null)
    .execute()
  const suggestionIds = items.flatMap((i) => (i.suggestion_id === null ? [] : [i.suggestion_id]))
  const suggestions =
    suggestionIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('suggestions')
          .selectAll()
          .where('id', 'in', suggestionIds)
          .execute()
  const names = await openRecords(ctx.keys, ctx.keyring, 'suggestion', suggestions, ['name_enc'])
  const records: ExportedRecord[] = [
    ...suggestions
      .sort((a, b) => a.received_on.localeCompare(b.received_on) || a.id.localeCompare(b.id))
      .map((s) => {
        const person = { name: names.get(s.id)?.name_enc }
        return {
          kind: 'suggestion' as const,
          receivedOn: s.received_on,
          text: redactText(s.message, person, marker),
          answer: s.answer === null ? null : redactText(s.answer, person, marker),
        }
      }),
    ...items
      .filter((i) => i.suggestion_id === null)
      .map((i) => ({
        kind: 'other' as const,
        receivedOn: null,
        text: redactText(i.description ?? '', {}, marker),
        answer: null,
      })),
  ]
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'records_request.export',
        detail: { request: requestId, records: records.length },
      },
    ]),
  )
  return { reference: request.reference, language, records }
}

/** Every exemption a denial relies on: those of the records withheld, in the schedule's order. */
export function exemptionsCited(items: readonly RequestItem[]): ExemptionCode[] {
  const used = new Set(items.flatMap((i) => (i.withheldUnder === null ? [] : [i.withheldUnder])))
  return (Object.keys(EXEMPTIONS) as ExemptionCode[]).filter((c) => used.has(c))
}
