import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  cancelHold,
  holdShelf,
  patronHolds,
  placeHold,
  PlaceHoldSchema,
  resumeHold,
  suspendHold,
  SuspendSchema,
} from '../../circulation/holds.service.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import { HoldShelfQuery, HoldShelfSchema, HoldViewSchema } from '../schemas/holds.responses.js'
import type { Api } from '../types.js'

const tags = ['holds']

/** Title-level holds, their suspension, and the hold shelf by pickup code. */
export function holdRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/holds',
    {
      schema: {
        tags,
        summary: 'Place a hold on a title for a patron',
        body: PlaceHoldSchema,
        response: { 201: HoldViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await placeHold(ctx, actorOf(request), request.body)),
  )

  api.delete(
    '/holds/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a hold; a copy waiting for it goes to the next hold or home',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await cancelHold(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/holds/:id/suspension',
    {
      schema: {
        tags,
        summary: 'Suspend a queued hold until a date (null: until resumed); it keeps its place',
        params: IdParams,
        body: SuspendSchema,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await suspendHold(ctx, actorOf(request), request.params.id, request.body)
      return reply.code(204).send(null)
    },
  )

  api.delete(
    '/holds/:id/suspension',
    {
      schema: {
        tags,
        summary: 'Resume a suspended hold',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await resumeHold(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/patrons/:id/holds',
    {
      schema: {
        tags,
        summary: "A patron's open holds, with queue positions and pickup codes",
        params: IdParams,
        response: { 200: Type.Array(HoldViewSchema), ...problemResponses },
      },
    },
    async (request) => patronHolds(ctx, actorOf(request), request.params.id),
  )

  api.get(
    '/holds/shelf',
    {
      schema: {
        tags,
        summary: "A branch's hold shelf by pickup code: never a name or card number",
        querystring: HoldShelfQuery,
        response: { 200: HoldShelfSchema, ...problemResponses },
      },
    },
    async (request) => holdShelf(ctx, actorOf(request), request.query.branch),
  )
}
