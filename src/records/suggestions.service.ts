import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { AppError, notFound, ruleViolation } from '../errors.js'
import { newId } from '../ids.js'
import { openMailTransport, type MailTransport } from '../comms/mail-transport.js'
import { appendAudit } from '../privacy/audit.js'
import { can, requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { openRecords, sealNewRecord, destroyRecordKey } from './record-keys.js'
import { AnswerSchema, SuggestionSchema } from './records.schemas.js'
import type { SuggestionStatus } from './records.tables.js'
import { countSince, optional, todayOf } from './records-support.js'
import { answerMail } from './suggestion-mail.js'

const SENDER = ['name_enc', 'email_enc', 'phone_enc'] as const

export interface SuggestionSummary {
  id: string
  receivedOn: string
  status: SuggestionStatus
  /** The first words, for a list. */
  excerpt: string
  /** Whether the sender left a way to answer (not what it is). */
  answerable: boolean
}

export interface SuggestionDetail extends SuggestionSummary {
  message: string
  language: 'en' | 'es'
  name?: string
  email?: string
  phone?: string
  answer: string | null
  answeredOn: string | null
  closedOn: string | null
}

const language = (v: string): 'en' | 'es' => (v === 'es' ? 'es' : 'en')

/**
 * Stores a suggestion from the public form. Nothing ties it to a patron, even a signed-in one:
 * the public pages have no session, and the table has no such column. The sender's details, if
 * any, are sealed under the suggestion's own key.
 */
export async function submitSuggestion(
  ctx: AppContext,
  raw: Record<string, unknown>,
): Promise<string> {
  const input = check(SuggestionSchema, {
    message: optional(raw.message) ?? '',
    ...(optional(raw.name) !== undefined && { name: optional(raw.name) }),
    ...(optional(raw.email) !== undefined && { email: optional(raw.email)?.toLowerCase() }),
    ...(optional(raw.phone) !== undefined && { phone: optional(raw.phone) }),
    language: raw.language,
  })
  const id = newId()
  const day = todayOf(ctx)
  const sealed = await sealNewRecord(
    ctx.keys,
    ctx.keyring,
    'suggestion',
    id,
    {
      name_enc: input.name,
      email_enc: input.email,
      phone_enc: input.phone,
    },
    day,
  )
  try {
    await ctx.db
      .insertInto('suggestions')
      .values({
        id,
        message: input.message,
        language: input.language,
        ...sealed,
        status: 'new',
        received_on: day,
        answer: null,
        answered_on: null,
        closed_on: null,
      })
      .execute()
  } catch (err) {
    // The key was made in the other store first; without its row it must not stay.
    await destroyRecordKey(ctx.keys, 'suggestion', id)
    throw err
  }
  return id
}

export const suggestionsSince = (ctx: AppContext, day: string): Promise<number> =>
  countSince(ctx, 'suggestions', day)

/** The list for staff: no sender's details, only whether there is a way to answer. */
export async function listSuggestions(
  ctx: AppContext,
  actor: Actor,
  filter: { status?: SuggestionStatus | 'open' } = {},
): Promise<SuggestionSummary[]> {
  // The records officer lists suggestions too, to find the ones a records request covers.
  if (!can(actor, 'records.manage')) requirePermission(actor, 'suggestions.manage')
  let q = ctx.db
    .selectFrom('suggestions')
    .select(['id', 'received_on', 'status', 'message', 'email_enc', 'phone_enc'])
    .orderBy('received_on', 'desc')
    .orderBy('id')
    .limit(500)
  if (filter.status === 'open') q = q.where('status', '!=', 'closed')
  else if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  return (await q.execute()).map((r) => ({
    id: r.id,
    receivedOn: r.received_on,
    status: r.status,
    excerpt: r.message.length > 120 ? `${r.message.slice(0, 117)}…` : r.message,
    answerable: r.email_enc !== null || r.phone_enc !== null,
  }))
}

async function row(ctx: AppContext, id: string) {
  const r = await ctx.db
    .selectFrom('suggestions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (r === undefined) throw notFound('SUGGESTION_NOT_FOUND', 'There is no such suggestion.')
  return r
}

/** One suggestion with its sender's details, opened; reading them is recorded in the audit log. */
export async function getSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<SuggestionDetail> {
  requirePermission(actor, 'suggestions.manage')
  const r = await row(ctx, id)
  const opened =
    (await openRecords(ctx.keys, ctx.keyring, 'suggestion', [r], SENDER)).get(r.id) ?? {}
  if (Object.keys(opened).length > 0)
    await ctx.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, ctx.engine, ctx.clock, actor, [
          { action: 'suggestion.read', detail: { suggestion: r.id, fields: Object.keys(opened) } },
        ]),
      )
  return {
    id: r.id,
    receivedOn: r.received_on,
    status: r.status,
    excerpt: r.message,
    answerable: r.email_enc !== null || r.phone_enc !== null,
    message: r.message,
    language: language(r.language),
    ...(opened.name_enc !== undefined && { name: opened.name_enc }),
    ...(opened.email_enc !== undefined && { email: opened.email_enc }),
    ...(opened.phone_enc !== undefined && { phone: opened.phone_enc }),
    answer: r.answer,
    answeredOn: r.answered_on,
    closedOn: r.closed_on,
  }
}

/**
 * Answers a suggestion. With an email address the answer is sent at once, through the mail
 * server or (with none configured) into the maildrop filed under the suggestion's id; a sender
 * who left only a phone number is called, and the answer recorded. The answer is stored only
 * once the message has gone, so a refused message leaves the suggestion as it was.
 */
export async function answerSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  rawAnswer: unknown,
  transport?: MailTransport,
): Promise<{ emailed: boolean }> {
  requirePermission(actor, 'suggestions.manage')
  const answer = check(AnswerSchema, optional(rawAnswer) ?? '')
  const r = await row(ctx, id)
  if (r.status !== 'new')
    throw ruleViolation(
      'SUGGESTION_NOT_OPEN',
      'This suggestion has already been answered or closed.',
    )
  const opened =
    (await openRecords(ctx.keys, ctx.keyring, 'suggestion', [r], SENDER)).get(r.id) ?? {}
  const day = todayOf(ctx)
  let emailed = false
  if (opened.email_enc !== undefined) {
    const mail = answerMail(ctx.config, language(r.language), {
      to: opened.email_enc,
      name: opened.name_enc,
      message: r.message,
      answer,
    })
    const t = transport ?? openMailTransport(ctx.config)
    try {
      await t.deliver(mail, { day, patronId: r.id, noticeId: newId() })
    } catch (err) {
      throw new AppError(
        'rule',
        'ANSWER_NOT_SENT',
        `The answer could not be sent, so it was not saved: ${err instanceof Error ? err.message : 'mail error'}`,
      )
    } finally {
      if (transport === undefined) t.close()
    }
    emailed = true
  }
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('suggestions')
      .set({ status: 'answered', answer, answered_on: day })
      .where('id', '=', id)
      .where('status', '=', 'new')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n)
      throw ruleViolation(
        'SUGGESTION_NOT_OPEN',
        'This suggestion has already been answered or closed.',
      )
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'suggestion.answer', detail: { suggestion: id, emailed } },
    ])
  })
  return { emailed }
}

/** Closes a suggestion: nothing more will be done with it. It stays a public record until disposal. */
export async function closeSuggestion(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'suggestions.manage')
  await row(ctx, id)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('suggestions')
      .set({ status: 'closed', closed_on: todayOf(ctx) })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n)
      throw ruleViolation('SUGGESTION_CLOSED', 'This suggestion is already closed.')
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'suggestion.close', detail: { suggestion: id } },
    ])
  })
}
