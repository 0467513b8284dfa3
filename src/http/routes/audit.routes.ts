import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { AuditQuerySchema, listAudit, verifyAudit } from '../../privacy/audit.service.js'
import { actorOf } from '../auth.js'
import { problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

const VerifyResultSchema = Type.Object(
  {
    ok: Type.Boolean(),
    entries: Type.Integer({ description: 'Entries checked and found intact.' }),
    seq: Type.Optional(Type.Integer({ description: 'The first entry that fails.' })),
    chain: Type.Optional(
      Type.Integer({ description: "The chain (of the log's parallel chains) where it fails." }),
    ),
    chainSeq: Type.Optional(Type.Integer({ description: 'Its place in that chain.' })),
    problem: Type.Optional(
      Type.Union([Type.Literal('changed'), Type.Literal('removed'), Type.Literal('reordered')]),
    ),
    message: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    actorType: Type.String(),
    actorId: Type.String(),
    actorRole: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    patronId: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
)

export function auditRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first (privacy officer, admin)',
        querystring: AuditQuerySchema,
        response: { 200: Type.Array(AuditEntrySchema), ...problemResponses },
      },
    },
    async (request) => listAudit(ctx, actorOf(request), request.query),
  )
  api.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit log, every hash chain of it (privacy officer, admin)',
        response: { 200: VerifyResultSchema, ...problemResponses },
      },
    },
    async (request) => verifyAudit(ctx, actorOf(request)),
  )
}
