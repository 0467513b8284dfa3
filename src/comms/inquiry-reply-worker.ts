import { hostname } from 'node:os'
import type { ExpressionBuilder, Selectable } from 'kysely'
import { realClock } from '../clock.js'
import type { AppContext } from '../context.js'
import { lockRowsSkipLocked } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { translator } from '../i18n/i18n.js'
import { newId } from '../ids.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { sealersOf } from './inquiry-keys.js'
import { COLUMNS } from './inquiry-submit.js'
import type { InquiryRepliesTable } from './inquiries.tables.js'
import { DeliveryFailure, openMailTransport, type MailTransport } from './mail-transport.js'
import { backoffMinutes } from './outbox-worker.js'
import { composeMessage } from './renderers.js'
import { today } from './newsletter-store.js'

type ReplyRow = Selectable<InquiryRepliesTable>

export interface ReplyRun {
  sent: number
  maildrop: number
  retried: number
  failed: number
}

function claimable(now: string) {
  return (eb: ExpressionBuilder<RecordsDb, 'inquiry_replies'>) =>
    eb.or([
      eb.and([
        eb('status', '=', 'queued'),
        eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ])
}

/** Claims due replies as the notice outbox does: one conditional update over rows locked skip-locked. */
async function claimReplies(ctx: AppContext, workerId: string, limit: number): Promise<ReplyRow[]> {
  const now = realClock(ctx.clock).now()
  const at = now.toISOString()
  const until = new Date(now.getTime() + ctx.config.mail.leaseSeconds * 1000).toISOString()
  return ctx.db.transaction().execute((trx) =>
    trx
      .updateTable('inquiry_replies')
      .set((eb) => ({
        status: 'sending',
        claimed_by: workerId,
        lease_until: until,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', () =>
        lockRowsSkipLocked(
          trx
            .selectFrom('inquiry_replies')
            .select('id')
            .where(claimable(at))
            .orderBy('id')
            .limit(limit),
          ctx.engine,
        ),
      )
      .where(claimable(at))
      .returningAll()
      .execute(),
  )
}

interface Outgoing {
  to: string
  patronId: string | null
  inquiryId: string
  question: string
  reply: string
}

/** The address and texts of each claimed reply, decrypted here and nowhere else. */
async function outgoingOf(
  ctx: AppContext,
  rows: readonly ReplyRow[],
): Promise<Map<string, Outgoing>> {
  const inquiries = await ctx.db
    .selectFrom('inquiries')
    .select(['id', 'patron_id', 'email_enc', 'body_enc'])
    .where(
      'id',
      'in',
      rows.map((r) => r.inquiry_id),
    )
    .execute()
  const sealers = await sealersOf(ctx.keys, ctx.keyring, inquiries)
  const patronIds = inquiries.flatMap((i) => (i.patron_id === null ? [] : [i.patron_id]))
  const patrons =
    patronIds.length === 0
      ? []
      : await ctx.db.selectFrom('patrons').selectAll().where('id', 'in', patronIds).execute()
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, patronIds)
  const emails = new Map(
    patrons.map((p) => [
      p.id,
      p.status === 'active' ? openPatronRow(p, ciphers.get(p.id)).email : null,
    ]),
  )
  const out = new Map<string, Outgoing>()
  for (const r of rows) {
    const inquiry = inquiries.find((i) => i.id === r.inquiry_id)
    const sealer = sealers.get(r.inquiry_id)
    if (inquiry === undefined || sealer === undefined) continue
    const to =
      inquiry.patron_id === null
        ? sealer.decrypt(COLUMNS.email, inquiry.email_enc)
        : (emails.get(inquiry.patron_id) ?? null)
    if (to === null) continue
    out.set(r.id, {
      to,
      patronId: inquiry.patron_id,
      inquiryId: inquiry.id,
      question: sealer.decrypt(COLUMNS.body, inquiry.body_enc) ?? '',
      reply: sealer.decrypt(COLUMNS.reply, r.body_enc) ?? '',
    })
  }
  return out
}

async function settle(
  ctx: AppContext,
  workerId: string,
  id: string,
  patch: {
    status: ReplyRow['status']
    sent_on?: string
    failure?: string
    next_attempt_at?: string
  },
): Promise<boolean> {
  const res = await ctx.db
    .updateTable('inquiry_replies')
    .set({ claimed_by: null, lease_until: null, next_attempt_at: null, failure: null, ...patch })
    .where('id', '=', id)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/**
 * Sends staff replies to inquiries, in the language the question was asked in, to the address
 * the inquiry gave (public) or the registration's (a patron's). Temporary refusals wait with a
 * doubling backoff; a permanent one, or the last attempt, fails the reply with the reason (no
 * address in it). Safe to run in several processes: rows are claimed under a lease.
 */
export async function deliverInquiryReplies(
  ctx: AppContext,
  options: { transport?: MailTransport; signal?: AbortSignal } = {},
): Promise<ReplyRun> {
  const transport = options.transport ?? openMailTransport(ctx.config)
  const workerId = `${hostname()}:${process.pid}:${newId()}`
  const run: ReplyRun = { sent: 0, maildrop: 0, retried: 0, failed: 0 }
  try {
    for (let batch = 0; batch < 20 && options.signal?.aborted !== true; batch++) {
      const rows = await claimReplies(ctx, workerId, ctx.config.mail.batchSize)
      if (rows.length === 0) break
      const outgoing = await outgoingOf(ctx, rows)
      for (const row of rows) {
        const o = outgoing.get(row.id)
        if (o === undefined) {
          const why = 'Nobody to send it to any more: the inquiry or its address is gone.'
          if (await settle(ctx, workerId, row.id, { status: 'failed', failure: why })) run.failed++
          continue
        }
        const locale = row.language === 'es' ? 'es' : 'en'
        const t = translator(locale)
        const library = ctx.config.library.name
        const mail = composeMessage(locale, t('inquiries.mail.subject', { library }), [
          t('inquiries.mail.greeting'),
          o.reply,
          t('inquiries.mail.yourQuestion'),
          o.question,
          t('inquiries.mail.private', { library }),
        ])
        try {
          await transport.deliver(
            { to: o.to, ...mail, language: locale },
            { day: today(ctx), patronId: o.patronId ?? o.inquiryId, noticeId: row.id },
          )
        } catch (err) {
          const failure =
            err instanceof DeliveryFailure
              ? err
              : new DeliveryFailure(false, err instanceof Error ? err.message : String(err), true)
          if (failure.permanent || row.attempts >= ctx.config.mail.maxAttempts) {
            const reason = failure.reason.slice(0, 400)
            if (await settle(ctx, workerId, row.id, { status: 'failed', failure: reason }))
              run.failed++
          } else {
            const next = new Date(
              realClock(ctx.clock).now().getTime() +
                backoffMinutes(ctx.config, row.attempts) * 60_000,
            ).toISOString()
            await settle(ctx, workerId, row.id, {
              status: 'queued',
              next_attempt_at: next,
              failure: failure.reason,
            })
            run.retried++
          }
          continue
        }
        const status = transport.mode === 'smtp' ? 'sent' : 'maildrop'
        if (await settle(ctx, workerId, row.id, { status, sent_on: today(ctx) })) run[status]++
      }
      if (rows.length < ctx.config.mail.batchSize) break
    }
  } finally {
    if (options.transport === undefined) transport.close()
  }
  return run
}

/** The scheduled job's counts. */
export async function deliverInquiryRepliesJob(
  ctx: AppContext,
  signal: AbortSignal,
): Promise<Record<string, number>> {
  const run = await deliverInquiryReplies(ctx, { signal })
  return Object.fromEntries(Object.entries(run).filter(([, n]) => n > 0))
}
