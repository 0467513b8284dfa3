import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  NewSipAccountSchema,
  SipAccountChangesSchema,
  SipAccountViewSchema,
} from '../../selfcheck/sip-account.schemas.js'
import {
  createSipAccount,
  listSipAccounts,
  updateSipAccount,
} from '../../selfcheck/sip-account.service.js'
import { actorOf } from '../auth.js'
import { IdParams, problemResponses } from '../schemas/common.js'
import type { Api } from '../types.js'

const tags = ['sip accounts']

/** SIP2 accounts of self-check machines and computer managers (admin); the password hash never leaves. */
export function sipAccountRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/sip-accounts',
    {
      schema: {
        tags,
        summary: 'List SIP2 accounts (admin)',
        response: { 200: Type.Array(SipAccountViewSchema), ...problemResponses },
      },
    },
    async (request) => listSipAccounts(ctx, actorOf(request)),
  )

  api.post(
    '/sip-accounts',
    {
      schema: {
        tags,
        summary: 'Create a SIP2 account (admin)',
        description:
          'Without allowedMessages the account may send every message Carrel answers; without personalFields it receives the patron name only; without mayBlockPatrons it may not block (01) or re-enable (25) cards; without unknownCommands a command Carrel does not know goes unanswered.',
        body: NewSipAccountSchema,
        response: { 201: SipAccountViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSipAccount(ctx, actorOf(request), request.body)),
  )

  api.patch(
    '/sip-accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change, switch off or reset the password of a SIP2 account (admin)',
        description:
          'Changes apply to open connections from their next message. The audit entry records which settings changed and their new values (never the password).',
        params: IdParams,
        body: SipAccountChangesSchema,
        response: { 200: SipAccountViewSchema, ...problemResponses },
      },
    },
    async (request) => updateSipAccount(ctx, actorOf(request), request.params.id, request.body),
  )
}
