import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  addClosedDay,
  ClosedDaySchema,
  deleteClosedDay,
  deleteLoanRule,
  getLibraryStructure,
  listClosedDays,
  listLoanRules,
  LoanRuleSchema,
  saveBranch,
  saveItemType,
  saveLoanRule,
  savePatronCategory,
} from '../../library/library.service.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import {
  BranchBody,
  ClosedDayViewSchema,
  closedDayView,
  CodeParams,
  ItemTypeBody,
  LibraryStructureSchema,
  LoanRuleViewSchema,
  loanRuleView,
  PatronCategoryBody,
} from '../schemas/library.responses.js'
import type { Api } from '../types.js'

const tags = ['library']

/** Branches, item types, patron categories, loan rules and the closed-day calendar. */
export function libraryRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/library',
    {
      schema: {
        tags,
        summary: 'Branches, item types and patron categories',
        response: { 200: LibraryStructureSchema, ...problemResponses },
      },
    },
    async () => getLibraryStructure(ctx.db),
  )

  api.put(
    '/library/branches/:code',
    {
      schema: {
        tags,
        summary: 'Create or rename a branch (admin)',
        params: CodeParams,
        body: BranchBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await saveBranch(ctx, actorOf(request), { ...request.body, code: request.params.code })
      return reply.code(204).send(null)
    },
  )

  api.put(
    '/library/item-types/:code',
    {
      schema: {
        tags,
        summary: 'Create or change an item type (admin)',
        params: CodeParams,
        body: ItemTypeBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await saveItemType(ctx, actorOf(request), { ...request.body, code: request.params.code })
      return reply.code(204).send(null)
    },
  )

  api.put(
    '/library/patron-categories/:code',
    {
      schema: {
        tags,
        summary: 'Create or change a patron category, its owing limit and internet profile (admin)',
        params: CodeParams,
        body: PatronCategoryBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await savePatronCategory(ctx, actorOf(request), {
        ...request.body,
        code: request.params.code,
      })
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/library/loan-rules',
    {
      schema: {
        tags,
        summary: 'Every loan rule, by scope',
        response: { 200: Type.Array(LoanRuleViewSchema), ...problemResponses },
      },
    },
    async () => (await listLoanRules(ctx.db)).map(loanRuleView),
  )

  api.put(
    '/library/loan-rules',
    {
      schema: {
        tags,
        summary: 'Create or replace the rule for one scope (admin)',
        description:
          "The scope is branch × patron category × item type ('*' for any); the most specific rule wins.",
        body: LoanRuleSchema,
        response: { 200: LoanRuleViewSchema, ...problemResponses },
      },
    },
    async (request) => loanRuleView(await saveLoanRule(ctx, actorOf(request), request.body)),
  )

  api.delete(
    '/library/loan-rules/:id',
    {
      schema: {
        tags,
        summary: 'Remove a loan rule; the catch-all rule stays (admin)',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await deleteLoanRule(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/library/closed-days',
    {
      schema: {
        tags,
        summary: 'Days branches are closed: no loan falls due and no fine accrues on them',
        response: { 200: Type.Array(ClosedDayViewSchema), ...problemResponses },
      },
    },
    async () => (await listClosedDays(ctx.db)).map(closedDayView),
  )

  api.post(
    '/library/closed-days',
    {
      schema: {
        tags,
        summary: 'Close a branch on one date or every week on one weekday (admin)',
        body: ClosedDaySchema,
        response: { 201: ClosedDayViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(closedDayView(await addClosedDay(ctx, actorOf(request), request.body))),
  )

  api.delete(
    '/library/closed-days/:id',
    {
      schema: {
        tags,
        summary: 'Reopen a closed day (admin)',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await deleteClosedDay(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
