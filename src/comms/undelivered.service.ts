import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { recordAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { readEml } from './eml-reader.js'
import { listMaildrop, readMaildrop } from './maildrop.js'
import type { NoticeStatus } from './outbox.tables.js'

/**
 * "Mail not sent": what staff see of the messages that did not reach a patron. Messages in the
 * maildrop (no mail server configured) and notices that failed for good. Reading them is running
 * the mail delivery, so it takes the permission to run scheduled jobs; every reading is audited.
 */
export interface MaildropSummary {
  name: string
  day: string
  to: string
  subject: string
}

export interface FailedNotice {
  id: string
  kind: string
  /** The local day it was queued. */
  day: string
  failure: string | null
  attempts: number
  /** The patron's active card, to look them up at the desk (null when they have none now). */
  card: string | null
}

export interface Undelivered {
  /** smtp: a mail server is configured; maildrop: none is, and every message is kept here instead. */
  mode: 'smtp' | 'maildrop'
  maildrop: MaildropSummary[]
  /** True when there were more maildrop messages than are listed. */
  maildropMore: boolean
  failed: FailedNotice[]
  /** Notices per outcome that are still in the outbox. */
  counts: Partial<Record<NoticeStatus, number>>
}

export interface MaildropMessage extends MaildropSummary {
  from: string
  date: string
  language: string
  text: string
}

const LISTED = 200

export async function listUndelivered(ctx: AppContext, actor: Actor): Promise<Undelivered> {
  requirePermission(actor, 'mail.read')
  const all = listMaildrop(ctx.config.dataDir)
  const maildrop = all.slice(0, LISTED).map((e) => {
    const { headers } = readEml(readMaildrop(ctx.config.dataDir, e.name).raw)
    return {
      name: e.name,
      day: e.day,
      to: headers.get('to') ?? '',
      subject: headers.get('subject') ?? '',
    }
  })
  const failedRows = await ctx.db
    .selectFrom('notice_outbox')
    .leftJoin('cards', (j) =>
      j.onRef('cards.patron_id', '=', 'notice_outbox.patron_id').on('cards.status', '=', 'active'),
    )
    .select([
      'notice_outbox.id',
      'notice_outbox.kind',
      'notice_outbox.created_at',
      'notice_outbox.failure',
      'notice_outbox.attempts',
      'cards.barcode',
    ])
    .where('notice_outbox.status', '=', 'failed')
    .orderBy('notice_outbox.created_at', 'desc')
    .limit(LISTED)
    .execute()
  const counted = await ctx.db
    .selectFrom('notice_outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    {
      action: 'mail.read',
      detail: { list: true, messages: maildrop.length, failed: failedRows.length },
    },
  ])
  return {
    mode: ctx.config.mail.smtpUrl === undefined ? 'maildrop' : 'smtp',
    maildrop,
    maildropMore: all.length > LISTED,
    failed: failedRows.map((r) => ({
      id: r.id,
      kind: r.kind,
      day: r.created_at.slice(0, 10),
      failure: r.failure,
      attempts: r.attempts,
      card: r.barcode ?? null,
    })),
    counts: Object.fromEntries(counted.map((c) => [c.status, Number(c.n)])),
  }
}

/** One maildrop message as staff read it (headers and the plain-text part); audited against its patron. */
export async function readUndelivered(
  ctx: AppContext,
  actor: Actor,
  name: string,
): Promise<MaildropMessage> {
  requirePermission(actor, 'mail.read')
  const { entry, raw } = readMaildrop(ctx.config.dataDir, name)
  const message = readEml(raw)
  const patron = await ctx.db
    .selectFrom('patrons')
    .select('id')
    .where('id', '=', entry.patronId)
    .executeTakeFirst()
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'mail.read', patronId: patron?.id ?? null, detail: { notice: entry.noticeId } },
  ])
  const h = (k: string) => message.headers.get(k) ?? ''
  return {
    name: entry.name,
    day: entry.day,
    to: h('to'),
    subject: h('subject'),
    from: h('from'),
    date: h('date'),
    language: h('content-language'),
    text: message.text,
  }
}
