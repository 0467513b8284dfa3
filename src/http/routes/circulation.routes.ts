import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { checkin, declareLost } from '../../circulation/checkin.service.js'
import { checkout } from '../../circulation/checkout.service.js'
import { CheckinSchema, LostSchema, RenewSchema } from '../../circulation/circulation.schemas.js'
import {
  currentLoans,
  readingHistory,
  renew,
  setReadingHistory,
} from '../../circulation/loans.service.js'
import { actorOf } from '../auth.js'
import {
  CheckinResultSchema,
  checkoutProblemResponses,
  CheckoutResultSchema,
  DeskCheckoutBody,
  LoanViewSchema,
  LostResultSchema,
  ReadingHistoryBody,
  ReadingHistorySettingSchema,
  RenewResultSchema,
} from '../schemas/circulation.responses.js'
import { IdParams, problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

const tags = ['circulation']

/** The desk: lending, returns, renewals, lost items, and a patron's loans and reading history. */
export function circulationRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/circulation/checkouts',
    {
      schema: {
        tags,
        summary: 'Lend an item to the holder of a card',
        description:
          'Blocks answer 422 with `details.blocks` and `details.overridable`; send the codes your ' +
          'role may override in `override` to lend anyway (audited). Overriding a block your role ' +
          'may not answers 403 OVERRIDE_NOT_ALLOWED.',
        body: DeskCheckoutBody,
        response: { 201: CheckoutResultSchema, ...checkoutProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await checkout(ctx, actorOf(request), request.body)),
  )

  api.post(
    '/circulation/checkins',
    {
      schema: {
        tags,
        summary: 'Take an item back: charge any fine, then route it to a hold or its shelf',
        description:
          'A copy routed to the hold shelf answers with its pickup code for the slip, never a name.',
        body: CheckinSchema,
        response: { 200: CheckinResultSchema, ...problemResponses },
      },
    },
    async (request) => checkin(ctx, actorOf(request), request.body),
  )

  api.post(
    '/circulation/renewals',
    {
      schema: {
        tags,
        summary: 'Renew a loan within the rules',
        description:
          'Refused (422) at the renewal limit or while another patron waits for the title.',
        body: RenewSchema,
        response: { 200: RenewResultSchema, ...problemResponses },
      },
    },
    async (request) => renew(ctx, actorOf(request), request.body),
  )

  api.post(
    '/circulation/lost',
    {
      schema: {
        tags,
        summary: 'Declare an item on loan lost: the loan ends and the replacement price is charged',
        body: LostSchema,
        response: { 200: LostResultSchema, ...problemResponses },
      },
    },
    async (request) => declareLost(ctx, actorOf(request), request.body),
  )

  api.get(
    '/patrons/:id/loans',
    {
      schema: {
        tags,
        summary: "A patron's current loans (reading them is audited)",
        params: IdParams,
        response: { 200: Type.Array(LoanViewSchema), ...problemResponses },
      },
    },
    async (request) => currentLoans(ctx, actorOf(request), request.params.id),
  )

  api.get(
    '/patrons/:id/reading-history',
    {
      schema: {
        tags,
        summary: 'Returned loans the patron chose to keep; empty unless they opted in (audited)',
        params: IdParams,
        response: { 200: Type.Array(LoanViewSchema), ...problemResponses },
      },
    },
    async (request) => readingHistory(ctx, actorOf(request), request.params.id),
  )

  api.put(
    '/patrons/:id/reading-history',
    {
      schema: {
        tags,
        summary: 'Turn the reading history on or off; off erases it at once',
        params: IdParams,
        body: ReadingHistoryBody,
        response: { 200: ReadingHistorySettingSchema, ...problemResponses },
      },
    },
    async (request) =>
      setReadingHistory(ctx, actorOf(request), request.params.id, request.body.keep),
  )
}
