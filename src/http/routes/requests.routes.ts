import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  createRequest,
  listRequests,
  NewRequestSchema,
  RequestStatusSchema,
  setRequestStatus,
} from '../../circulation/requests.service.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import { RequestQuery, RequestViewSchema } from '../schemas/requests.responses.js'
import type { Api } from '../types.js'

const tags = ['requests']

/** Purchase suggestions and interlibrary-loan requests: stored encrypted, every read audited. */
export function requestRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Record a purchase suggestion or interlibrary-loan request for a patron',
        body: NewRequestSchema,
        response: { 201: RequestViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRequest(ctx, actorOf(request), request.body)),
  )

  api.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Requests to work through, by status or patron (each one read is audited)',
        querystring: RequestQuery,
        response: { 200: Type.Array(RequestViewSchema), ...problemResponses },
      },
    },
    async (request) => listRequests(ctx, actorOf(request), request.query),
  )

  api.put(
    '/requests/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a request on (submitted → ordered/requested → received → fulfilled)',
        description: 'A move the workflow does not allow answers 409 INVALID_TRANSITION.',
        params: IdParams,
        body: RequestStatusSchema,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await setRequestStatus(ctx, actorOf(request), request.params.id, request.body)
      return reply.code(204).send(null)
    },
  )
}
