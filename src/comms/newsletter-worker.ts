import { hostname } from 'node:os'
import type { ExpressionBuilder, Selectable } from 'kysely'
import { realClock } from '../clock.js'
import type { AppContext } from '../context.js'
import { lockRowsSkipLocked } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { newId } from '../ids.js'
import { DeliveryFailure, openMailTransport, type MailTransport } from './mail-transport.js'
import { backoffMinutes } from './outbox-worker.js'
import { finishIssues } from './newsletter-progress.js'
import { issuesOf, messageFor, recipientsOf } from './newsletter-messages.js'
import { today } from './newsletter-store.js'
import type { NewsletterDeliveriesTable } from './newsletter.tables.js'

type DeliveryRow = Selectable<NewsletterDeliveriesTable>

/** Places where a test can stop a worker part-way, to interleave two of them deterministically. */
export interface NewsletterPauses {
  /** The claim is made but not yet committed (its rows are locked on PostgreSQL). */
  claimedUncommitted?(ids: string[]): Promise<void>
  /** Before the worker re-checks that it still holds a delivery and hands it over. */
  beforeSend?(id: string): Promise<void>
}

export interface NewsletterWorkerOptions {
  /** Where messages go; opened from the configuration (SMTP or the maildrop) when not given. */
  transport?: MailTransport
  workerId?: string
  /** Deliveries per claim (default `mail.batchSize`). */
  limit?: number
  /** Claims per run at most. */
  maxBatches?: number
  /** Only this issue's deliveries (the CLI sending one issue). */
  issueId?: string
  signal?: AbortSignal
  pauses?: NewsletterPauses
  /** Called after each batch (the CLI's progress bar). */
  afterBatch?(): Promise<void>
}

export interface NewsletterRun {
  claimed: number
  sent: number
  maildrop: number
  retried: number
  failed: number
  /** Nobody to send to any more (unsubscribed, erased, no address). */
  skipped: number
  /** Claimed, then found taken over by another worker: not sent. */
  lost: number
  /** Issues that finished in this run. */
  finished: number
}

const emptyRun = (): NewsletterRun => ({
  claimed: 0,
  sent: 0,
  maildrop: 0,
  retried: 0,
  failed: 0,
  skipped: 0,
  lost: 0,
  finished: 0,
})

function claimable(now: string) {
  return (eb: ExpressionBuilder<RecordsDb, 'newsletter_deliveries'>) =>
    eb.or([
      eb.and([
        eb('status', '=', 'queued'),
        eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ])
}

/**
 * Claims up to `limit` due deliveries in one conditional UPDATE over rows locked with
 * `for update skip locked` on PostgreSQL (SQLite runs the statement alone), as the notice outbox
 * does: a row claimed by one worker is not claimable by another until that worker's lease ends.
 * Confirmations go first: someone is waiting for them.
 */
export async function claimDeliveries(
  ctx: Pick<AppContext, 'db' | 'engine' | 'clock' | 'config'>,
  workerId: string,
  limit: number,
  pauses: NewsletterPauses = {},
  issueId?: string,
): Promise<DeliveryRow[]> {
  const now = realClock(ctx.clock).now()
  const at = now.toISOString()
  const until = new Date(now.getTime() + ctx.config.mail.leaseSeconds * 1000).toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    let candidates = trx
      .selectFrom('newsletter_deliveries')
      .select('id')
      .where(claimable(at))
      .orderBy('kind')
      .orderBy('id')
      .limit(limit)
    if (issueId !== undefined) candidates = candidates.where('issue_id', '=', issueId)
    const rows = await trx
      .updateTable('newsletter_deliveries')
      .set({ status: 'sending', claimed_by: workerId, lease_until: until })
      .where('id', 'in', () => lockRowsSkipLocked(candidates, ctx.engine))
      .where(claimable(at))
      .returningAll()
      .execute()
    await pauses.claimedUncommitted?.(rows.map((r) => r.id))
    return rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
  })
}

/** Re-takes the lease right before sending and counts the attempt; false if no longer ours. */
async function holdForSending(ctx: AppContext, workerId: string, id: string): Promise<boolean> {
  const now = realClock(ctx.clock).now()
  const res = await ctx.db
    .updateTable('newsletter_deliveries')
    .set((eb) => ({
      lease_until: new Date(now.getTime() + ctx.config.mail.leaseSeconds * 1000).toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

const mine = (workerId: string) => (eb: ExpressionBuilder<RecordsDb, 'newsletter_deliveries'>) =>
  eb.and([eb('claimed_by', '=', workerId), eb('status', '=', 'sending')])

/**
 * Ends a delivery. A confirmation's row goes once sent (its link with it); an issue's stays as
 * sent or failed, without lease or claim, until the issue finishes and keeps only counts.
 */
async function finish(
  ctx: AppContext,
  workerId: string,
  row: DeliveryRow,
  outcome: 'sent' | 'failed',
  failure: string | null = null,
): Promise<boolean> {
  if (row.kind === 'confirm' && outcome === 'sent') {
    const res = await ctx.db
      .deleteFrom('newsletter_deliveries')
      .where('id', '=', row.id)
      .where(mine(workerId))
      .executeTakeFirst()
    return res.numDeletedRows > 0n
  }
  const res = await ctx.db
    .updateTable('newsletter_deliveries')
    .set({
      status: outcome,
      payload: null,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: null,
      failure,
    })
    .where('id', '=', row.id)
    .where(mine(workerId))
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Nobody to send to: the row goes, and its issue counts one recipient fewer. */
async function skip(ctx: AppContext, workerId: string, row: DeliveryRow): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('newsletter_deliveries')
      .where('id', '=', row.id)
      .where(mine(workerId))
      .executeTakeFirst()
    if (res.numDeletedRows === 0n) return false
    if (row.kind === 'issue' && row.issue_id !== null)
      await trx
        .updateTable('newsletter_issues')
        .set((eb) => ({ recipients: eb('recipients', '-', 1) }))
        .where('id', '=', row.issue_id)
        .execute()
    return true
  })
}

async function requeue(
  ctx: AppContext,
  workerId: string,
  ids: readonly string[],
  next: string | null,
  failure: string | null = null,
): Promise<void> {
  if (ids.length === 0) return
  await ctx.db
    .updateTable('newsletter_deliveries')
    .set({ status: 'queued', claimed_by: null, lease_until: null, next_attempt_at: next, failure })
    .where('id', 'in', ids)
    .where(mine(workerId))
    .execute()
}

async function runBatch(
  ctx: AppContext,
  transport: MailTransport,
  workerId: string,
  limit: number,
  run: NewsletterRun,
  options: NewsletterWorkerOptions,
): Promise<{ stop: boolean }> {
  const rows = await claimDeliveries(ctx, workerId, limit, options.pauses, options.issueId)
  run.claimed += rows.length
  if (rows.length === 0) return { stop: true }
  const recipients = await recipientsOf(
    ctx,
    rows.map((r) => r.subscription_id),
  )
  const issues = await issuesOf(ctx, rows)
  for (const [index, row] of rows.entries()) {
    if (options.signal?.aborted === true) {
      await requeue(
        ctx,
        workerId,
        rows.slice(index).map((r) => r.id),
        null,
      )
      return { stop: true }
    }
    const to = recipients.get(row.subscription_id)
    const issue = row.issue_id === null ? undefined : issues.get(row.issue_id)
    const message = to === undefined ? undefined : messageFor(ctx, row, to, issue)
    if (message === undefined || to?.email === null || to === undefined) {
      if (await skip(ctx, workerId, row)) run.skipped += 1
      continue
    }
    await options.pauses?.beforeSend?.(row.id)
    if (!(await holdForSending(ctx, workerId, row.id))) {
      run.lost += 1
      continue
    }
    const attempts = row.attempts + 1
    try {
      await transport.deliver(
        {
          to: to.email,
          subject: message.subject,
          text: message.text,
          html: message.html,
          language: message.locale,
          ...(message.headers !== undefined && { headers: message.headers }),
        },
        { day: today(ctx), patronId: to.patronId ?? to.subscriptionId, noticeId: row.id },
      )
    } catch (err) {
      const failure =
        err instanceof DeliveryFailure
          ? err
          : new DeliveryFailure(false, err instanceof Error ? err.message : String(err), true)
      const last = attempts >= ctx.config.mail.maxAttempts
      if (failure.permanent || last) {
        const reason = failure.permanent
          ? failure.reason
          : `Gave up after ${attempts} attempts; the last answer was: ${failure.reason}`
        if (await finish(ctx, workerId, row, 'failed', reason.slice(0, 400))) run.failed += 1
      } else {
        const next = new Date(
          realClock(ctx.clock).now().getTime() + backoffMinutes(ctx.config, attempts) * 60_000,
        ).toISOString()
        await requeue(ctx, workerId, [row.id], next, failure.reason)
        run.retried += 1
      }
      if (failure.stopRun) {
        ctx.logger.warn(
          { target: transport.target, reason: failure.reason },
          'mail server unavailable; the rest of the newsletter batch waits for the next run',
        )
        await requeue(
          ctx,
          workerId,
          rows.slice(index + 1).map((r) => r.id),
          null,
        )
        return { stop: true }
      }
      continue
    }
    if (await finish(ctx, workerId, row, 'sent'))
      run[transport.mode === 'smtp' ? 'sent' : 'maildrop'] += 1
  }
  return { stop: rows.length < limit }
}

/**
 * The newsletter's delivery worker: claims due deliveries batch by batch and sends them, then
 * closes the issues that are done. Safe to run in any number of processes at once. A crash after
 * the server took a message and before its row was marked can still send that one twice.
 */
export async function deliverNewsletter(
  ctx: AppContext,
  options: NewsletterWorkerOptions = {},
): Promise<NewsletterRun> {
  const transport = options.transport ?? openMailTransport(ctx.config)
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${newId()}`
  const limit = options.limit ?? ctx.config.mail.batchSize
  const run = emptyRun()
  try {
    for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
      const { stop } = await runBatch(ctx, transport, workerId, limit, run, options)
      run.finished += await finishIssues(ctx)
      await options.afterBatch?.()
      if (stop) break
    }
  } finally {
    if (options.transport === undefined) transport.close()
  }
  return run
}

/** The scheduled job's counts: what happened, no more. */
export async function deliverNewsletterJob(
  ctx: AppContext,
  signal: AbortSignal,
): Promise<Record<string, number>> {
  const run = await deliverNewsletter(ctx, { signal })
  return Object.fromEntries(Object.entries(run).filter(([, n]) => n > 0))
}
