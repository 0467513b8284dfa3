import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { updateSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { MAX_FAILED_LOGINS } from '../../src/sip2/session.js'
import { startSip2Server } from '../../src/sip2/server.js'
import { describeEngines } from '../harness/engines.js'
import { sealed, SipClient } from './sip-client.js'
import { NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

describeEngines('SIP2 robustness', (env) => {
  let w: SipWorld
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
  })
  afterAll(() => w.close())

  it('answers unknown (where the account asks), unreadable and oversized messages with 96, and carries on', async () => {
    const { c } = await w.loggedIn({ unknownCommands: 'resend' })
    expect(await c.send('XY123')).toBe('96')
    expect(await c.send('42', '1')).toBe('96AZFEF6')
    expect(await c.send('941')).toBe('96')
    expect(await c.send('99\u000003')).toBe('96')
    c.write(`99${'0'.repeat(5000)}\r`)
    expect(await c.next()).toBe('96')
    expect((await c.send('9900302.00')).slice(0, 3)).toBe('98Y')
  })

  it('answers a truncated message with its own refusal', async () => {
    const { c } = await w.loggedIn()
    expect(await c.send('11YN2026', '2')).toBe(
      sealed(
        `120NUN${NOW}AOCARREL|AA|AB|AJ|AH|AFThe message was malformed: the fixed field transactionDate is cut short.|BLN|`,
        '2',
      ),
    )
    expect(await c.send('63000', '3')).toContain('|AFThe message was malformed')
  })

  it('answers pipelined requests in order', async () => {
    const { c } = await w.loggedIn()
    c.write(`17${NOW}AOCARREL|AB3a|\r9900302.00\r35${NOW}AOCARREL|AA2|\r`)
    expect((await c.next()).slice(0, 2)).toBe('18')
    expect((await c.next()).slice(0, 2)).toBe('98')
    expect((await c.next()).slice(0, 2)).toBe('36')
  })

  it('random bytes on one connection never disturb another', async () => {
    const { c: noisy } = await w.loggedIn()
    const { c: calm } = await w.loggedIn()
    const p = await w.patron()
    for (let i = 0; i < 20; i++) {
      noisy.write(randomBytes(200 + i * 37))
      const line = await calm.send(
        `23000${NOW}AOCARREL|AA${p.barcode}|AC|AD${PIN}|`,
        String(i % 10),
      )
      expect(line).toContain('|BLY|CQY|')
    }
    noisy.write('\r9900302.00\r')
    expect(await noisy.silence(300)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^98Y/)]),
    )
  })

  it('closes a connection after too many failed logins, and an idle one', async () => {
    const c = await w.client()
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      expect(await c.send('9300CNnobody|COnothing at all|')).toBe('940')
    await c.closed
    const server = await startSip2Server(env().ctx, { port: 0, idleTimeoutMs: 200 })
    try {
      const idle = await SipClient.connect(server.port)
      expect((await idle.send('9900302.00')).slice(0, 3)).toBe('98Y')
      const started = Date.now()
      await idle.closed
      expect(Date.now() - started).toBeLessThan(3000)
    } finally {
      await server.close()
    }
  })

  it('refuses connections over the limit', async () => {
    const ctx = await env().reopen({ sip2: { maxConnections: 2 } })
    const server = await startSip2Server(ctx, { port: 0 })
    try {
      const a = await SipClient.connect(server.port)
      const b = await SipClient.connect(server.port)
      expect((await a.send('9900302.00')).slice(0, 2)).toBe('98')
      const c = await SipClient.connect(server.port)
      await c.closed
      expect((await b.send('9900302.00')).slice(0, 2)).toBe('98')
      a.close()
      await a.closed
      await new Promise((r) => setTimeout(r, 50))
      const d = await SipClient.connect(server.port)
      expect((await d.send('9900302.00')).slice(0, 2)).toBe('98')
      b.close()
      d.close()
    } finally {
      await server.close()
    }
  })

  it('stops serving an account as soon as it is switched off', async () => {
    const { c, account } = await w.loggedIn()
    expect((await c.send(`35${NOW}AOCARREL|AA2|`, '1')).slice(0, 3)).toBe('36Y')
    await updateSipAccount(env().ctx, SYSTEM_ACTOR, account.id, { active: false })
    expect(await c.send(`35${NOW}AOCARREL|AA2|`, '2')).toBe(
      sealed(`36N${NOW}AOCARREL|AA2|AFLog in (93) first.|`, '2'),
    )
    expect(await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|`, '3')).toBe(sealed('940', '3'))
  })

  it('without requireLogin, serves a terminal that never logs in as the oldest active account', async () => {
    const ctx = await env().reopen({ sip2: { requireLogin: false } })
    const server = await startSip2Server(ctx, { port: 0 })
    try {
      const c = await SipClient.connect(server.port)
      const p = await w.patron()
      const line = await c.send(`23000${NOW}AOCARREL|AA${p.barcode}|AC|AD${PIN}|`)
      expect(line).toContain('|BLY|CQY|')
      c.close()
    } finally {
      await server.close()
    }
  })

  it.skipIf(!hasOpenssl)(
    'serves SIP2 over TLS when a certificate and key are configured',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'carrel-sip-tls-'))
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')]
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
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
      const ctx = await env().reopen({ sip2: { tlsCertFile: cert, tlsKeyFile: key } })
      const server = await startSip2Server(ctx, { port: 0 })
      try {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = tlsConnect(
            { port: server.port, host: '127.0.0.1', rejectUnauthorized: false },
            () => socket.write('9900302.00\r'),
          )
          socket.on('data', (d: Buffer) => {
            resolve(d.toString('latin1'))
            socket.destroy()
          })
          socket.on('error', reject)
        })
        expect(answer.slice(0, 3)).toBe('98Y')
        expect(answer.endsWith('\r')).toBe(true)
      } finally {
        await server.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})
