import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyBaseLogger } from 'fastify'
import type { Logger } from '../logger.js'
import { REDACT_PATHS } from '../logger.js'

/** Paths Fastify's request logging adds on top of the domain's list. */
const HTTP_REDACT_PATHS = [...REDACT_PATHS, 'req.headers', 'req.body', 'req.query', 'req.params']

interface LoggedError {
  name?: unknown
  code?: unknown
  message?: unknown
  stack?: unknown
}

/**
 * Request lines name the route pattern, never the URL: query strings and path parameters carry
 * emails, phone numbers and card numbers. No client address is logged either (P6: nothing to join).
 */
const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    route: request.routeOptions.url ?? '(no route)',
  }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  // Driver errors carry extra fields (PostgreSQL's `detail` quotes the offending value); keep only these.
  err: (err: LoggedError) => ({
    type: typeof err.name === 'string' ? err.name : 'Error',
    code: typeof err.code === 'string' ? err.code : undefined,
    message: typeof err.message === 'string' ? err.message : undefined,
    stack: typeof err.stack === 'string' ? err.stack : undefined,
  }),
}

/** The application's logger, narrowed for HTTP: personal fields redacted, requests logged by route. */
export function httpLogger(logger: Logger): FastifyBaseLogger {
  return logger.child(
    { component: 'http' },
    { redact: { paths: HTTP_REDACT_PATHS, censor: '[redacted]' }, serializers },
  )
}
