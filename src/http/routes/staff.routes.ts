import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  createStaff,
  getStaffView,
  listStaff,
  unlockStaff,
  updateStaff,
} from '../../staff/staff.service.js'
import { actorOf } from '../auth.js'
import { IdParams, NoContent, problemResponses } from '../schemas/common.js'
import { NewStaffBody, StaffChangesBody, StaffViewSchema } from '../schemas/staff.schemas.js'
import type { Api } from '../types.js'

const tags = ['staff']

export function staffRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/staff/me',
    {
      schema: {
        tags,
        summary: 'The signed-in staff account',
        response: { 200: StaffViewSchema, ...problemResponses },
      },
    },
    async (request) => getStaffView(ctx, actorOf(request).id),
  )

  api.get(
    '/staff',
    {
      schema: {
        tags,
        summary: 'List staff accounts (admin)',
        response: { 200: Type.Array(StaffViewSchema), ...problemResponses },
      },
    },
    async (request) => listStaff(ctx, actorOf(request)),
  )

  api.post(
    '/staff',
    {
      schema: {
        tags,
        summary: 'Create an individual staff account (admin)',
        body: NewStaffBody,
        response: { 201: StaffViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createStaff(ctx, actorOf(request), request.body)),
  )

  api.patch(
    '/staff/:id',
    {
      schema: {
        tags,
        summary: 'Change, switch off or reset the password of a staff account (admin)',
        params: IdParams,
        body: StaffChangesBody,
        response: { 200: StaffViewSchema, ...problemResponses },
      },
    },
    async (request) => updateStaff(ctx, actorOf(request), request.params.id, request.body),
  )

  api.post(
    '/staff/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift the sign-in lockout of a staff account at once (admin)',
        params: IdParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await unlockStaff(ctx, actorOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )
}
