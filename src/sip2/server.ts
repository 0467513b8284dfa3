import { createServer, type Server, type Socket } from 'node:net'
import type { AppContext } from '../context.js'
import type { Logger } from '../logger.js'
import { AddressLimit } from './admission.js'
import {
  connectionSettings,
  OpenConnections,
  serveConnection,
  type DeadlineOverrides,
} from './connection.js'

export { addressKey } from './admission.js'

export interface Sip2Server {
  port: number
  close(): Promise<void>
}

export interface Sip2ServerOptions extends DeadlineOverrides {
  /** Overrides sip2.port (0 picks a free port). */
  port?: number
}

/**
 * The SIP2 server in one process: raw TCP (or TLS when a certificate and key are configured),
 * one session per connection (src/sip2/connection.ts), and limits no single client can exhaust:
 * a global and a per-address connection limit, checked on accept, before any byte is read or a
 * TLS handshake starts. src/sip2/worker-pool.ts keeps the same limits and hands connections to
 * worker processes instead.
 */
export async function startSip2Server(
  ctx: AppContext,
  options: Sip2ServerOptions = {},
): Promise<Sip2Server> {
  const config = ctx.config.sip2
  const log = ctx.logger.child({ component: 'sip2' })
  const settings = connectionSettings(ctx, options)
  const open = new OpenConnections()
  const addresses = new AddressLimit(config.maxConnectionsPerAddress, log)

  const server = createServer((raw: Socket) => {
    const key = addresses.admit(raw.remoteAddress)
    if (key === undefined) {
      raw.destroy()
      return
    }
    raw.once('close', () => addresses.release(key))
    serveConnection(ctx, raw, settings, open, log)
  })
  // Node refuses connections past the limit before they reach us (for TLS, before the handshake).
  server.maxConnections = config.maxConnections
  server.on('drop', () =>
    log.warn({ limit: config.maxConnections }, 'SIP2 connection refused: too many connections'),
  )
  const port = await listenSip2(server, ctx, options.port, log)

  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Requests already being answered finish before the caller closes the stores.
      await open.closeAll()
      await closed
    },
  }
}

/** Listens on sip2.host and the given (or configured) port; the port it got. */
export async function listenSip2(
  server: Server,
  ctx: AppContext,
  port: number | undefined,
  log: Logger,
  note: Record<string, unknown> = {},
): Promise<number> {
  const config = ctx.config.sip2
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: port ?? config.port, host: config.host }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (err) => log.error({ err }, 'SIP2 server error'))
  const address = server.address()
  const bound = typeof address === 'object' && address !== null ? address.port : config.port
  const tls = config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
  log.info({ port: bound, tls, ...note }, 'SIP2 server listening')
  return bound
}
