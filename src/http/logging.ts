import { LogController } from 'fastify'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
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

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)'
}

/**
 * One line per request, at debug level, after the answer: method, route pattern, status and
 * time, readable as it stands (`GET /api/v1/patrons/:id 200 4 ms`). At the default level
 * (info) a running server therefore prints only its start-up lines, warnings and errors.
 * Fastify's own lines would be two per request at info, and its "not found" line quotes the
 * URL, query string included.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const responseTime = Math.round(reply.elapsedTime)
    if (error != null) {
      // The answer could not be sent whole (the client went away, a stream broke).
      reply.log.warn({ req: request, res: reply, err: error, responseTime }, 'answer not completed')
      return
    }
    reply.log.debug(
      { req: request, res: reply, responseTime },
      `${request.method} ${routeOf(request)} ${reply.statusCode} ${responseTime} ms`,
    )
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'no such route')
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500)
      reply.log.error({ req: request, res: reply, err: error }, 'request failed')
    else reply.log.debug({ req: request, res: reply, err: error }, 'request refused')
  }

  override streamError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE')
      reply.log.debug({ req: request, res: reply }, 'client closed the connection early')
    else
      reply.log.warn(
        { req: request, res: reply, err: error },
        'answer broken off after its headers',
      )
  }
}
