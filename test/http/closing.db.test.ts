import { request, Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'

/** One POST on the agent's keep-alive connection: status, Connection header and body. */
function post(port: number, agent: Agent, path: string, body: unknown) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          port,
          host: '127.0.0.1',
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8').on('data', (d: string) => (text += d))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              connection: res.headers.connection,
              body: text,
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(JSON.stringify(body))
    },
  )
}

/**
 * Closing the web server (as `carrel serve` does on SIGTERM) answers the request under way and
 * tells its keep-alive client that the connection ends there: otherwise the close would wait for
 * the client to hang up, long after the shutdown grace.
 */
describeEngines('closing the web server', (env) => {
  it('answers a request under way with Connection: close and finishes closing at once', async () => {
    // A password hashed at a high cost: signing in takes long enough to close meanwhile.
    const slow = await env().reopen({ security: { argon2MemoryKiB: 65536, argon2TimeCost: 6 } })
    await staffActor(slow, 'librarian', 'closing-desk')
    const app = await buildHttpApp(env().ctx)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as AddressInfo).port
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 })
    try {
      // Kept alive: the connection stays open for the next request.
      const first = await post(port, agent, '/api/v1/auth/login', {
        username: 'nobody',
        password: 'x',
      })
      expect(first.connection).toBe('keep-alive')

      const login = post(port, agent, '/api/v1/auth/login', {
        username: 'closing-desk',
        password: STAFF_PASSWORD,
      })
      await new Promise((r) => setTimeout(r, 50))
      const t0 = performance.now()
      const closed = app.close().then(() => performance.now() - t0)
      const answer = await login
      expect(answer.status, answer.body).toBe(200)
      expect(answer.connection).toBe('close')
      // Fastify keeps idle keep-alive connections up to 72 s; closing did not wait for that.
      expect(await closed).toBeLessThan(5_000)
    } finally {
      agent.destroy()
      await app.close()
      await slow.close()
    }
  }, 30_000)
})
