import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  acknowledgementForm,
  decideLegalRequest,
  DecisionSchema,
  listLegalRequests,
  NewLegalRequestSchema,
  registerLegalRequest,
  releaseLegalRequest,
} from '../../privacy/legal/legal-requests.service.js'
import {
  LegalHoldSchema,
  liftLegalHold,
  listLegalHolds,
  placeLegalHold,
} from '../../privacy/retention/legal-holds.service.js'
import { listDisposals, previewRetention } from '../../privacy/retention/retention.service.js'
import { runRetentionUnderLease } from '../../jobs/jobs.service.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

const Row = Type.Record(Type.String(), Type.Unknown())
const IdAnswer = Type.Object({ id: Type.String() }, { additionalProperties: false })
const StatusAnswer = Type.Object({ status: Type.String() }, { additionalProperties: false })
const SeriesPreview = Type.Object(
  {
    series: Type.String(),
    title: Type.String(),
    method: Type.String(),
    authority: Type.Union([Type.String(), Type.Null()]),
    state: Type.String(),
    due: Type.Integer(),
  },
  { additionalProperties: false },
)
const SeriesRun = Type.Object(
  {
    series: Type.String(),
    state: Type.String(),
    disposed: Type.Integer(),
    warned: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
)
const Release = Type.Object(
  {
    generatedAt: Type.String(),
    registration: Type.Optional(Row),
    parts: Type.Record(Type.String(), Type.Array(Row)),
  },
  { additionalProperties: false },
)

/** Retention schedule, legal holds and legal requests: the privacy officer's tools (P5, P8). */
export function legalRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/retention/preview',
    {
      schema: {
        tags: ['retention'],
        summary: 'What a sweep would dispose of now, per record series (changes nothing)',
        response: { 200: Type.Array(SeriesPreview), ...problemResponses },
      },
    },
    async (request) => previewRetention(ctx, actorOf(request)),
  )
  api.post(
    '/retention/runs',
    {
      schema: {
        tags: ['retention'],
        summary:
          'Run the retention sweep now (only series with an approved authority and no legal hold); 409 JOB_BUSY while another sweep runs',
        response: { 200: Type.Array(SeriesRun), ...problemResponses },
      },
    },
    async (request) => runRetentionUnderLease(ctx, actorOf(request), 'api'),
  )
  api.get(
    '/retention/disposals',
    {
      schema: {
        tags: ['retention'],
        summary:
          'Disposal records: series, authority, count, dates covered, method — never content',
        response: { 200: Type.Array(Row), ...problemResponses },
      },
    },
    async (request) => listDisposals(ctx, actorOf(request)),
  )
  api.get(
    '/legal-holds',
    {
      schema: {
        tags: ['legal'],
        summary: 'Legal holds, newest first',
        response: { 200: Type.Array(Row), ...problemResponses },
      },
    },
    async (request) => listLegalHolds(ctx, actorOf(request)),
  )
  api.post(
    '/legal-holds',
    {
      schema: {
        tags: ['legal'],
        summary: 'Stop destruction of a record series or of one patron’s records',
        body: LegalHoldSchema,
        response: { 201: IdAnswer, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await placeLegalHold(ctx, actorOf(request), request.body)),
  )
  api.delete(
    '/legal-holds/:id',
    {
      schema: {
        tags: ['legal'],
        summary: 'Lift a legal hold',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await liftLegalHold(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
  api.get(
    '/legal-requests',
    {
      schema: {
        tags: ['legal'],
        summary: 'Requests for patron records, newest first',
        response: { 200: Type.Array(Row), ...problemResponses },
      },
    },
    async (request) => listLegalRequests(ctx, actorOf(request)),
  )
  api.post(
    '/legal-requests',
    {
      schema: {
        tags: ['legal'],
        summary: 'Register a court order, a law-enforcement emergency request or another request',
        description:
          'An emergency request may only name identifying fields (EMERGENCY_SCOPE_LIMITED otherwise).',
        body: NewLegalRequestSchema,
        response: {
          201: Type.Object(
            { id: Type.String(), status: Type.String() },
            { additionalProperties: false },
          ),
          ...problemResponses,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registerLegalRequest(ctx, actorOf(request), request.body)),
  )
  api.post(
    '/legal-requests/:id/decision',
    {
      schema: {
        tags: ['legal'],
        summary:
          'Approve or refuse a request (only court orders and qualifying emergencies can be approved)',
        params: IdParams,
        body: DecisionSchema,
        response: { 200: StatusAnswer, ...problemResponses },
      },
    },
    async (request) => decideLegalRequest(ctx, actorOf(request), request.params.id, request.body),
  )
  api.post(
    '/legal-requests/:id/release',
    {
      schema: {
        tags: ['legal'],
        summary: 'Release what an approved request covers, and nothing else',
        params: IdParams,
        response: { 200: Release, ...problemResponses },
      },
    },
    async (request) => releaseLegalRequest(ctx, actorOf(request), request.params.id),
  )
  api.get(
    '/legal-requests/:id/acknowledgement',
    {
      schema: {
        tags: ['legal'],
        summary: 'The acknowledgement form for the officer of an emergency disclosure (plain text)',
        params: IdParams,
        response: { 200: Type.String(), ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(await acknowledgementForm(ctx, actorOf(request), request.params.id)),
  )
}
