import { Type } from '@sinclair/typebox'
import { sql } from 'kysely'
import type { AppContext } from '../../context.js'
import { problem, sendProblem } from '../error-handler.js'
import { problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

export function healthRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and store check',
        description:
          'Answers once a trivial query has run on the records database and the key store.',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...problemResponses },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db)
        await sql`select 1`.execute(ctx.keys)
      } catch (err) {
        request.log.error({ err }, 'health check: a store did not answer')
        return sendProblem(reply, problem(503, 'UNAVAILABLE', 'A data store is not answering.'))
      }
      return { status: 'ok' as const }
    },
  )
}
