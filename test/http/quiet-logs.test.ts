import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { REDACT_PATHS } from '../../src/logger.js'
import { describeEngines } from '../harness/engines.js'
import { call } from './http-harness.js'

interface Line {
  level: number
  msg: string
  req?: { method: string; route: string }
  res?: { statusCode: number }
  responseTime?: number
}

/** The app with the context's logger writing to memory at `level`, as `carrel serve` builds it. */
async function appLoggingAt(
  base: AppContext,
  level: string,
): Promise<{ app: FastifyInstance; lines: Line[] }> {
  const lines: Line[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n'))
        if (text !== '') lines.push(JSON.parse(text) as Line)
      done()
    },
  })
  const logger = pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink)
  const app = await buildHttpApp({ ...base, logger }, { logger: true })
  // A route that fails the way a bug would, to see that errors still reach the log.
  app.get('/test-only/broken', () => {
    throw new Error('a bug in a handler')
  })
  return { app, lines }
}

/** Answers of every kind: a page, the API, a refusal, bad input, an unknown address. */
async function browse(app: FastifyInstance): Promise<number> {
  const calls = [
    { method: 'GET', url: '/healthz' },
    { method: 'GET', url: '/' },
    { method: 'GET', url: '/api/docs', headers: { accept: 'text/html' } },
    { method: 'GET', url: '/api/v1/staff/me' },
    { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody' } },
    { method: 'GET', url: '/no/such/page?email=someone%40example.org' },
  ] as const
  for (const c of calls) await call(app, { ...c })
  return calls.length
}

describeEngines('http: quiet request logs', (env) => {
  it('is quiet by default: no line per request at info, the level the configuration starts with', async () => {
    expect(loadConfig({ env: {} }).logLevel).toBe('info')
    const { app, lines } = await appLoggingAt(env().ctx, 'info')
    try {
      await browse(app)
      expect(lines).toEqual([])

      // An error is not a request line: it is written at the default level too.
      const broken = await call(app, { method: 'GET', url: '/test-only/broken' })
      expect(broken.status).toBe(500)
      expect(lines).toHaveLength(1)
      expect(lines[0]?.level).toBe(50)
      expect(lines[0]?.msg).toBe('request failed')
    } finally {
      await app.close()
    }
  })

  it('writes one readable line per request at debug level, naming the route and never the address', async () => {
    const { app, lines } = await appLoggingAt(env().ctx, 'debug')
    try {
      const count = await browse(app)
      const requestLines = lines.filter((l) => l.req !== undefined && l.res !== undefined)
      expect(requestLines).toHaveLength(count)
      expect(requestLines.every((l) => l.level === 20)).toBe(true)
      expect(requestLines.map((l) => l.msg.replace(/ \d+ ms$/, ' N ms'))).toEqual([
        'GET /healthz 200 N ms',
        'GET / 200 N ms',
        'GET /api/docs 200 N ms',
        'GET /api/v1/staff/me 401 N ms',
        'POST /api/v1/auth/login 400 N ms',
        'GET (no route) 404 N ms',
      ])
      for (const l of requestLines) expect(l.responseTime).toEqual(expect.any(Number))
      // Nothing but the one line per request (and Fastify's own "no such route" is ours too).
      const others = lines.filter((l) => !requestLines.includes(l))
      expect(others.map((l) => l.msg)).toEqual([])
      const text = JSON.stringify(lines)
      expect(text).not.toContain('someone')
      expect(text).not.toContain('/no/such/page')
      expect(text).not.toMatch(/incoming request|request completed|remoteAddress/)
    } finally {
      await app.close()
    }
  })
})
