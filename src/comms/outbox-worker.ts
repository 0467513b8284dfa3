import { hostname } from 'node:os'
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'
import { realClock } from '../clock.js'
import type { AppContext } from '../context.js'
import { lockRowsSkipLocked } from '../db/dialect.js'
import type { RecordsDb } from '../db/schema.js'
import { DEFAULT_LOCALE, isLocale } from '../i18n/catalog.js'
import { newId } from '../ids.js'
import { localDate } from '../library/calendar.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { noticeEnabled } from './notice-types.js'
import { noticeFacts } from './notice-titles.js'
import { DeliveryFailure, openMailTransport, type MailTransport } from './mail-transport.js'
import type { NoticeOutboxTable, NoticeStatus } from './outbox.tables.js'
import {
  defaultRenderers,
  renderInput,
  type PatronContact,
  type Rendered,
  type RendererRegistry,
} from './renderers.js'

type NoticeRow = Selectable<NoticeOutboxTable>

/** Places where a test can stop a worker part-way, to interleave two of them deterministically. */
export interface WorkerPauses {
  /** The claim is made but not yet committed (its rows are locked on PostgreSQL). */
  claimedUncommitted?(ids: string[]): Promise<void>
  /** Before the worker re-checks that it still holds a notice and hands it over. */
  beforeSend?(id: string): Promise<void>
}

export interface WorkerOptions {
  /** Where messages go; opened from the configuration (SMTP or the maildrop) when not given. */
  transport?: MailTransport
  renderers?: RendererRegistry
  /** Names this worker's claims; unique per run unless given. */
  workerId?: string
  /** Notices per claim (default `mail.batchSize`). */
  limit?: number
  /** Claims per run at most, so one run ends even while new notices keep coming. */
  maxBatches?: number
  signal?: AbortSignal
  pauses?: WorkerPauses
}

export interface WorkerRun {
  claimed: number
  sent: number
  maildrop: number
  retried: number
  failed: number
  print: number
  skipped: number
  /** Claimed, then found taken over by another worker (this one's lease had run out): not sent. */
  lost: number
}

const emptyRun = (): WorkerRun => ({
  claimed: 0,
  sent: 0,
  maildrop: 0,
  retried: 0,
  failed: 0,
  print: 0,
  skipped: 0,
  lost: 0,
})

/** Due to be claimed: queued and its wait over, or claimed by a worker whose lease ran out. */
function claimable(now: string) {
  return (eb: ExpressionBuilder<RecordsDb, 'notice_outbox'>) =>
    eb.or([
      eb.and([
        eb('status', '=', 'queued'),
        eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ])
}

/**
 * Claims up to `limit` due notices for `workerId`, in one conditional UPDATE that the database
 * decides: on PostgreSQL the candidate rows are locked with `for update skip locked`, so two
 * workers take different rows, and the condition is checked again on the row as it stands when
 * the update reaches it; on SQLite the one statement runs alone. A row claimed by one worker is
 * not claimable by another until that worker's lease has run out.
 */
export async function claimNotices(
  ctx: Pick<AppContext, 'db' | 'engine' | 'clock' | 'config'>,
  workerId: string,
  kinds: readonly string[],
  limit: number,
  pauses: WorkerPauses = {},
): Promise<NoticeRow[]> {
  if (kinds.length === 0) return []
  const now = realClock(ctx.clock).now()
  const at = now.toISOString()
  const until = new Date(now.getTime() + ctx.config.mail.leaseSeconds * 1000).toISOString()
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('notice_outbox')
      .set({ status: 'sending', claimed_by: workerId, lease_until: until })
      .where('id', 'in', (eb) =>
        lockRowsSkipLocked(
          eb
            .selectFrom('notice_outbox')
            .select('id')
            .where(claimable(at))
            .where('kind', 'in', kinds)
            .orderBy('created_at')
            .limit(limit),
          ctx.engine,
        ),
      )
      .where(claimable(at))
      .returningAll()
      .execute()
    await pauses.claimedUncommitted?.(rows.map((r) => r.id))
    return rows.sort((a, b) => a.created_at.localeCompare(b.created_at))
  })
}

/**
 * Re-takes the lease on one claimed notice right before it is sent and counts the attempt; false
 * when it is no longer this worker's (another took it over after this worker's lease ran out).
 */
async function holdForSending(ctx: AppContext, workerId: string, id: string): Promise<boolean> {
  const now = realClock(ctx.clock).now()
  const res = await ctx.db
    .updateTable('notice_outbox')
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

/**
 * Ends a notice: sent, written to the maildrop, failed for good or skipped. What stays is kind,
 * local day and outcome (P10, design §5 Linkability): the payload is removed, the queued time is
 * cut to the day, and no lease, claim or retry time is left.
 */
async function finish(
  ctx: AppContext,
  workerId: string,
  row: NoticeRow,
  status: Extract<NoticeStatus, 'sent' | 'maildrop' | 'failed' | 'skipped'>,
  failure: string | null = null,
): Promise<boolean> {
  const tz = ctx.config.library.timezone
  const res = await ctx.db
    .updateTable('notice_outbox')
    .set({
      status,
      payload: null,
      created_at: localDate(new Date(row.created_at), tz),
      sent_at: status === 'sent' || status === 'maildrop' ? localDate(ctx.clock.now(), tz) : null,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: null,
      failure,
    })
    .where('id', '=', row.id)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Puts a claimed notice back in the queue, to be tried at `next` (or at once). */
async function requeue(
  db: Kysely<RecordsDb>,
  workerId: string,
  ids: readonly string[],
  next: string | null,
  status: 'queued' | 'print' = 'queued',
  failure: string | null = null,
): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('notice_outbox')
    .set({ status, claimed_by: null, lease_until: null, next_attempt_at: next, failure })
    .where('id', 'in', ids)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .execute()
}

/** The wait before the next try after `attempts` tries: doubling from `mail.retryMinutes`, capped. */
export function backoffMinutes(config: AppContext['config'], attempts: number): number {
  const doubled = config.mail.retryMinutes * 2 ** Math.max(0, Math.min(attempts - 1, 30))
  return Math.min(doubled, config.mail.maxRetryMinutes)
}

/** The patrons of a batch, decrypted here and nowhere else: address, first name, choices. */
async function contactsOf(ctx: AppContext, patronIds: string[]) {
  const unique = [...new Set(patronIds)]
  const rows =
    unique.length === 0
      ? []
      : await ctx.db.selectFrom('patrons').selectAll().where('id', 'in', unique).execute()
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, unique)
  const out = new Map<string, { contact: PatronContact; language: string | null }>()
  for (const row of rows) {
    if (row.status !== 'active') continue
    const cipher = ciphers.get(row.id)
    if (cipher === undefined) continue
    const record = openPatronRow(row, cipher)
    out.set(row.id, {
      contact: {
        patronId: row.id,
        email: record.email,
        givenName: record.givenName,
        wantsNotices: record.notify.notices,
        wantsTitles: record.noticeTitles,
        declined: record.noticesDeclined,
        wantsPolicyChanges: record.notify.policyChanges,
      },
      language: record.language,
    })
  }
  return out
}

/**
 * One batch: claim, render each notice in its patron's language, hand it over, and record the
 * outcome. A temporary refusal (4xx, no connection) puts the notice back with a longer wait each
 * time; a 5xx reply, or the last allowed attempt, fails it for good with the reason. Nothing is
 * handed over unless the worker still holds the notice at that moment, so a worker that lost its
 * lease does not send what another has taken over. (A crash after the server accepted a message
 * and before its row was marked can still send that one message twice: SMTP has no way to ask.)
 */
async function runBatch(
  ctx: AppContext,
  transport: MailTransport,
  renderers: RendererRegistry,
  workerId: string,
  limit: number,
  run: WorkerRun,
  options: WorkerOptions,
): Promise<{ claimed: number; stop: boolean }> {
  const rows = await claimNotices(ctx, workerId, renderers.kinds(), limit, options.pauses)
  run.claimed += rows.length
  if (rows.length === 0) return { claimed: 0, stop: true }
  const contacts = await contactsOf(
    ctx,
    rows.map((r) => r.patron_id),
  )
  const branches = new Map(
    (await ctx.db.selectFrom('branches').select(['code', 'name']).execute()).map((b) => [
      b.code,
      b.name,
    ]),
  )
  const tz = ctx.config.library.timezone
  for (const [index, row] of rows.entries()) {
    if (options.signal?.aborted === true) {
      await requeue(
        ctx.db,
        workerId,
        rows.slice(index).map((r) => r.id),
        null,
      )
      return { claimed: rows.length, stop: true }
    }
    const found = contacts.get(row.patron_id)
    const renderer = renderers.get(row.kind)
    const facts =
      found === undefined ? undefined : await noticeFacts(ctx.db, row, found.contact.wantsTitles)
    let rendered: Rendered
    if (found === undefined || renderer === undefined) {
      rendered = { outcome: 'skip', reason: 'The patron’s record is no longer there to send to.' }
    } else if (facts?.stale !== undefined) {
      rendered = { outcome: 'skip', reason: facts.stale }
    } else {
      const locale = isLocale(found.language) ? found.language : DEFAULT_LOCALE
      rendered = renderer(
        renderInput(
          {
            kind: row.kind,
            payload: JSON.parse(row.payload ?? '{}') as Record<string, unknown>,
            contact: found.contact,
            locale,
            library: {
              name: ctx.config.library.name,
              branchName: (code) => branches.get(code) ?? code,
            },
            enabled: noticeEnabled(ctx.config, row.kind),
            titles: facts?.titles ?? [],
            ...(facts?.amountCents === undefined ? {} : { amountCents: facts.amountCents }),
            accountUrl: ctx.config.notices.accountUrl,
            today: localDate(ctx.clock.now(), tz),
          },
          tz,
        ),
      )
    }
    if (rendered.outcome === 'print') {
      // Left, payload and all, for a printed letter.
      await requeue(ctx.db, workerId, [row.id], null, 'print')
      run.print += 1
      continue
    }
    if (rendered.outcome === 'skip') {
      if (await finish(ctx, workerId, row, 'skipped', rendered.reason)) run.skipped += 1
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
          to: found?.contact.email ?? '',
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          language: isLocale(found?.language)
            ? (found?.language ?? DEFAULT_LOCALE)
            : DEFAULT_LOCALE,
        },
        { day: localDate(ctx.clock.now(), tz), patronId: row.patron_id, noticeId: row.id },
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
        await requeue(ctx.db, workerId, [row.id], next, 'queued', failure.reason)
        run.retried += 1
      }
      if (failure.stopRun) {
        ctx.logger.warn(
          { target: transport.target, reason: failure.reason },
          'mail server unavailable; the rest of the batch waits for the next run',
        )
        await requeue(
          ctx.db,
          workerId,
          rows.slice(index + 1).map((r) => r.id),
          null,
        )
        return { claimed: rows.length, stop: true }
      }
      continue
    }
    const status = transport.mode === 'smtp' ? 'sent' : 'maildrop'
    if (await finish(ctx, workerId, row, status)) run[status] += 1
  }
  return { claimed: rows.length, stop: rows.length < limit }
}

/**
 * The outbox worker: claims due notices batch by batch and delivers them, until none is due (or
 * `maxBatches`). Safe to run in any number of processes at once.
 */
export async function deliverNotices(
  ctx: AppContext,
  options: WorkerOptions = {},
): Promise<WorkerRun> {
  const transport = options.transport ?? openMailTransport(ctx.config)
  const renderers = options.renderers ?? defaultRenderers()
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${newId()}`
  const limit = options.limit ?? ctx.config.mail.batchSize
  const run = emptyRun()
  try {
    for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
      const { stop } = await runBatch(ctx, transport, renderers, workerId, limit, run, options)
      if (stop) break
    }
  } finally {
    if (options.transport === undefined) transport.close()
  }
  return run
}

/** The scheduled job's counts: what happened, no more. */
export async function deliverNoticesJob(
  ctx: AppContext,
  signal: AbortSignal,
): Promise<Record<string, number>> {
  const run = await deliverNotices(ctx, { signal })
  return Object.fromEntries(Object.entries(run).filter(([, n]) => n > 0))
}
