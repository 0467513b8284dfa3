import { Type } from '@sinclair/typebox'
import type { Config } from './config.schema.js'
import { parseCidr } from './libki-config.js'

/** Loopback only: a Prometheus server on the same machine may scrape without a token. */
export const LOOPBACK_RANGES = ['127.0.0.0/8', '::1/128']

/** Who may read GET /metrics (src/http/routes/metrics.routes.ts); everyone else gets a 404. */
export const MetricsSettings = Type.Object(
  {
    allow: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      default: LOOPBACK_RANGES,
      maxItems: 100,
      description:
        'Addresses or network ranges (CIDR) that may read /metrics without a token; an empty list leaves only the token. Behind a reverse proxy set http.trustProxy, so the address is the client’s and not the proxy’s.',
    }),
    token: Type.Optional(
      Type.String({
        minLength: 24,
        maxLength: 200,
        pattern: '^[\\x21-\\x7e]+$',
        description:
          'A secret a scraper elsewhere sends as "Authorization: Bearer <token>" to read /metrics from any address; unset, only the addresses in allow may.',
      }),
    ),
  },
  { additionalProperties: false, default: {} },
)

/** Every entry of metrics.allow must be an address or a network range. */
export function metricsProblems(c: Config): string[] {
  return c.metrics.allow.flatMap((range, i) =>
    parseCidr(range) === undefined
      ? [
          `metrics.allow.${i} (environment variable CARREL_METRICS_ALLOW): "${range.slice(0, 64)}" is not an address or network range; write 127.0.0.1, 10.0.0.0/8 or ::1`,
        ]
      : [],
  )
}
