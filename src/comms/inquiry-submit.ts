import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { forbidden, validation } from '../errors.js'
import { newId } from '../ids.js'
import { AddressSchema, type Address } from '../patrons/patron.schemas.js'
import { loadLive } from '../patrons/patron.service.js'
import { appendAudit } from '../privacy/audit.js'
import { check } from '../validate.js'
import { newInquiryKey, sealersOf, type InquirySealer } from './inquiry-keys.js'
import type { InquiryKind, InquiryStatus, ReplyBy } from './inquiries.tables.js'
import { isWellFormedEmail, normaliseNewsletterEmail } from './newsletter-keys.js'
import { today } from './newsletter-store.js'
import { countActivity } from '../reports/activity-counts.js'
import { UNKNOWN_CELL } from '../reports/activity.tables.js'

/** The longest question accepted: a long reference question fits, a pasted book does not. */
export const QUESTION_MAX = 2000
export const NAME_MAX = 100
/** Open inquiries and address changes one patron may have waiting at once. */
export const OPEN_PER_PATRON = 10

export const COLUMNS = {
  name: 'inquiries.name_enc',
  email: 'inquiries.email_enc',
  body: 'inquiries.body_enc',
  reply: 'inquiry_replies.body_enc',
} as const

const Language = Type.Union([Type.Literal('en'), Type.Literal('es')])
const ReplyBySchema = Type.Union([Type.Literal('email'), Type.Literal('desk')])

export const PublicInquirySchema = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: QUESTION_MAX }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX })),
    replyBy: ReplyBySchema,
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    language: Language,
  },
  { additionalProperties: false },
)

export const OwnInquirySchema = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: QUESTION_MAX }),
    replyBy: ReplyBySchema,
    language: Language,
  },
  { additionalProperties: false },
)

const EMAIL_NEEDED = () =>
  validation('INQUIRY_EMAIL_NEEDED', 'Give an email address to be answered by email.', {
    fields: ['email'],
  })

/**
 * A question from someone not signed in. Everything personal in it is sealed under a data key
 * made for this inquiry alone, so erasing the inquiry (destroying the key) leaves nothing
 * readable anywhere, backups included. The sender's network address is never stored.
 */
export async function submitPublicInquiry(ctx: AppContext, raw: unknown): Promise<void> {
  const input = check(PublicInquirySchema, raw)
  const question = input.question.trim()
  if (question === '')
    throw validation('INVALID_INPUT', 'Write your question.', { fields: ['question'] })
  let email: string | null = null
  if (input.replyBy === 'email') {
    if (input.email === undefined) throw EMAIL_NEEDED()
    email = normaliseNewsletterEmail(input.email)
    if (!isWellFormedEmail(email))
      throw validation('INVALID_EMAIL', 'That does not look like an email address.', {
        fields: ['email'],
      })
  }
  const id = newId()
  const sealer = await newInquiryKey(ctx.keys, ctx.keyring, id, today(ctx))
  const name = input.name?.trim()
  const row = {
    id,
    patron_id: null,
    kind: 'question' as const,
    status: 'open' as const,
    language: input.language,
    reply_by: input.replyBy,
    name_enc: name === undefined || name === '' ? null : sealer.encrypt(COLUMNS.name, name),
    email_enc: email === null ? null : sealer.encrypt(COLUMNS.email, email),
    body_enc: sealer.encrypt(COLUMNS.body, question),
    assigned_to: null,
    created_at: ctx.clock.now().toISOString(),
    settled_on: null,
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('inquiries').values(row).execute()
    // Nobody is signed in: the question is counted without a branch or kind of patron.
    const cell = { day: today(ctx), branch: UNKNOWN_CELL, patronCategory: UNKNOWN_CELL }
    await countActivity(trx, cell, 'inquiry')
  })
}

/** Public questions sent since `since` (an ISO instant): the public form's daily cap counts these. */
export async function publicInquiriesSince(ctx: AppContext, since: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('patron_id', 'is', null)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

function ownPatron(actor: Actor): string {
  if (actor.type !== 'patron') throw forbidden('FORBIDDEN', 'Only for a signed-in patron.')
  return actor.id
}

async function insertOwn(
  ctx: AppContext,
  actor: Actor,
  kind: InquiryKind,
  body: string,
  replyBy: ReplyBy,
  language: string,
): Promise<string> {
  const patronId = ownPatron(actor)
  const { row: patron, cipher } = await loadLive(ctx, patronId)
  const id = newId()
  await ctx.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('inquiries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patron_id', '=', patronId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    if (Number(open.n) >= OPEN_PER_PATRON)
      throw validation(
        'INQUIRY_LIMIT',
        'You have many requests waiting already; the library will answer them first.',
      )
    await trx
      .insertInto('inquiries')
      .values({
        id,
        patron_id: patronId,
        kind,
        status: 'open',
        language,
        reply_by: replyBy,
        name_enc: null,
        email_enc: null,
        body_enc: cipher.encrypt(COLUMNS.body, body),
        assigned_to: null,
        created_at: ctx.clock.now().toISOString(),
        settled_on: null,
      })
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'inquiry.create', patronId, detail: { kind } },
    ])
    // A change of address is an errand, not a reference question.
    if (kind === 'question')
      await countActivity(
        trx,
        { day: today(ctx), branch: patron.home_branch, patronCategory: patron.category },
        'inquiry',
      )
  })
  return id
}

/** A signed-in patron's question, linked to the registration and sealed under the patron's key. */
export async function submitOwnInquiry(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<string> {
  const input = check(OwnInquirySchema, raw)
  const question = input.question.trim()
  if (question === '')
    throw validation('INVALID_INPUT', 'Write your question.', { fields: ['question'] })
  return insertOwn(ctx, actor, 'question', question, input.replyBy, input.language)
}

export const AddressChangeSchema = Type.Object(
  { address: AddressSchema, language: Language },
  { additionalProperties: false },
)

/**
 * A signed-in patron's new postal address. Staff check it (proof of residency is the library's
 * rule, not Carrel's) and apply it to the registration, which erases the request.
 */
export async function askAddressChange(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<string> {
  const input = check(AddressChangeSchema, raw)
  const a = input.address
  const address: Address = {
    line1: a.line1.trim(),
    ...(a.line2?.trim() ? { line2: a.line2.trim() } : {}),
    city: a.city.trim(),
    ...(a.region?.trim() ? { region: a.region.trim() } : {}),
    postcode: a.postcode.trim(),
  }
  if (address.line1 === '' || address.city === '' || address.postcode === '')
    throw validation('INVALID_INPUT', 'Fill in the street, city and ZIP code.', {
      fields: ['line1', 'city', 'postcode'].filter((f) => address[f as 'city'] === ''),
    })
  return insertOwn(ctx, actor, 'address', JSON.stringify(address), 'desk', input.language)
}

export interface OwnInquiry {
  id: string
  kind: InquiryKind
  status: InquiryStatus
  replyBy: ReplyBy
  /** The question, or the new address on one line. */
  text: string
  replies: string[]
  sentAt: string
  settledOn: string | null
}

/** Puts an address given as JSON on one line. */
export function addressLine(json: string): string {
  const a = JSON.parse(json) as Address
  return [a.line1, a.line2, a.city, a.region, a.postcode].filter(Boolean).join(', ')
}

/** The patron's own inquiries and address changes, with the replies sent, newest first. */
export async function ownInquiries(ctx: AppContext, actor: Actor): Promise<OwnInquiry[]> {
  const patronId = ownPatron(actor)
  return inquiriesOfPatron(ctx, patronId)
}

/** For the patron's own pages and My data only: callers check that the patron is the actor. */
export async function inquiriesOfPatron(ctx: AppContext, patronId: string): Promise<OwnInquiry[]> {
  const rows = await ctx.db
    .selectFrom('inquiries')
    .selectAll()
    .where('patron_id', '=', patronId)
    .orderBy('created_at', 'desc')
    .execute()
  if (rows.length === 0) return []
  const replies = await ctx.db
    .selectFrom('inquiry_replies')
    .select(['inquiry_id', 'body_enc'])
    .where(
      'inquiry_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_on')
    .execute()
  const sealers = await sealersOf(ctx.keys, ctx.keyring, rows)
  return rows.flatMap((r) => {
    const s: InquirySealer | undefined = sealers.get(r.id)
    if (s === undefined) return []
    const body = s.decrypt(COLUMNS.body, r.body_enc) ?? ''
    return [
      {
        id: r.id,
        kind: r.kind,
        status: r.status,
        replyBy: r.reply_by,
        text: r.kind === 'address' ? addressLine(body) : body,
        replies: replies
          .filter((p) => p.inquiry_id === r.id)
          .map((p) => s.decrypt(COLUMNS.reply, p.body_enc) ?? ''),
        sentAt: r.created_at,
        settledOn: r.settled_on,
      },
    ]
  })
}
