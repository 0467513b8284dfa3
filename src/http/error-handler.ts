import type { FastifyReply, FastifyRequest } from 'fastify'
import { BLOCKS } from '../circulation/blocks.js'
import { AppError, type ErrorKind } from '../errors.js'

export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail: string
  details?: { fields: string[]; blocks?: string[]; overridable?: string[] }
}

/** Why a checkout was refused: stable block codes only, which name no patron and no item. */
export interface BlockDetails {
  blocks: string[]
  overridable: string[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  locked: 423,
  throttled: 429,
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Fastify's own client errors, renamed to codes that stay the same whatever framework is underneath. */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'INVALID_JSON',
    detail: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'INVALID_JSON',
    detail: 'The JSON body is empty.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    detail: 'The body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'INVALID_URL', detail: 'The URL is not valid.' },
}

const CODES_BY_STATUS: Record<number, string> = {
  404: 'NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

export function problem(
  status: number,
  code: string,
  detail: string,
  fields?: string[],
  blocks?: BlockDetails,
): Problem {
  const named = fields ?? []
  return {
    type: `urn:carrel:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    // `fields` stays present beside the blocks, so a route documenting only fields still serialises.
    ...(blocks !== undefined
      ? { details: { fields: named, ...blocks } }
      : named.length > 0 && { details: { fields: named } }),
  }
}

interface ValidationIssue {
  instancePath?: string
  message?: string
  params?: Record<string, unknown>
}

interface FrameworkError {
  code?: unknown
  statusCode?: unknown
  validation?: ValidationIssue[]
  validationContext?: string
}

const asStrings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : []

const joinPath = (base: string, key?: string): string =>
  [...base.split('/').filter((p) => p !== ''), ...(key === undefined ? [] : [key])].join('.')

/** Names the fields a schema check refused; the messages come from the schema, never from the value. */
function fromSchemaFailure(err: FrameworkError): Problem {
  const where = err.validationContext ?? 'request'
  const fields: string[] = []
  const notes: string[] = []
  for (const issue of err.validation ?? []) {
    const base = issue.instancePath ?? ''
    const named = [
      ...asStrings(issue.params?.requiredProperties),
      ...asStrings(issue.params?.missingProperty),
      ...asStrings(issue.params?.additionalProperties),
      ...asStrings(issue.params?.additionalProperty),
    ].map((key) => joinPath(base, key))
    for (const field of named.length > 0 ? named : [joinPath(base) || `(${where})`]) {
      if (!fields.includes(field)) fields.push(field)
      if (notes.length < 10 && issue.message !== undefined) notes.push(`${field}: ${issue.message}`)
    }
  }
  const detail = `Invalid ${where}: ${notes.length > 0 ? notes.join('; ') : fields.join(', ')}.`
  return problem(400, 'INVALID_INPUT', detail, fields)
}

/** Only field names leave the server, whatever else a domain put in `details`. */
function fieldsOf(details: Record<string, unknown> | undefined): string[] | undefined {
  if (details === undefined) return undefined
  const fields = asStrings(details.fields)
  const problems: unknown = details.problems
  if (Array.isArray(problems)) {
    for (const p of problems as unknown[]) {
      const field =
        p !== null && typeof p === 'object' ? (p as { field?: unknown }).field : undefined
      if (typeof field === 'string' && !fields.includes(field)) fields.push(field)
    }
  }
  return fields
}

const isBlock = (v: string): boolean => (BLOCKS as readonly string[]).includes(v)

/** Block codes from a refused checkout; anything that is not a known block code is dropped. */
function blocksOf(details: Record<string, unknown> | undefined): BlockDetails | undefined {
  if (details === undefined || !Array.isArray(details.blocks)) return undefined
  const blocks = asStrings(details.blocks).filter(isBlock)
  if (blocks.length === 0) return undefined
  return { blocks, overridable: asStrings(details.overridable).filter(isBlock) }
}

/** One mapping for every failure, so a client sees the same shape whatever went wrong. */
export function problemFor(error: unknown): Problem {
  if (error instanceof AppError) {
    return problem(
      STATUS_BY_KIND[error.kind],
      error.code,
      error.message,
      fieldsOf(error.details),
      blocksOf(error.details),
    )
  }
  const err = (error !== null && typeof error === 'object' ? error : {}) as FrameworkError
  if (Array.isArray(err.validation)) return fromSchemaFailure(err)
  const known = typeof err.code === 'string' ? FRAMEWORK_CODES[err.code] : undefined
  if (known !== undefined) return problem(known.status, known.code, known.detail)
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500
  if (status === 429)
    return problem(429, 'RATE_LIMITED', 'Too many attempts: wait a minute and try again.')
  if (status >= 400 && status < 500) {
    const title = TITLES[status] ?? 'Bad Request'
    return problem(status, CODES_BY_STATUS[status] ?? 'BAD_REQUEST', `${title}.`)
  }
  return problem(500, 'INTERNAL', 'Something went wrong on our side; it has been logged.')
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  if (p.status === 401 && p.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer')
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p)
}

export function errorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const p = problemFor(error)
  // Only the server's own failures are worth an error line; the client was told about the rest.
  if (p.status >= 500) request.log.error({ err: error }, 'request failed')
  if (p.status === 429) void reply.header('retry-after', String(retryAfterSeconds(error)))
  return sendProblem(reply, p)
}

/** How long a throttled client should wait: the throttle says, or a minute. */
export function retryAfterSeconds(error: unknown): number {
  const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined
  return typeof wait === 'number' && wait > 0 ? Math.ceil(wait) : 60
}

export function notFoundHandler(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem(404, 'NOT_FOUND', 'There is no such endpoint.'))
}

/** Errors Fastify raises before routing (a malformed URL), which otherwise bypass the error handler. */
export function frameworkErrors(
  error: unknown,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendProblem(reply, problemFor(error))
}
