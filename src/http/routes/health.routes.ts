import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { problem, sendProblem } from '../error-handler.js'
import { notReady } from '../readiness.js'
import { problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

export function healthRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        description:
          'Answers as long as the process can answer at all; it asks no store. A load balancer or service manager restarts a process that stops answering here; whether it should get requests is /readyz.',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...problemResponses },
      },
    },
    () => ({ status: 'ok' as const }),
  )

  api.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the stores answer and are up to date',
        description:
          'Ready when the records database, the key store and the statistics store each answer a query, none of them has a migration pending, and the master key opens the key store. Otherwise 503 with a stable code: STORE_UNAVAILABLE (the detail names the store, never its address), MIGRATIONS_PENDING (run `carrel migrate`) or KEYSTORE_LOCKED (the master key does not open the key store).',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const failure = await notReady(ctx, request.log)
      if (failure !== undefined)
        return sendProblem(reply, problem(503, failure.code, failure.detail))
      return { status: 'ready' as const }
    },
  )
}
