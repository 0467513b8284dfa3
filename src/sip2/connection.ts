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

/** How long a closing connection waits for the terminal to hang up after its last answer. */
const HANG_UP_MS = 1000

/** The connections one process serves, so that closing can end them and wait for their answers. */
export class OpenConnections {
  private readonly drains = new Map<() => void, Promise<void>>()
  private readonly inFlight = new Set<Promise<void>>()

  get size(): number {
    return this.drains.size
  }

  /** `drain` ends the connection once its answer in progress is written; `closed` settles after. */
  add(drain: () => void, closed: Promise<void>): void {
    this.drains.set(drain, closed)
  }

  delete(drain: () => void): void {
    this.drains.delete(drain)
  }

  track(step: Promise<void>): void {
    this.inFlight.add(step)
    void step.finally(() => this.inFlight.delete(step))
  }

  /**
   * Ends every connection: one waiting for a message is closed at once; one whose message is
   * being handled reads nothing more, gets that answer, and is then closed. Resolves once the
   * answers are written and the sockets closed.
   */
  async closeAll(): Promise<void> {
    const closed = [...this.drains.values()]
    for (const drain of this.drains.keys()) drain()
    await Promise.allSettled([...this.inFlight])
    await Promise.allSettled(closed)
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
  // Closing (the process is stopping): no more messages are read; the one being handled gets its
  // answer, then the connection ends; one that is waiting for a message ends at once.
  let draining = false
  let answering = false
  const hangUp = () => {
    socket.end()
    setTimeout(end, HANG_UP_MS).unref()
  }
  const drain = () => {
    if (draining) return
    draining = true
    socket.pause()
    if (!answering) end()
  }
  const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()))
  open.add(drain, closed)
  ctx.metrics.sip2Opened()
  raw.once('close', () => {
    clearTimeout(idle)
    clearTimeout(login)
    open.delete(drain)
    ctx.metrics.sip2Closed()
  })

  const framer = new LineFramer(config.maxMessageBytes)
  let chain = Promise.resolve()
  let queued = 0
  const answer = async (event: FrameEvent) => {
    // Lines still queued when the terminal hangs up, or when closing began, are not answered.
    if (socket.destroyed || draining) return
    answering = true
    try {
      const out = event.kind === 'line' ? await session.handle(event.bytes) : session.oversized()
      if (out !== undefined && socket.writable) socket.write(out)
    } finally {
      answering = false
      if (draining) hangUp()
    }
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
          if (queued <= MAX_QUEUED && socket.isPaused() && !socket.destroyed && !draining)
            socket.resume()
        })
      chain = step
      open.track(step)
    }
  })
}
