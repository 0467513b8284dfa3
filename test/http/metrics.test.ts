import { connect, type Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterEach, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { newId } from '../../src/ids.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { startSip2Server } from '../../src/sip2/server.js'
import { startSip2Service } from '../../src/sip2/service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { call, signIn } from './http-harness.js'

const TOKEN = 'metrics-scraper-token-0123456789'
const PIN = '4826'
const SIP_PASSWORD = 'kiosk password 1'
const SIP_NOW = '20260115    040000'
const BLANK_DATE = ' '.repeat(18)

/** One SIP2 line out, one line back (no error detection: the session answers plainly). */
class Terminal {
  private buffer = ''
  private waiting: ((line: string) => void)[] = []

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      this.buffer += chunk
      for (let end = this.buffer.indexOf('\r'); end >= 0; end = this.buffer.indexOf('\r')) {
        const line = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 1)
        this.waiting.shift()?.(line)
      }
    })
  }

  static open(port: number): Promise<Terminal> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new Terminal(socket)))
      socket.once('error', reject)
    })
  }

  send(text: string): Promise<string> {
    const answer = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SIP2 answer in time')), 10_000)
      this.waiting.push((line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
    this.socket.write(`${text}\r`, 'latin1')
    return answer
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }
}

/** The value of one series (`name{labels}`) in a scrape, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

/** A scrape from the loopback address, as Prometheus on the same machine would make it. */
async function scrape(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  return res.payload
}

async function kioskAccount(ctx: AppContext): Promise<string> {
  const login = `kiosk-${newId().slice(0, 8)}`
  await createSipAccount(ctx, SYSTEM_ACTOR, {
    login,
    password: SIP_PASSWORD,
    institutionId: 'CARREL',
    location: 'main',
  })
  return login
}

describeEngines('http: /metrics', (env) => {
  const opened: { close(): Promise<unknown> }[] = []
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close()
  })
  const appFor = async (ctx: AppContext) => {
    const app = await buildHttpApp(ctx)
    opened.push(app)
    return app
  }

  it('counts a day’s work by route, command, job and outcome, and names no one', async () => {
    const ctx = await env().reopen()
    const app = await appFor(ctx)
    const lib = await setUpLibrary(ctx)
    const admin = await signIn(app, ctx, 'admin')
    const desk = await signIn(app, ctx, 'circulation')
    const { items } = await lib.title([{}, {}])
    const [first, second] = items.map((i) => i.barcode)
    const input = patronInput()
    const patron = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: { pin: PIN } })
    const card = patron.cards[0]?.barcode ?? ''

    // The desk lends one copy through the API, by barcodes.
    const lent = await call(app, {
      method: 'POST',
      url: '/api/v1/circulation/checkouts',
      token: desk.token,
      payload: { patronBarcode: card, itemBarcode: first, branch: 'main' },
    })
    expect(lent.status).toBe(201)
    // The patron's record, read by id and found by card: both carry identifiers in the URL.
    expect(
      (await call(app, { method: 'GET', url: `/api/v1/patrons/${patron.id}`, token: desk.token }))
        .status,
    ).toBe(200)
    expect(
      (await call(app, { method: 'GET', url: `/api/v1/patrons/nobody-${card}`, token: desk.token }))
        .status,
    ).toBe(404)
    // A self-check machine lends the other copy.
    const sip = await startSip2Server(ctx, { port: 0 })
    opened.push(sip)
    const kiosk = await Terminal.open(sip.port)
    const login = await kioskAccount(ctx)
    expect(await kiosk.send(`9300CN${login}|CO${SIP_PASSWORD}|CPmain|`)).toBe('941')
    const checkout = await kiosk.send(
      `11YN${SIP_NOW}${BLANK_DATE}AOCARREL|AA${card}|AB${second}|AC|AD${PIN}|`,
    )
    expect(checkout).toMatch(/^121/)
    await kiosk.close()
    // A job run by hand, and two notices waiting in the outbox.
    const job = await call(app, {
      method: 'POST',
      url: '/api/v1/jobs/hold-shelf-expiry/run',
      token: admin.token,
    })
    expect(job.status).toBe(200)
    for (const status of ['queued', 'failed'] as const)
      await ctx.db
        .insertInto('notice_outbox')
        .values({
          id: newId(),
          patron_id: patron.id,
          kind: 'courtesy',
          payload: status === 'queued' ? '{}' : null,
          created_at: ctx.clock.now().toISOString(),
          sent_at: null,
          status,
          next_attempt_at: null,
          claimed_by: null,
          lease_until: null,
          failure: null,
        })
        .execute()

    const text = await scrape(app)
    const http = (method: string, route: string, status: string) =>
      sample(
        text,
        `carrel_http_requests_total{method="${method}",route="${route}",status_class="${status}"}`,
      )
    expect(http('POST', '/api/v1/circulation/checkouts', '2xx')).toBe(1)
    expect(http('GET', '/api/v1/patrons/:id', '2xx')).toBe(1)
    expect(http('GET', '/api/v1/patrons/:id', '4xx')).toBe(1)
    expect(http('POST', '/api/v1/auth/login', '2xx')).toBe(2)
    expect(
      sample(
        text,
        'carrel_http_request_duration_seconds_count{method="POST",route="/api/v1/circulation/checkouts",status_class="2xx"}',
      ),
    ).toBe(1)
    expect(sample(text, 'carrel_sip2_sessions_total')).toBe(1)
    expect(sample(text, 'carrel_sip2_sessions_open')).toBe(0)
    expect(sample(text, 'carrel_sip2_message_duration_seconds_count{command="93"}')).toBe(1)
    expect(sample(text, 'carrel_sip2_message_duration_seconds_count{command="11"}')).toBe(1)
    expect(
      sample(text, 'carrel_job_duration_seconds_count{job="hold-shelf-expiry",outcome="ok"}'),
    ).toBe(1)
    expect(sample(text, 'carrel_notice_outbox{status="queued"}')).toBe(1)
    expect(sample(text, 'carrel_notice_outbox{status="sending"}')).toBe(0)
    expect(sample(text, 'carrel_notice_outbox{status="failed"}')).toBe(1)
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m)

    // Counts and timings only: nobody the day touched is named anywhere in the answer.
    const identifiers = [
      patron.id,
      card,
      first,
      second,
      admin.staffId,
      admin.username,
      desk.staffId,
      desk.username,
      login,
      input.familyName,
      input.givenName,
    ]
    for (const id of identifiers) expect(text, id).not.toContain(id)
    // Every label value is a method, a route pattern, a status class, a command code, a job, an
    // outcome or an outbox state.
    const labelValues = [...text.matchAll(/\b(\w+)="([^"]*)"/g)].map(([, name = '', value]) => [
      name,
      value,
    ])
    for (const [name, value] of labelValues) {
      if (name === 'route') expect(value).toMatch(/^(\/[\w:.*-]*)+$|^\(unmatched\)$/)
      else if (name === 'command') expect(value).toMatch(/^(\d\d|unknown|invalid)$/)
    }
  })

  it('answers only loopback by default; any other address gets the not-found page', async () => {
    const app = await appFor(env().ctx)
    expect(
      (await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode,
    ).toBe(200)
    const refused = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
    })
    const nowhere = await app.inject({
      method: 'GET',
      url: '/no-such-address',
      remoteAddress: '203.0.113.9',
    })
    expect(refused.statusCode).toBe(404)
    expect(refused.headers['content-type']).toBe(nowhere.headers['content-type'])
    // The very page an address that does not exist gets (which links to its Spanish twin).
    expect(refused.payload.replaceAll('/metrics', '/no-such-address')).toBe(nowhere.payload)
    expect(refused.payload).not.toContain('carrel_')
    // Without a token setting, no bearer opens it either.
    const guessed = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(guessed.statusCode).toBe(404)
  })

  it('takes the token from anywhere, compares it whole, and reads the client address through trusted proxies only', async () => {
    const ctx = await env().reopen({
      metrics: { allow: ['198.51.100.0/24'], token: TOKEN },
      http: { trustProxy: true },
    })
    const app = await appFor(ctx)
    const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers })
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

    expect((await from('203.0.113.9', bearer(TOKEN))).statusCode).toBe(200)
    expect((await from('203.0.113.9', bearer(`${TOKEN}x`))).statusCode).toBe(404)
    expect((await from('203.0.113.9', bearer(TOKEN.slice(0, -1)))).statusCode).toBe(404)
    expect((await from('203.0.113.9', { authorization: TOKEN })).statusCode).toBe(404)
    // The allowed range, directly and as the client a trusted proxy names.
    expect((await from('198.51.100.7')).statusCode).toBe(200)
    expect((await from('10.0.0.2', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(200)
    // Loopback is no longer listed: a proxy on this machine does not open it for its clients,
    // and a client cannot name an allowed address itself in front of the proxy's entry.
    expect((await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(404)
    expect(
      (await from('127.0.0.1', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' })).statusCode,
    ).toBe(404)
  })

  it('sums the SIP2 numbers of every worker process with its own', async () => {
    const ctx = await env().reopen()
    const app = await appFor(ctx)
    const login = await kioskAccount(ctx)
    const sip = await startSip2Service(ctx, { port: 0, workers: 2, masterKey: env().masterKey })
    opened.push(sip)
    const terminals = [await Terminal.open(sip.port), await Terminal.open(sip.port)]
    for (const t of terminals)
      expect(await t.send(`9300CN${login}|CO${SIP_PASSWORD}|CPmain|`)).toBe('941')
    const during = await scrape(app)
    expect(sample(during, 'carrel_sip2_sessions_open')).toBe(2)
    expect(sample(during, 'carrel_sip2_sessions_total')).toBe(2)
    expect(sample(during, 'carrel_sip2_message_duration_seconds_count{command="93"}')).toBe(2)
    for (const t of terminals) await t.close()
    await sip.close()
    opened.pop()
    // Once the workers are gone their numbers go with them; the serving process's stay.
    const after = await scrape(app)
    expect(sample(after, 'carrel_sip2_message_duration_seconds_count{command="93"}')).toBe(
      undefined,
    )
    expect(
      sample(after, 'carrel_http_requests_total{method="GET",route="/metrics",status_class="2xx"}'),
    ).toBe(1)
  })
})
