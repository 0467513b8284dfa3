import { readFileSync } from 'node:fs'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import type { AppContext } from '../context.js'
import { LineFramer, type FrameEvent } from './codec/framer.js'
import { SipSession } from './session.js'

export interface Sip2Server {
  port: number
  close(): Promise<void>
}

export interface Sip2ServerOptions {
  /** Overrides sip2.port (0 picks a free port). */
  port?: number
  /** Overrides sip2.idleTimeoutSeconds, in milliseconds (tests). */
  idleTimeoutMs?: number
}

/** Lines read ahead of the one being answered before the socket is paused. */
const MAX_QUEUED = 8

/**
 * The SIP2 server: raw TCP (or TLS when a certificate and key are configured), one session per
 * connection, strict request/response in arrival order, an idle timeout and a connection limit.
 */
export async function startSip2Server(
  ctx: AppContext,
  options: Sip2ServerOptions = {},
): Promise<Sip2Server> {
  const config = ctx.config.sip2
  const log = ctx.logger.child({ component: 'sip2' })
  const idleMs = options.idleTimeoutMs ?? config.idleTimeoutSeconds * 1000
  const sockets = new Set<Socket>()
  const inFlight = new Set<Promise<void>>()

  const onConnection = (socket: Socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.setTimeout(idleMs, () => socket.destroy())
    socket.on('error', (err) => {
      log.debug({ err }, 'SIP2 connection error')
      socket.destroy()
    })
    socket.on('close', () => sockets.delete(socket))

    const session = new SipSession(ctx, { requireLogin: config.requireLogin })
    const framer = new LineFramer(config.maxMessageBytes)
    let chain = Promise.resolve()
    let queued = 0
    const answer = async (event: FrameEvent) => {
      // Lines still queued when the terminal hangs up are not worth answering.
      if (socket.destroyed) return
      const out = event.kind === 'line' ? await session.handle(event.bytes) : session.oversized()
      if (out !== undefined && socket.writable) socket.write(out)
      if (session.closeRequested) socket.end()
    }
    socket.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        queued += 1
        if (queued > MAX_QUEUED) socket.pause()
        const step: Promise<void> = chain
          .then(() => answer(event))
          .catch((err: unknown) => log.error({ err }, 'SIP2 answer failed'))
          .finally(() => {
            queued -= 1
            inFlight.delete(step)
            if (queued <= MAX_QUEUED && socket.isPaused() && !socket.destroyed) socket.resume()
          })
        chain = step
        inFlight.add(step)
      }
    })
  }

  const tls = config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
  const server: Server = tls
    ? createTlsServer(
        {
          cert: readFileSync(config.tlsCertFile ?? ''),
          key: readFileSync(config.tlsKeyFile ?? ''),
        },
        onConnection,
      ).on('tlsClientError', (err) => log.debug({ err }, 'SIP2 TLS handshake failed'))
    : createTcpServer(onConnection)

  // Node refuses connections past the limit before they reach us (for TLS, before the handshake).
  server.maxConnections = config.maxConnections
  server.on('drop', () =>
    log.warn({ limit: config.maxConnections }, 'SIP2 connection refused: too many connections'),
  )

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: options.port ?? config.port, host: config.host }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (err) => log.error({ err }, 'SIP2 server error'))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  log.info({ port, tls }, 'SIP2 server listening')

  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      // Requests already being answered finish before the caller closes the stores.
      await Promise.allSettled([...inFlight])
      await closed
    },
  }
}
