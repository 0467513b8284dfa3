// Kiosks on server-sent events: many streams held open while the same kiosks send heartbeats,
// against Carrel's device API or a bare Fastify server that knows only the tokens.
import { createHash } from 'node:crypto'
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'

export interface Streams {
  /** Events each stream has received so far. */
  readonly events: number[]
  close(): void
}

const IDLE = JSON.stringify({ state: 'idle', messages: [] })

/** Opens one event stream per token and resolves once every stream has had its first event. */
export async function openStreams(port: number, path: string, tokens: string[]): Promise<Streams> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
  const events = tokens.map(() => 0)
  const responses: IncomingMessage[] = []
  const first = tokens.map(
    (token, i) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            agent,
            headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          },
          (res) => {
            if (res.statusCode !== 200) {
              reject(new Error(`event stream ${i}: HTTP ${res.statusCode}`))
              res.resume()
              return
            }
            responses.push(res)
            res.setEncoding('utf8')
            let pending = ''
            res.on('data', (chunk: string) => {
              pending += chunk
              const parts = pending.split('\n\n')
              pending = parts.pop() ?? ''
              // Comment lines (": keep-alive") are not events.
              events[i] = (events[i] ?? 0) + parts.filter((p) => /^(event|data):/m.test(p)).length
              if ((events[i] ?? 0) > 0) resolve()
            })
            res.on('error', () => undefined)
          },
        )
        req.on('error', reject)
        req.end()
      }),
  )
  await Promise.all(first)
  return {
    events,
    close: () => {
      for (const r of responses) r.destroy()
      agent.destroy()
    },
  }
}

/** Milliseconds from `trigger` until every stream has received at least one more event. */
export async function fanOut(streams: Streams, trigger: () => unknown): Promise<number> {
  const before = [...streams.events]
  const start = performance.now()
  await trigger()
  const deadline = start + 60_000
  while (streams.events.some((n, i) => n <= (before[i] ?? 0))) {
    if (performance.now() > deadline) throw new Error('fan-out: some streams heard nothing')
    await new Promise((r) => setTimeout(r, 1))
  }
  return performance.now() - start
}

/** Heartbeats (POST with the device token) per second, `concurrency` kiosks at a time. */
export async function heartbeats(
  port: number,
  path: string,
  tokens: string[],
  ms: number,
  concurrency: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  let next = 0
  let done = 0
  const post = (token: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`heartbeat: ${res.statusCode}`)),
          )
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
  const start = performance.now()
  const worker = async () => {
    while (performance.now() - start < ms) {
      await post(tokens[next++ % tokens.length] ?? '')
      done += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - start) / 1000
  agent.destroy()
  return done / seconds
}

const sha256 = (t: string) => createHash('sha256').update(t).digest('base64url')

/**
 * The baseline: Fastify with no plugins, an event stream and a heartbeat route that look the
 * token up (as a SHA-256, the way Carrel stores device credentials) and answer a fixed status.
 */
export async function bareServer(tokens: string[]) {
  const known = new Set(tokens.map(sha256))
  const open = new Set<ServerResponse>()
  const app = Fastify({ logger: false })
  const allowed = (header: string | undefined) =>
    header?.startsWith('Bearer ') === true && known.has(sha256(header.slice(7)))
  app.get('/events', (req, reply) => {
    if (!allowed(req.headers.authorization)) return reply.code(401).send()
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
    res.write(`event: status\ndata: ${IDLE}\n\n`)
    open.add(res)
    req.raw.on('close', () => open.delete(res))
  })
  app.post('/status', async (req, reply) => {
    if (!allowed(req.headers.authorization)) return reply.code(401).send()
    return JSON.parse(IDLE) as unknown
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    port: (app.server.address() as AddressInfo).port,
    broadcast: () => {
      for (const res of open) res.write(`event: status\ndata: ${IDLE}\n\n`)
    },
    close: () => app.close(),
  }
}
