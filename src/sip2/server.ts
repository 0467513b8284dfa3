import { readFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { createSecureContext, TLSSocket } from 'node:tls'
import type { AppContext } from '../context.js'
import { LineFramer, type FrameEvent } from './codec/framer.js'
import { SipSession } from './session.js'
import { unmappedAddress } from '../privacy/throttle.js'

export interface Sip2Server {
  port: number
  close(): Promise<void>
}

export interface Sip2ServerOptions {
  /** Overrides sip2.port (0 picks a free port). */
  port?: number
  /** Overrides sip2.idleTimeoutSeconds, in milliseconds (tests). */
  idleTimeoutMs?: number
  /** Overrides sip2.loginTimeoutSeconds, in milliseconds (tests). */
  loginTimeoutMs?: number
}

/** Lines read ahead of the one being answered before the socket is paused. */
const MAX_QUEUED = 8

/** What a connection counts against: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 one. */
export function addressKey(remoteAddress: string): string {
  return unmappedAddress(remoteAddress).toLowerCase()
}

/**
 * The SIP2 server: raw TCP (or TLS when a certificate and key are configured), one session per
 * connection, strict request/response in arrival order, and limits no single client can exhaust:
 * a global and a per-address connection limit (checked on accept, before any byte is read or a
 * TLS handshake starts), a login deadline when login is required, and an idle deadline that only
 * a complete message resets (bytes trickling in without a CR keep nothing alive). Both deadlines
 * run from the TCP accept, so a stalled TLS handshake is bounded by them too.
 */
export async function startSip2Server(
  ctx: AppContext,
  options: Sip2ServerOptions = {},
): Promise<Sip2Server> {
  const config = ctx.config.sip2
  const log = ctx.logger.child({ component: 'sip2' })
  const idleMs = options.idleTimeoutMs ?? config.idleTimeoutSeconds * 1000
  const loginMs = options.loginTimeoutMs ?? config.loginTimeoutSeconds * 1000
  const perAddressLimit = config.maxConnectionsPerAddress
  const tls = config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
  const secureContext = tls
    ? createSecureContext({
        cert: readFileSync(config.tlsCertFile ?? ''),
        key: readFileSync(config.tlsKeyFile ?? ''),
      })
    : undefined
  /** Ends a connection (both sockets under TLS); one per open connection. */
  const connections = new Set<() => void>()
  const inFlight = new Set<Promise<void>>()
  /** Open connections per remote address (see addressKey). */
  const perAddress = new Map<string, number>()

  /** Counts the connection against its address, or refuses it (false) when that is full. */
  const admit = (raw: Socket): boolean => {
    if (raw.remoteAddress === undefined) return false // already gone
    const key = addressKey(raw.remoteAddress)
    const open = perAddress.get(key) ?? 0
    if (open >= perAddressLimit) {
      // No client address in the logs (P6), as for HTTP: the count says enough.
      log.warn(
        { limit: perAddressLimit, open },
        'SIP2 connection refused: too many connections from one address',
      )
      return false
    }
    perAddress.set(key, open + 1)
    raw.once('close', () => {
      const left = (perAddress.get(key) ?? 1) - 1
      if (left > 0) perAddress.set(key, left)
      else perAddress.delete(key)
    })
    return true
  }

  const onConnection = (raw: Socket) => {
    if (!admit(raw)) {
      raw.destroy()
      return
    }
    raw.setNoDelay(true)
    const socket: Socket =
      secureContext === undefined ? raw : new TLSSocket(raw, { isServer: true, secureContext })
    const end = () => {
      socket.destroy()
      raw.destroy()
    }
    const onError = (err: Error) => {
      log.debug({ err }, 'SIP2 connection error')
      end()
    }
    raw.on('error', onError)
    if (socket !== raw) socket.on('error', onError)

    const session = new SipSession(ctx, {
      requireLogin: config.requireLogin,
      address: raw.remoteAddress,
    })
    const expire = (reason: string) => {
      log.debug({ reason }, 'SIP2 connection closed by its deadline')
      end()
    }
    // Reset (refresh) by each complete message only; see the 'data' handler.
    const idle = setTimeout(() => expire('idle'), idleMs).unref()
    const login = config.requireLogin
      ? setTimeout(() => {
          if (!session.loggedIn) expire('login')
        }, loginMs).unref()
      : undefined
    connections.add(end)
    raw.once('close', () => {
      clearTimeout(idle)
      clearTimeout(login)
      connections.delete(end)
    })

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
        if (event.kind === 'line') idle.refresh()
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

  const server = createServer(onConnection)
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
      for (const end of connections) end()
      // Requests already being answered finish before the caller closes the stores.
      await Promise.allSettled([...inFlight])
      await closed
    },
  }
}
