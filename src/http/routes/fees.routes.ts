import type { AppContext } from '../../context.js'
import {
  listFees,
  PaymentSchema,
  takePayment,
  waiveFee,
  WaiverSchema,
} from '../../circulation/fees.service.js'
import { actorOf } from '../auth.js'
import { IdParams, problemResponses } from '../schemas/common.js'
import { FeesSchema, OwedSchema } from '../schemas/fees.responses.js'
import type { Api } from '../types.js'

const tags = ['fees']

/** Fines and charges: payments (method and reference only, never card data) and waivers. */
export function feeRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/patrons/:id/fees',
    {
      schema: {
        tags,
        summary: "A patron's fees and what they owe (reading them is audited)",
        params: IdParams,
        response: { 200: FeesSchema, ...problemResponses },
      },
    },
    async (request) => listFees(ctx, actorOf(request), request.params.id),
  )

  api.post(
    '/patrons/:id/payments',
    {
      schema: {
        tags,
        summary: "Take a payment towards a patron's fees, oldest first",
        description:
          'A reference that looks like a payment-card number is refused (400 REFERENCE_LOOKS_LIKE_CARD).',
        params: IdParams,
        body: PaymentSchema,
        response: { 201: OwedSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await takePayment(ctx, actorOf(request), request.params.id, request.body)),
  )

  api.post(
    '/fees/:id/waiver',
    {
      schema: {
        tags,
        summary: 'Waive a fee in full or in part, with a reason (librarian, admin)',
        params: IdParams,
        body: WaiverSchema,
        response: { 201: OwedSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await waiveFee(ctx, actorOf(request), request.params.id, request.body)),
  )
}
