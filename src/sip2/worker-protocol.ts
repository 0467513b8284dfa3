import type { Config } from '../config/config.js'
import type { MetricsJson } from '../metrics/metrics.js'
import type { DeadlineOverrides } from './connection.js'

/** Messages from the serving process to a SIP2 worker (src/sip2/worker-main.ts). */
export type ToWorker =
  | {
      type: 'start'
      index: number
      config: Config
      /** Base64; sent over the IPC channel only, never in the environment or arguments. */
      masterKey: string
      deadlines: DeadlineOverrides
    }
  /** Comes with the admitted socket as the message's handle. */
  | { type: 'sip2-socket'; id: number }
  /** Stop taking connections, let answers in progress finish, close the stores and exit. */
  | { type: 'close' }
  /** Send this worker's SIP2 counts and timings, for GET /metrics in the serving process. */
  | { type: 'metrics'; request: number }

/** Messages from a SIP2 worker to the serving process. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** A handed-over connection is gone: the serving process releases its counts. */
  | { type: 'closed'; id: number }
  /** The answer to a 'metrics' request: this worker's registry, as prom-client serialises it. */
  | { type: 'metrics'; request: number; metrics: MetricsJson }

export function isFromWorker(message: unknown): message is FromWorker {
  return (
    typeof message === 'object' &&
    message !== null &&
    ['ready', 'failed', 'closed', 'metrics'].includes(
      (message as { type?: unknown }).type as string,
    )
  )
}
