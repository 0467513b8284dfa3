// Notices rendered and handed to a local SMTP server, beside nodemailer sending the same number
// of pre-rendered messages to the same server over one pooled connection.
//   BENCH_ENGINES=sqlite,postgres  BENCH_NOTICES=2000  BENCH_NOTICE_ROUNDS=5
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg } from 'node:os'
import { createTransport } from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { SYSTEM_ACTOR } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import { openMailTransport } from '../src/comms/mail-transport.js'
import { deliverNotices } from '../src/comms/outbox-worker.js'
import {
  defaultRenderers,
  renderInput,
  type PatronContact,
  type Rendered,
} from '../src/comms/renderers.js'
import { newId } from '../src/ids.js'
import { localDate } from '../src/library/calendar.js'
import { registerPatron } from '../src/patrons/patron.service.js'
import { setOwnLanguage } from '../src/patrons/self-service.js'
import { findPgBinDir, startPgCluster } from '../test/harness/postgres-cluster.js'
import { patronInput } from '../test/harness/factories.js'
import { postgresEngine, sqliteEngine, type BenchEngine } from './engines.js'
import { median, rate, table } from './harness.js'

export const NOTICES_NAME = 'notices rendered and handed to SMTP'

const env = process.env
const NOTICES = Number(env.BENCH_NOTICES ?? 2000)
const ROUNDS = Number(env.BENCH_NOTICE_ROUNDS ?? 5)
/** Patrons the notices go to, each with an email address; half read Spanish. */
const PATRONS = 200

/** A local SMTP server that accepts every message and keeps nothing but the count. */
async function startSink() {
  let accepted = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted += 1
        callback()
      })
      stream.resume()
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    get accepted() {
      return accepted
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface Recipient {
  id: string
  email: string
  givenName: string
  language: 'en' | 'es'
}

async function seedRecipients(ctx: AppContext): Promise<Recipient[]> {
  const out: Recipient[] = []
  for (let i = 0; i < PATRONS; i++) {
    const input = patronInput({ notify: { notices: true, newsletter: false, policyChanges: true } })
    const language = i % 2 === 0 ? 'en' : 'es'
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: {} })
    await setOwnLanguage(ctx, { type: 'patron', id: view.id }, { language })
    out.push({ id: view.id, email: input.email ?? '', givenName: input.givenName, language })
  }
  return out
}

/** The notice mix: kind and payload of the n-th notice (no titles, so no loan look-ups). */
function noticeOf(n: number, today: string): { kind: string; payload: Record<string, unknown> } {
  switch (n % 4) {
    case 0:
      return {
        kind: 'hold_ready',
        payload: { pickupCode: `B${String(n).padStart(5, '0')}`, branch: 'main', expiresOn: today },
      }
    case 1:
      return { kind: 'courtesy', payload: { count: 1 + (n % 3), dueOn: today, loanIds: '' } }
    case 2:
      return { kind: 'card_expiring', payload: { expiresOn: today } }
    default:
      return { kind: 'pin_changed', payload: { on: today } }
  }
}

async function queue(ctx: AppContext, people: Recipient[], today: string): Promise<void> {
  const at = new Date().toISOString()
  const rows = Array.from({ length: NOTICES }, (_, n) => {
    const { kind, payload } = noticeOf(n, today)
    return {
      id: newId(),
      patron_id: people[n % people.length]!.id,
      kind,
      payload: JSON.stringify(payload),
      created_at: at,
      sent_at: null,
    }
  })
  for (let i = 0; i < rows.length; i += 500)
    await ctx.db
      .insertInto('notice_outbox')
      .values(rows.slice(i, i + 500))
      .execute()
}

/** The same notices rendered once, up front, by Carrel's own renderers: the raw side sends these. */
function prerender(ctx: AppContext, people: Recipient[], today: string) {
  const renderers = defaultRenderers()
  const tz = ctx.config.library.timezone
  return Array.from({ length: NOTICES }, (_, n) => {
    const { kind, payload } = noticeOf(n, today)
    const p = people[n % people.length]!
    const contact: PatronContact = {
      patronId: p.id,
      email: p.email,
      givenName: p.givenName,
      wantsNotices: true,
      wantsTitles: false,
      declined: [],
      wantsPolicyChanges: true,
    }
    const r: Rendered = renderers.get(kind)!(
      renderInput(
        {
          kind,
          payload,
          contact,
          locale: p.language,
          library: { name: ctx.config.library.name, branchName: () => 'Main' },
          titles: [],
          accountUrl: ctx.config.notices.accountUrl,
          today,
        },
        tz,
      ),
    )
    if (r.outcome !== 'mail') throw new Error(`bench notice ${n} did not render: ${r.outcome}`)
    return {
      from: ctx.config.mail.from,
      to: p.email,
      subject: r.subject,
      text: r.text,
      html: r.html,
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': p.language },
    }
  })
}

interface Row {
  carrel: number
  raw: number
  ratio: number
  spread: number
}

async function benchEngine(bench: BenchEngine): Promise<Row> {
  const { ctx } = bench
  const sink = await startSink()
  const url = `smtp://127.0.0.1:${sink.port}`
  // Carrel's own SMTP transport (pooled, one connection), pointed at the sink.
  const transport = openMailTransport({ ...ctx.config, mail: { ...ctx.config.mail, smtpUrl: url } })
  const raw = createTransport({
    pool: true,
    maxConnections: 1,
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    logger: false,
  })
  try {
    progress(`${bench.engine}: registering ${PATRONS} patrons to write to`)
    const people = await seedRecipients(ctx)
    const today = localDate(new Date(), ctx.config.library.timezone)
    const messages = prerender(ctx, people, today)
    const maxBatches = Math.ceil(NOTICES / ctx.config.mail.batchSize) + 1

    const carrelRound = async () => {
      await ctx.db.deleteFrom('notice_outbox').execute()
      await queue(ctx, people, today)
      const before = sink.accepted
      const start = performance.now()
      const run = await deliverNotices(ctx, { transport, maxBatches })
      const seconds = (performance.now() - start) / 1000
      if (run.sent !== NOTICES || sink.accepted - before !== NOTICES)
        throw new Error(
          `Carrel sent ${run.sent} of ${NOTICES} (server took ${sink.accepted - before})`,
        )
      return NOTICES / seconds
    }
    const rawRound = async () => {
      const before = sink.accepted
      const start = performance.now()
      for (const m of messages) await raw.sendMail(m)
      const seconds = (performance.now() - start) / 1000
      if (sink.accepted - before !== NOTICES)
        throw new Error(`raw sent ${sink.accepted - before} of ${NOTICES}`)
      return NOTICES / seconds
    }

    progress(`${bench.engine}: warm-up`)
    await carrelRound()
    await rawRound()
    const samples = { carrel: [] as number[], raw: [] as number[] }
    for (let r = 0; r < ROUNDS; r++) {
      progress(`${bench.engine}: round ${r + 1} of ${ROUNDS}`)
      if (r % 2 === 0) {
        samples.carrel.push(await carrelRound())
        samples.raw.push(await rawRound())
      } else {
        samples.raw.push(await rawRound())
        samples.carrel.push(await carrelRound())
      }
    }
    await ctx.db.deleteFrom('notice_outbox').execute()
    const spread = Math.max(
      ...(['carrel', 'raw'] as const).map(
        (k) => (Math.max(...samples[k]) - Math.min(...samples[k])) / median(samples[k]),
      ),
    )
    return {
      carrel: median(samples.carrel),
      raw: median(samples.raw),
      ratio: median(samples.carrel.map((v, i) => v / (samples.raw[i] ?? NaN))),
      spread,
    }
  } finally {
    transport.close()
    raw.close()
    await sink.close()
  }
}

const progress = (message: string) => process.stderr.write(`  … ${message}\n`)
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`

/** Prints its own table per engine: notices per second through Carrel beside raw nodemailer. */
export async function runNoticesBench(): Promise<void> {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim())
  console.log(`
Notices: ${NOTICES.toLocaleString('en-US')} rendered and handed to a local SMTP server (smtp-server on 127.0.0.1, accepting everything)
  Carrel  deliverNotices(ctx) with Carrel's SMTP transport (nodemailer, pooled, one connection):
          claims of mail.batchSize, the patrons' data keys unwrapped and email, name and choices
          decrypted, each notice rendered (text + HTML, English or Spanish) and sent, then marked
          sent (payload removed, days only). A quarter each: hold ready, courtesy, card expiring,
          PIN changed; ${PATRONS} patrons, half reading Spanish; no titles.
  raw     nodemailer sendMail of the same messages, rendered before timing, one after another over
          one pooled connection to the same server.
  Rates: notices per second, median of ${ROUNDS} rounds (after one warm-up round each), each round
  queueing (not timed) and sending all ${NOTICES.toLocaleString('en-US')}; Carrel and raw run back to back, alternating
  order; the ratio is the median of the per-round ratios.`)
  const masterKey = randomBytes(32)
  let cluster: Awaited<ReturnType<typeof startPgCluster>> | undefined
  try {
    for (const engine of engines) {
      let bench: BenchEngine | undefined
      if (engine === 'sqlite') bench = await sqliteEngine(masterKey)
      else if (engine === 'postgres') {
        const binDir = findPgBinDir()
        if (binDir === undefined) {
          console.log('\nPostgreSQL: skipped (no server binaries; set CARREL_TEST_PG_BIN)')
          continue
        }
        cluster ??= await startPgCluster(binDir)
        bench = await postgresEngine(masterKey, cluster.server)
      } else throw new Error(`BENCH_ENGINES: unknown engine ${engine}`)
      try {
        const row = await benchEngine(bench)
        console.log(`\n${bench.version}; ${load()}`)
        console.log(
          table(
            ['workload', 'Carrel/s', 'raw/s', 'Carrel÷raw', 'spread'],
            [
              [
                NOTICES_NAME,
                rate(row.carrel),
                rate(row.raw),
                row.ratio.toFixed(2),
                `${Math.round(row.spread * 100)}%`,
              ],
            ],
          ),
        )
      } finally {
        await bench.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
}
