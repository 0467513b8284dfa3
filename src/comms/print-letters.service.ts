import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { validation } from '../errors.js'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/catalog.js'
import { localDate } from '../library/calendar.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { appendAudit, recordAudit, type AuditEvent } from '../privacy/audit.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { noticeEnabled } from './notice-types.js'
import { noticeFacts } from './notice-titles.js'
import { noticeContent, renderInput, skipReason, type Block } from './renderers.js'

/** Letters one batch shows at most: a stack a desk printer takes in one go. */
export const LETTERS_PER_BATCH = 100

/** One printed letter: the same words the email would have had (P10), addressed for the post. */
export interface PrintLetter {
  id: string
  kind: string
  locale: Locale
  /** The patron's name as it goes on the envelope; null when none is held. */
  name: string | null
  /** The postal address, line by line; empty when none is held. */
  address: string[]
  /** The letter's date, in the patron's language, with its weekday. */
  dated: string
  subject: string
  blocks: Block[]
}

/** A waiting letter that is no longer needed, and why (no name or address in it). */
export interface LetterNotNeeded {
  id: string
  kind: string
  reason: string
}

export interface LetterBatch {
  letters: PrintLetter[]
  notNeeded: LetterNotNeeded[]
  /** More letters wait than this batch shows. */
  more: boolean
}

/**
 * The letters waiting to be printed, oldest first, for patrons with no email address: each in
 * its patron's language, naming titles only for a patron who chose that, with the patron's name
 * and postal address decrypted for this page alone. Each patron whose address is shown is a
 * `patron.read` in the audit log. A letter whose patron has since gone, turned that notice off,
 * or whose charge is no longer owed is listed as not needed, without name or address.
 */
export async function listPrintLetters(ctx: AppContext, actor: Actor): Promise<LetterBatch> {
  requirePermission(actor, 'mail.print')
  const rows = await ctx.db
    .selectFrom('notice_outbox')
    .select(['id', 'patron_id', 'kind', 'payload', 'created_at'])
    .where('status', '=', 'print')
    .orderBy('created_at')
    .orderBy('id')
    .limit(LETTERS_PER_BATCH + 1)
    .execute()
  const more = rows.length > LETTERS_PER_BATCH
  const batch = rows.slice(0, LETTERS_PER_BATCH)
  const patronIds = [...new Set(batch.map((r) => r.patron_id))]
  const patronRows =
    patronIds.length === 0
      ? []
      : await ctx.db.selectFrom('patrons').selectAll().where('id', 'in', patronIds).execute()
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, patronIds)
  const patrons = new Map(
    patronRows
      .filter((p) => p.status === 'active' && ciphers.has(p.id))
      .map((p) => [p.id, openPatronRow(p, ciphers.get(p.id))]),
  )
  const branches = new Map(
    (await ctx.db.selectFrom('branches').select(['code', 'name']).execute()).map((b) => [
      b.code,
      b.name,
    ]),
  )
  const tz = ctx.config.library.timezone
  const today = localDate(ctx.clock.now(), tz)
  const letters: PrintLetter[] = []
  const notNeeded: LetterNotNeeded[] = []
  const shownPer = new Map<string, number>()
  for (const row of batch) {
    const patron = patrons.get(row.patron_id)
    if (patron === undefined) {
      notNeeded.push({
        id: row.id,
        kind: row.kind,
        reason: 'The patron’s record is no longer there.',
      })
      continue
    }
    const facts = await noticeFacts(ctx.db, row, patron.noticeTitles)
    const locale = isLocale(patron.language) ? patron.language : DEFAULT_LOCALE
    const input = renderInput(
      {
        kind: row.kind,
        payload: JSON.parse(row.payload ?? '{}') as Record<string, unknown>,
        contact: {
          patronId: patron.id,
          // A letter is written as the email would be, for a patron who has no email.
          email: null,
          givenName: patron.givenName,
          wantsNotices: patron.notify.notices,
          wantsTitles: patron.noticeTitles,
          declined: patron.noticesDeclined,
          wantsPolicyChanges: patron.notify.policyChanges,
        },
        locale,
        library: { name: ctx.config.library.name, branchName: (c) => branches.get(c) ?? c },
        enabled: noticeEnabled(ctx.config, row.kind),
        titles: facts.titles,
        ...(facts.amountCents === undefined ? {} : { amountCents: facts.amountCents }),
        accountUrl: ctx.config.notices.accountUrl,
        today,
      },
      tz,
    )
    const reason = facts.stale ?? skipReason(row.kind, input)
    if (reason !== undefined) {
      notNeeded.push({ id: row.id, kind: row.kind, reason })
      continue
    }
    const content = noticeContent(row.kind, input)
    const a = patron.address
    const name = [patron.givenName, patron.familyName].filter((n) => n !== null).join(' ')
    letters.push({
      id: row.id,
      kind: row.kind,
      locale,
      name: name === '' ? null : name,
      address:
        a === null
          ? []
          : [
              a.line1,
              a.line2,
              [a.city, [a.region, a.postcode].filter((x) => x !== undefined && x !== '').join(' ')]
                .filter((x) => x !== '')
                .join(', '),
            ].filter((l): l is string => l !== undefined && l !== ''),
      dated: input.fmt.weekdayDate(today),
      subject: content.subject,
      blocks: content.blocks,
    })
    shownPer.set(patron.id, (shownPer.get(patron.id) ?? 0) + 1)
  }
  await recordAudit(
    ctx.db,
    ctx.engine,
    ctx.clock,
    actor,
    [...shownPer].map(([patronId, n]): AuditEvent => ({
      action: 'patron.read',
      patronId,
      detail: { part: 'letters', fields: ['name', 'address'], letters: n },
    })),
  )
  return { letters, notNeeded, more }
}

/** Letter ids as Carrel makes them (random uuids, src/ids.ts). */
const Ids = Type.Array(
  Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  { maxItems: LETTERS_PER_BATCH },
)
const MarkSchema = Type.Object({ printed: Ids, notNeeded: Ids }, { additionalProperties: false })

export interface MarkLetters {
  /** The letters shown and printed. */
  printed: string[]
  /** The letters shown as no longer needed, set aside with them. */
  notNeeded: string[]
}

export interface MarkedLetters {
  printed: number
  notNeeded: number
  /** Posted, but no longer waiting (another staff member marked them first). */
  alreadyDone: number
}

/**
 * Marks exactly the posted letters (those a staff member was shown) as printed, and those shown
 * as not needed as skipped: each only if it is still waiting, so a letter queued after the page
 * was shown stays waiting, and two people confirming the same batch mark each letter once. Like
 * a sent email, what stays is kind, local day and outcome: payload removed, queued time cut to
 * the day, the day printed kept. One transaction, with one `mail.print` audit entry (counts only).
 */
export async function markLettersPrinted(
  ctx: AppContext,
  actor: Actor,
  input: MarkLetters,
): Promise<MarkedLetters> {
  requirePermission(actor, 'mail.print')
  const body = check(MarkSchema, input)
  const printed = [...new Set(body.printed)]
  const dropped = [...new Set(body.notNeeded)].filter((id) => !printed.includes(id))
  if (printed.length + dropped.length === 0)
    throw validation('NO_LETTERS', 'There are no letters to mark: show the batch again.')
  const tz = ctx.config.library.timezone
  const today = localDate(ctx.clock.now(), tz)
  return ctx.db.transaction().execute(async (trx) => {
    const waiting = await trx
      .selectFrom('notice_outbox')
      .select(['id', 'created_at'])
      .where('id', 'in', [...printed, ...dropped])
      .where('status', '=', 'print')
      .execute()
    // Rows queued the same local day get that day in one statement.
    const groups = new Map<string, { printed: string[]; dropped: string[] }>()
    for (const w of waiting) {
      const day = localDate(new Date(w.created_at), tz)
      const g = groups.get(day) ?? { printed: [], dropped: [] }
      ;(printed.includes(w.id) ? g.printed : g.dropped).push(w.id)
      groups.set(day, g)
    }
    let donePrinted = 0
    let doneDropped = 0
    for (const [day, g] of groups) {
      for (const [ids, status] of [
        [g.printed, 'printed'],
        [g.dropped, 'skipped'],
      ] as const) {
        if (ids.length === 0) continue
        const res = await trx
          .updateTable('notice_outbox')
          .set({
            status,
            payload: null,
            created_at: day,
            sent_at: status === 'printed' ? today : null,
            claimed_by: null,
            lease_until: null,
            next_attempt_at: null,
            failure:
              status === 'skipped' ? 'No longer needed when the letters were printed.' : null,
          })
          .where('id', 'in', ids)
          // Conditional: whoever confirms second finds nothing left to mark.
          .where('status', '=', 'print')
          .executeTakeFirst()
        const n = Number(res.numUpdatedRows)
        if (status === 'printed') donePrinted += n
        else doneDropped += n
      }
    }
    const marked = {
      printed: donePrinted,
      notNeeded: doneDropped,
      alreadyDone: printed.length + dropped.length - donePrinted - doneDropped,
    }
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'mail.print', detail: { ...marked } },
    ])
    return marked
  })
}
