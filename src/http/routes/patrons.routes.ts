import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  erasePatron,
  exportPatron,
  IDENTITY_CHECKS,
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
} from '../../patrons/patron.service.js'
import {
  NewPatronSchema,
  PatronChangesSchema,
  PatronQuerySchema,
} from '../../patrons/patron.schemas.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import {
  PatronExportSchema,
  PatronSummarySchema,
  PatronViewSchema,
} from '../schemas/patron.responses.js'
import type { Api } from '../types.js'

const tags = ['patrons']

export function patronRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/patrons',
    {
      schema: {
        tags,
        summary: 'Register a patron (optionally issuing the first card)',
        description: 'A field the library has switched off is refused with 400 FIELD_DISABLED.',
        body: NewPatronSchema,
        response: { 201: PatronViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registerPatron(ctx, actorOf(request), request.body)),
  )

  api.get(
    '/patrons',
    {
      schema: {
        tags,
        summary: 'Find patrons by exactly one criterion',
        description: 'Every hit is recorded in the audit log.',
        querystring: PatronQuerySchema,
        response: { 200: Type.Array(PatronSummarySchema), ...problemResponses },
      },
    },
    async (request) => findPatrons(ctx, actorOf(request), request.query),
  )

  api.get(
    '/patrons/:id',
    {
      schema: {
        tags,
        summary: 'Read a patron record (masked for your role)',
        params: IdParams,
        response: { 200: PatronViewSchema, ...problemResponses },
      },
    },
    async (request) => getPatron(ctx, actorOf(request), request.params.id),
  )

  api.patch(
    '/patrons/:id',
    {
      schema: {
        tags,
        summary: 'Change registration fields (null removes an optional one)',
        params: IdParams,
        body: PatronChangesSchema,
        response: { 200: PatronViewSchema, ...problemResponses },
      },
    },
    async (request) => updatePatron(ctx, actorOf(request), request.params.id, request.body),
  )

  api.delete(
    '/patrons/:id',
    {
      schema: {
        tags,
        summary: 'Erase a patron: destroys their data key (privacy officer, admin)',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await erasePatron(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/patrons/:id/export',
    {
      schema: {
        tags,
        summary:
          'A copy of their whole record for a patron who asks in person (privacy officer, admin)',
        description:
          'Unmasked and complete, for the patron it is about: `identity` records how staff checked who was asking, in the audit entry. Records never go to anyone else this way; releases to others go only through the legal-request register (/legal/requests).',
        params: IdParams,
        querystring: Type.Object(
          {
            identity: Type.Union(
              IDENTITY_CHECKS.map((c) => Type.Literal(c)),
              { description: 'How the patron proved who they are.' },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PatronExportSchema, ...problemResponses },
      },
    },
    async (request) =>
      exportPatron(ctx, actorOf(request), request.params.id, request.query.identity),
  )
}
