import { inquiriesOfPatron } from '../comms/inquiry-submit.js'
import { currentComputerSession } from '../computers/my-computer-session.js'
import { Type } from '@sinclair/typebox'
import { OPTIONAL_NOTICES, storeDeclined } from '../comms/notice-types.js'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { forbidden, ruleViolation } from '../errors.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { RETENTION_RULES } from '../privacy/retention-rules.js'
import { check } from '../validate.js'
import type { AttemptOrigin } from '../privacy/throttle.js'
import { verifyPin } from './card.service.js'
import { openPatronRow } from './patron-record.js'
import { buildView, toCardView, type PatronView } from './patron-views.js'
import { loadLive } from './patron.service.js'
import { NOTE_COLUMN } from './notes.service.js'
import { listCards } from './patron.repository.js'
import { LOCALES, type Locale } from '../i18n/catalog.js'
import {
  patronSessionState,
  raisePatronSessionVersion,
  sessionVersionForCard,
} from './patron-sessions.js'

/** The actor for someone at the sign-in form, before they are known. */
export const ANONYMOUS_PATRON: Actor = { type: 'patron', id: 'anonymous' }

function self(actor: Actor): string {
  if (actor.type !== 'patron' || actor.id === 'anonymous')
    throw forbidden('FORBIDDEN', 'Sign in first.')
  return actor.id
}

/**
 * Signs a patron in with card and PIN, through the shared lockout; a lost or replaced card cannot
 * sign in. The session version is read before the PIN is checked, so a PIN change or lost card
 * landing during the check leaves the new session already out of date rather than surviving it.
 */
export async function signInPatron(
  ctx: AppContext,
  barcode: string,
  pin: string,
  origin?: AttemptOrigin,
): Promise<{ patronId: string; expired: boolean; sessionVersion: number }> {
  const sessionVersion = (await sessionVersionForCard(ctx.db, barcode)) ?? -1
  const checked = await verifyPin(ctx, ANONYMOUS_PATRON, barcode, pin, origin)
  if (checked.cardStatus !== 'active' && checked.cardStatus !== 'expired')
    throw ruleViolation(
      'CARD_NOT_ACTIVE',
      'This card has been reported lost or replaced; please ask at the desk.',
    )
  await loadLive(ctx, checked.patronId)
  return {
    patronId: checked.patronId,
    expired: checked.expired || checked.cardStatus === 'expired',
    sessionVersion,
  }
}

/**
 * Whether a web session issued under this version still stands (one primary-key read), and the
 * language the patron chose for their pages (null: follow the browser).
 */
export async function patronSessionStands(
  ctx: AppContext,
  patronId: string,
  sessionVersion: number,
): Promise<{ language: Locale | null } | undefined> {
  const state = await patronSessionState(ctx.db, patronId)
  if (state === undefined || state.version !== sessionVersion) return undefined
  const language = (LOCALES as readonly string[]).includes(state.language ?? '')
    ? (state.language as Locale)
    : null
  return { language }
}

/** Signing out ends every session of the account, in every browser and on every instance. */
export async function endOwnSessions(ctx: AppContext, actor: Actor): Promise<void> {
  await raisePatronSessionVersion(ctx.db, self(actor))
}

export async function ownAccount(ctx: AppContext, actor: Actor): Promise<PatronView> {
  const { row } = await loadLive(ctx, self(actor))
  return buildView(ctx, actor, row)
}

export const ChoicesSchema = Type.Object(
  {
    notices: Type.Boolean(),
    /**
     * The newsletter wish recorded at registration; unchanged when absent. The account's own
     * newsletter section subscribes and unsubscribes (with double opt-in), not this flag.
     */
    newsletter: Type.Optional(Type.Boolean()),
    policyChanges: Type.Boolean(),
    /** Name titles in notices (P10); unchanged when absent. */
    titles: Type.Optional(Type.Boolean()),
    /** The optional notice types turned off; unchanged when absent. */
    declined: Type.Optional(
      Type.Array(Type.Union(OPTIONAL_NOTICES.map((n) => Type.Literal(n))), {
        maxItems: OPTIONAL_NOTICES.length,
      }),
    ),
  },
  { additionalProperties: false },
)

/** A patron changes their own communication choices; each is opt-in. */
export async function updateOwnChoices(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  const id = self(actor)
  const choices = check(ChoicesSchema, raw)
  await loadLive(ctx, id)
  const fields = ['notify']
  if (choices.titles !== undefined) fields.push('notice_titles')
  if (choices.declined !== undefined) fields.push('notices_declined')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('patrons')
      .set({
        notify_notices: choices.notices ? 1 : 0,
        ...(choices.newsletter === undefined
          ? {}
          : { notify_newsletter: choices.newsletter ? 1 : 0 }),
        notify_policy_changes: choices.policyChanges ? 1 : 0,
        ...(choices.titles === undefined ? {} : { notice_titles: choices.titles ? 1 : 0 }),
        ...(choices.declined === undefined
          ? {}
          : { notices_declined: storeDeclined(choices.declined) }),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'patron.update', patronId: id, detail: { fields } },
    ])
  })
}

const LanguageSchema = Type.Object(
  { language: Type.Union([...LOCALES.map((l) => Type.Literal(l)), Type.Null()]) },
  { additionalProperties: false },
)

/** The language of the patron's pages: `en`, `es`, or null to follow the browser. */
export async function setOwnLanguage(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  const id = self(actor)
  const { language } = check(LanguageSchema, raw)
  await loadLive(ctx, id)
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('patrons').set({ language }).where('id', '=', id).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'patron.update', patronId: id, detail: { fields: ['language'] } },
    ])
  })
}

export interface HeldSection {
  what: string
  why: string
  keptUntil: string
  records: Record<string, unknown>[]
}

/**
 * P2: everything Carrel holds about the signed-in patron, each part with why it is kept and
 * until when, ready to download. The download itself is recorded in the audit log.
 */
export async function myData(
  ctx: AppContext,
  actor: Actor,
): Promise<{ generatedAt: string; sections: HeldSection[] }> {
  const id = self(actor)
  const { row, cipher } = await loadLive(ctx, id)
  const db = ctx.db
  const [cards, ledger, notes, loans, holds, fees, payments, requests, notices, newsletter, asked] =
    await Promise.all([
      listCards(db, [id]),
      db
        .selectFrom('card_ledger')
        .select(['amount_cents', 'reason', 'created_at'])
        .where('patron_id', '=', id)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('account_notes')
        .select(['body_enc', 'created_at'])
        .where('patron_id', '=', id)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('loans')
        .innerJoin('bib_records', 'bib_records.id', 'loans.record_id')
        .select([
          'bib_records.title',
          'loans.checked_out_at',
          'loans.due_at',
          'loans.returned_at',
          'loans.renewals',
        ])
        .where('loans.patron_id', '=', id)
        .orderBy('loans.checked_out_at')
        .execute(),
      db
        .selectFrom('holds')
        .innerJoin('bib_records', 'bib_records.id', 'holds.record_id')
        .select([
          'bib_records.title',
          'holds.status',
          'holds.pickup_branch',
          'holds.placed_at',
          'holds.expires_on',
        ])
        .where('holds.patron_id', '=', id)
        .execute(),
      db
        .selectFrom('fees')
        .select(['kind', 'status', 'amount_cents', 'outstanding_cents', 'created_at'])
        .where('patron_id', '=', id)
        .execute(),
      db
        .selectFrom('fee_payments')
        .select(['kind', 'amount_cents', 'method', 'reference', 'reason', 'created_at'])
        .where('patron_id', '=', id)
        .execute(),
      db
        .selectFrom('patron_requests')
        .select(['kind', 'status', 'title_enc', 'author_enc', 'note_enc', 'created_at'])
        .where('patron_id', '=', id)
        .execute(),
      db
        .selectFrom('notice_outbox')
        .select(['kind', 'payload', 'created_at', 'sent_at'])
        .where('patron_id', '=', id)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('newsletter_subscriptions')
        .select(['status', 'language', 'requested_on', 'confirmed_on'])
        .where('patron_id', '=', id)
        .execute(),
      inquiriesOfPatron(ctx, id),
    ])
  const record = openPatronRow(row, cipher)
  const afterExpiry = (days: number) =>
    new Date(new Date(`${record.expiresOn}T00:00:00Z`).getTime() + days * 86_400_000)
      .toISOString()
      .slice(0, 10)
  const rule = (r: keyof typeof RETENTION_RULES) => RETENTION_RULES[r].summary
  const sections: HeldSection[] = [
    {
      what: 'Registration',
      why: 'To identify you and reach you about your account.',
      keptUntil: afterExpiry(3 * 365),
      records: [{ ...record }],
    },
    {
      what: 'Library cards',
      why: 'To lend to you and check your PIN (never stored itself).',
      keptUntil: rule('card-record'),
      records: cards.map(toCardView) as unknown as Record<string, unknown>[],
    },
    {
      what: 'Card balance',
      why: 'To keep your card balance right.',
      keptUntil: rule('card-ledger'),
      records: ledger,
    },
    {
      what: 'Notes about your account',
      why: 'What staff need to know about your account.',
      keptUntil: rule('account-notes'),
      records: notes.map((n) => ({
        note: cipher.decrypt(NOTE_COLUMN, n.body_enc),
        created_at: n.created_at,
      })),
    },
    {
      what: row.keep_history === 1 ? 'Items on loan and your reading history' : 'Items on loan',
      why: 'To know what you have borrowed; returned items are forgotten unless you keep a reading history.',
      keptUntil: rule(row.keep_history === 1 ? 'reading-history' : 'loan-link'),
      records: loans,
    },
    {
      what: 'Holds',
      why: 'To keep your place in the queue and tell you when an item is ready.',
      keptUntil: rule('holds'),
      records: holds,
    },
    {
      what: 'Fines and fees',
      why: 'To record what you owe; a fine or fee is deleted once it is paid or waived.',
      keptUntil: rule('fees'),
      records: fees,
    },
    {
      what: 'Payments and waivers',
      why: 'What you have paid, or what was waived, toward what you still owe.',
      keptUntil: rule('payments'),
      records: payments,
    },
    {
      what: 'Purchase suggestions and interlibrary-loan requests',
      why: 'To act on what you asked for.',
      keptUntil: rule('patron-requests'),
      records: requests.map((r) => ({
        kind: r.kind,
        status: r.status,
        title: cipher.decrypt('patron_requests.title_enc', r.title_enc),
        author: cipher.decrypt('patron_requests.author_enc', r.author_enc),
        note: cipher.decrypt('patron_requests.note_enc', r.note_enc),
        created_at: r.created_at,
      })),
    },
    {
      what: 'Messages to you',
      why: 'To tell you about your account: holds ready, items coming due or overdue, lost items billed, your card expiring, your PIN changed, or your registration about to be erased.',
      keptUntil: rule('notices'),
      records: notices.map((n) => ({
        kind: n.kind,
        // Once a notice is sent or has failed its content is gone (P10): kind and day remain.
        ...(JSON.parse(n.payload ?? '{}') as Record<string, unknown>),
        created_at: n.created_at,
        sent_at: n.sent_at,
      })),
    },
    {
      what: 'Newsletter subscription',
      why: 'To send you the library newsletter, at the address on your registration; no record is kept of whether you open it or what you click.',
      keptUntil: rule('newsletter-subscriptions'),
      records: newsletter.map((n) => ({
        status: n.status,
        language: n.language,
        requested_on: n.requested_on,
        confirmed_on: n.confirmed_on,
      })),
    },
    {
      what: 'Questions and changes of address',
      why: 'To answer your questions and to check and apply a new address you sent.',
      keptUntil: rule('inquiries'),
      records: asked.map((q) => ({
        kind: q.kind,
        status: q.status,
        replyBy: q.replyBy,
        text: q.text,
        replies: q.replies.join('\n\n'),
        sentAt: q.sentAt,
        settledOn: q.settledOn,
      })),
    },
    {
      what: 'Public computer session',
      why: 'To give you your time on a library computer, and to keep one card on one computer at a time.',
      keptUntil: rule('computer-sessions'),
      records: await currentComputerSession(db, id),
    },
  ]
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'patron.export', patronId: id, detail: { by: 'patron' } },
  ])
  return { generatedAt: ctx.clock.now().toISOString(), sections }
}

/** CSV of the same data: one row per record, with the section it belongs to. */
export function myDataCsv(data: Awaited<ReturnType<typeof myData>>): string {
  const rows = [['section', 'why', 'kept until', 'field', 'value']]
  for (const s of data.sections) {
    for (const [i, rec] of s.records.entries()) {
      for (const [field, value] of Object.entries(flatten(rec)))
        rows.push([`${s.what} #${i + 1}`, s.why, s.keptUntil, field, value])
    }
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === null || value === undefined) return { [prefix || 'value']: '' }
  if (typeof value !== 'object')
    return { [prefix || 'value']: typeof value === 'string' ? value : JSON.stringify(value) }
  return Object.assign(
    {},
    ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)),
  ) as Record<string, string>
}

function csvCell(v: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
