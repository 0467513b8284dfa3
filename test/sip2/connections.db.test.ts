import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { addressKey, startSip2Server, type Sip2Server } from '../../src/sip2/server.js'
import { describeEngines } from '../harness/engines.js'
import { sealed, SipClient } from './sip-client.js'
import { SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

const STATUS = '9900302.00'
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** True when the connection is closed within `ms`. */
async function closedWithin(closed: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))
  const result = await Promise.race([closed.then(() => true), late])
  clearTimeout(timer)
  return result
}

/** The answer to a 99, or undefined when the server closes the connection instead. */
async function status(c: SipClient): Promise<string | undefined> {
  return Promise.race([c.send(STATUS), c.closed.then(() => undefined)])
}

/** A raw connection from a chosen local address (127.0.0.0/8 is all loopback on Linux). */
function connectFrom(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Sends a 99 on a raw socket: the first answer line, or undefined when it is closed instead. */
function rawStatus(socket: Socket): Promise<string | undefined> {
  return new Promise((resolve) => {
    let got = ''
    const onData = (d: Buffer) => {
      got += d.toString('latin1')
      const end = got.indexOf('\r')
      if (end >= 0) {
        socket.off('data', onData)
        resolve(got.slice(0, end))
      }
    }
    socket.on('data', onData)
    socket.once('close', () => resolve(undefined))
    socket.on('error', () => undefined)
    socket.write(`${STATUS}\r`)
  })
}

/**
 * Writes one byte of a message that never ends (no CR) every `everyMs` until the server closes
 * the connection or `limitMs` pass: the time it took to be closed, or Infinity.
 */
async function trickle(c: SipClient, everyMs: number, limitMs: number): Promise<number> {
  const started = Date.now()
  let open = true
  void c.closed.then(() => (open = false))
  const bytes = Buffer.from(STATUS, 'latin1')
  for (let i = 0; open && Date.now() - started < limitMs; i++) {
    c.write(bytes.subarray(i % bytes.length, (i % bytes.length) + 1))
    await sleep(everyMs)
  }
  return open ? Infinity : Date.now() - started
}

describe('addressKey', () => {
  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(addressKey('::FFFF:10.1.2.3')).toBe('10.1.2.3')
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3')
    expect(addressKey('2001:DB8::1')).toBe('2001:db8::1')
    expect(addressKey('::1')).toBe('::1')
  })
})

describeEngines('SIP2 connection limits and deadlines', (env) => {
  let w: SipWorld
  const servers: Sip2Server[] = []
  const clients: SipClient[] = []
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    for (const s of servers) await s.close()
    await w.close()
  })

  const serve = async (ctx: AppContext, options: Parameters<typeof startSip2Server>[1]) => {
    const server = await startSip2Server(ctx, { port: 0, ...options })
    servers.push(server)
    return server
  }
  const client = async (server: Sip2Server) => {
    const c = await SipClient.connect(server.port)
    clients.push(c)
    return c
  }
  const logIn = async (c: SipClient) => {
    const account = await w.account()
    expect(await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '0')).toBe(
      sealed('941', '0'),
    )
  }

  it('closes a connection over the per-address cap at once; other addresses still connect; a freed slot is reused', async () => {
    const logged: string[] = []
    const ctx = await env().reopen({ sip2: { maxConnectionsPerAddress: 2 } })
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) })
    const server = await serve({ ...ctx, logger }, {})
    const a = await client(server)
    const b = await client(server)
    expect((await status(a))?.slice(0, 3)).toBe('98Y')
    expect((await status(b))?.slice(0, 3)).toBe('98Y')

    // The third from 127.0.0.1 is closed unanswered, long before any deadline (30 s, 600 s).
    const third = await client(server)
    third.write(`${STATUS}\r`)
    expect(await closedWithin(third.closed, 3000)).toBe(true)
    expect(await third.silence(0)).toEqual([])
    const refusal = logged.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(refusal).toEqual([
      expect.objectContaining({ level: 40, limit: 2, open: 2, component: 'sip2' }),
    ])
    expect(logged.join('')).not.toContain('127.0.0.1')

    // Another address has its own allowance, and the full one keeps its connections.
    const x = await connectFrom(server.port, '127.0.0.2')
    const y = await connectFrom(server.port, '127.0.0.2')
    try {
      expect((await rawStatus(x))?.slice(0, 3)).toBe('98Y')
      expect((await rawStatus(y))?.slice(0, 3)).toBe('98Y')
      const z = await connectFrom(server.port, '127.0.0.2')
      expect(await rawStatus(z)).toBeUndefined()
      expect((await status(b))?.slice(0, 3)).toBe('98Y')
    } finally {
      x.destroy()
      y.destroy()
    }

    // Hanging up frees the slot (the server sees the close a moment later).
    a.close()
    await a.closed
    let answer: string | undefined
    for (let i = 0; i < 40 && answer === undefined; i++) {
      const d = await client(server)
      answer = await status(d)
      if (answer === undefined) await sleep(25)
    }
    expect(answer?.slice(0, 3)).toBe('98Y')
  })

  it('closes a slow-loris client by the idle deadline: bytes without a CR reset nothing', async () => {
    const server = await serve(env().ctx, { idleTimeoutMs: 400 })
    const c = await client(server)
    await logIn(c)
    // One byte every 50 ms, far more often than the 400 ms idle deadline.
    const closedAfter = await trickle(c, 50, 4000)
    expect(closedAfter).toBeLessThan(2500)
  })

  it('closes a client that does not log in by the login deadline, whatever it sends', async () => {
    const server = await serve(env().ctx, { idleTimeoutMs: 20_000, loginTimeoutMs: 400 })
    // A 99 before login is answered, but keeps nothing alive; nor do trickled bytes.
    const loris = await client(server)
    expect((await status(loris))?.slice(0, 3)).toBe('98Y')
    const chatty = await client(server)
    const started = Date.now()
    const chattyClosed = (async () => {
      while (Date.now() - started < 4000) {
        chatty.write(`${STATUS}\r`)
        if (await closedWithin(chatty.closed, 100)) return Date.now() - started
      }
      return Infinity
    })()
    expect(await trickle(loris, 50, 4000)).toBeLessThan(2500)
    expect(await chattyClosed).toBeLessThan(2500)
    expect((await chatty.silence(0)).filter((l) => l.startsWith('98')).length).toBeGreaterThan(0)
  })

  it('does not close a client that logged in in time', async () => {
    const server = await serve(env().ctx, { idleTimeoutMs: 20_000, loginTimeoutMs: 800 })
    const c = await client(server)
    const started = Date.now()
    await logIn(c)
    await sleep(Math.max(0, 1600 - (Date.now() - started)))
    expect((await status(c))?.slice(0, 3)).toBe('98Y')
    expect(await closedWithin(c.closed, 0)).toBe(false)
  })

  it('keeps open a client whose complete messages come more often than the idle deadline', async () => {
    const server = await serve(env().ctx, { idleTimeoutMs: 400 })
    const c = await client(server)
    await logIn(c)
    // 1.6 s of messages 150 ms apart: four idle deadlines' worth.
    for (let i = 0; i < 10; i++) {
      await sleep(150)
      expect((await status(c))?.slice(0, 3)).toBe('98Y')
    }
    expect(await closedWithin(c.closed, 0)).toBe(false)
    // Silence after that is still closed in time.
    expect(await closedWithin(c.closed, 3000)).toBe(true)
  })

  it('applies no login deadline when login is not required', async () => {
    const ctx = await env().reopen({ sip2: { requireLogin: false } })
    const server = await serve(ctx, { idleTimeoutMs: 20_000, loginTimeoutMs: 200 })
    const c = await client(server)
    expect(await closedWithin(c.closed, 800)).toBe(false)
    expect((await status(c))?.slice(0, 3)).toBe('98Y')
  })

  it.skipIf(!hasOpenssl)(
    'over TLS: the cap applies before the handshake, a stalled handshake meets the login deadline, and login is served',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'carrel-sip-tls-'))
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')]
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-subj',
          '/CN=localhost',
          '-days',
          '1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      )
      try {
        const ctx = await env().reopen({
          sip2: { tlsCertFile: cert, tlsKeyFile: key, maxConnectionsPerAddress: 1 },
        })
        const server = await serve(ctx, { idleTimeoutMs: 20_000, loginTimeoutMs: 1000 })
        // A plain TCP connection that never starts the handshake holds the only slot...
        const stalled = await connectFrom(server.port, '127.0.0.3')
        const stalledClosed = new Promise<void>((r) => stalled.once('close', () => r()))
        stalled.on('error', () => undefined)
        // ...so a second one from that address is closed at once...
        const over = await connectFrom(server.port, '127.0.0.3')
        over.on('error', () => undefined)
        expect(
          await closedWithin(new Promise<void>((r) => over.once('close', () => r())), 300),
        ).toBe(true)
        // ...and the stalled one is closed by the login deadline.
        expect(await closedWithin(stalledClosed, 5000)).toBe(true)

        // A TLS client that logs in stays past the deadline.
        const account = await w.account()
        const socket = tlsConnect({
          socket: await connectFrom(server.port, '127.0.0.4'),
          rejectUnauthorized: false,
        })
        socket.on('error', () => undefined)
        const lines: string[] = []
        let buffer = ''
        socket.on('data', (d: Buffer) => {
          buffer += d.toString('latin1')
          for (let end = buffer.indexOf('\r'); end >= 0; end = buffer.indexOf('\r')) {
            lines.push(buffer.slice(0, end))
            buffer = buffer.slice(end + 1)
          }
        })
        const closed = new Promise<void>((r) => socket.once('close', () => r()))
        const started = Date.now()
        const answered = async (n: number) => {
          for (let i = 0; i < 200 && lines.length < n; i++) await sleep(25)
          return lines[n - 1]
        }
        socket.write(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|\r`)
        expect(await answered(1)).toBe('941')
        await sleep(Math.max(0, 1500 - (Date.now() - started)))
        socket.write(`${STATUS}\r`)
        expect((await answered(2))?.slice(0, 3)).toBe('98Y')
        expect(await closedWithin(closed, 0)).toBe(false)
        socket.destroy()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})
