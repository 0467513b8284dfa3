import { Type, type Static } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  BranchDetailsSchema,
  getBranchDetails,
  HoursSpanSchema,
  listBranchDetails,
  saveBranchDetails,
  type BranchDetails,
} from '../../library/branch-details.service.js'
import { actorOf } from '../auth.js'
import { problemResponses } from '../schemas/common.js'
import { CodeParams } from '../schemas/library.responses.js'
import type { Api } from '../types.js'

const tags = ['library']

const BranchDetailsView = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    address: Type.String({ description: 'Lines separated by a newline; empty until entered.' }),
    phone: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    hours: Type.Array(HoursSpanSchema, {
      description: 'The regular week by weekday and time; a weekday with no span is closed.',
    }),
  },
  { additionalProperties: false },
)

function detailsView(b: BranchDetails): Static<typeof BranchDetailsView> {
  return {
    code: b.code,
    name: b.name,
    address: b.address,
    phone: b.phone,
    email: b.email,
    hours: b.hours.flatMap((day, weekday) => day.map((s) => ({ weekday, ...s }))),
  }
}

/** Where each branch is, how to reach it and when it is open: what the public branch pages show. */
export function branchDetailsRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/library/branch-details',
    {
      schema: {
        tags,
        summary: "Every branch's address, phone, email and regular opening hours",
        response: { 200: Type.Array(BranchDetailsView), ...problemResponses },
      },
    },
    async () => (await listBranchDetails(ctx.db)).map(detailsView),
  )

  api.get(
    '/library/branches/:code/details',
    {
      schema: {
        tags,
        summary: "A branch's address, phone, email and regular opening hours",
        params: CodeParams,
        response: { 200: BranchDetailsView, ...problemResponses },
      },
    },
    async (request) => detailsView(await getBranchDetails(ctx.db, request.params.code)),
  )

  api.put(
    '/library/branches/:code/details',
    {
      schema: {
        tags,
        summary: "Replace a branch's address, phone, email and whole regular week (admin)",
        description:
          'All or nothing: times are HH:MM in the library time zone, each span closes after it opens, at most two spans a day and they may not overlap (400 CLOSES_BEFORE_OPENS, HOURS_OVERLAP, TOO_MANY_SPANS, ADDRESS_TOO_LONG, INVALID_INPUT). Closed days are set apart, under /library/closed-days.',
        params: CodeParams,
        body: BranchDetailsSchema,
        response: { 200: BranchDetailsView, ...problemResponses },
      },
    },
    async (request) =>
      detailsView(
        await saveBranchDetails(ctx, actorOf(request), request.params.code, request.body),
      ),
  )
}
