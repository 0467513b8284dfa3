import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls'
import type { AppContext } from '../context.js'
import type { Logger } from '../logger.js'
import { LineFramer, type FrameEvent } from './codec/framer.js'
import { SipSession } from './session.js'

/** Lines read ahead of the one being answered before the socket is paused. */
const MAX_QUEUED = 8

/** How each connection is served: deadlines and, when configured, TLS. */
export interface ConnectionSettings {
  idleMs: number
  loginMs: number
  secureContext: SecureContext | undefined
}

export interface DeadlineOverrides {
  /** Overrides sip2.idleTimeoutSeconds, in milliseconds (tests). */
  idleTimeoutMs?: number
  /** Overrides sip2.loginTimeoutSeconds, in milliseconds (tests). */
  loginTimeoutMs?: number
}

export function connectionSettings(
  ctx: AppContext,
  options: DeadlineOverrides = {},
): ConnectionSettings {
  const config = ctx.config.sip2
  const tls = config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
  return {
    idleMs: options.idleTimeoutMs ?? config.idleTimeoutSeconds * 1000,
    loginMs: options.loginTimeoutMs ?? config.loginTimeoutSeconds * 1000,
    secureContext: tls
      ? createSecureContext({
          cert: readFileSync(config.tlsCertFile ?? ''),
          key: readFileSync(config.tlsKeyFile ?? ''),
        })
      : undefined,
  }
}

/** The connections one process serves, so that closing can end them and wait for their answers. */
export class OpenConnections {
  private readonly ends = new Set<() => void>()
  private readonly inFlight = new Set<Promise<void>>()

  get size(): number {
    return this.ends.size
  }

  add(end: () => void): void {
    this.ends.add(end)
  }

  delete(end: () => void): void {
    this.ends.delete(end)
  }

  track(step: Promise<void>): void {
    this.inFlight.add(step)
    void step.finally(() => this.inFlight.delete(step))
  }

  /** Ends every connection; requests already being answered finish before this resolves. */
  async closeAll(): Promise<void> {
    for (const end of this.ends) end()
    await Promise.allSettled([...this.inFlight])
  }
}

/**
 * Serves one admitted connection: one session, strict request/response in arrival order, a
 * login deadline when login is required, and an idle deadline that only a complete message
 * resets (bytes trickling in without a CR keep nothing alive). Both deadlines run from the
 * accept, so a stalled TLS handshake is bounded by them too.
 */
export function serveConnection(
  ctx: AppContext,
  raw: Socket,
  settings: ConnectionSettings,
  open: OpenConnections,
  log: Logger,
): void {
  const config = ctx.config.sip2
  raw.setNoDelay(true)
  const socket: Socket =
    settings.secureContext === undefined
      ? raw
      : new TLSSocket(raw, { isServer: true, secureContext: settings.secureContext })
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
  const idle = setTimeout(() => expire('idle'), settings.idleMs).unref()
  const login = config.requireLogin
    ? setTimeout(() => {
        if (!session.loggedIn) expire('login')
      }, settings.loginMs).unref()
    : undefined
  open.add(end)
  ctx.metrics.sip2Opened()
  raw.once('close', () => {
    clearTimeout(idle)
    clearTimeout(login)
    open.delete(end)
    ctx.metrics.sip2Closed()
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
          if (queued <= MAX_QUEUED && socket.isPaused() && !socket.destroyed) socket.resume()
        })
      chain = step
      open.track(step)
    }
  })
}
