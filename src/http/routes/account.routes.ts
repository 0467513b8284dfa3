import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { addLedgerEntry, getLedger, LedgerEntryInputSchema } from '../../patrons/ledger.service.js'
import { addNote, listNotes, NoteInputSchema } from '../../patrons/notes.service.js'
import { actorOf } from '../auth.js'
import { IdParams, problemResponses } from '../schemas/common.js'
import { LedgerSchema, NoteSchema } from '../schemas/patron.responses.js'
import type { Api } from '../types.js'

/** The card account: its ledger of credits and debits, and staff notes about it. */
export function accountRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/patrons/:id/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary: "A patron's card-account ledger and balance",
        params: IdParams,
        response: { 200: LedgerSchema, ...problemResponses },
      },
    },
    async (request) => getLedger(ctx, actorOf(request), request.params.id),
  )

  api.post(
    '/patrons/:id/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Add a credit or debit; answers with the whole ledger',
        params: IdParams,
        body: LedgerEntryInputSchema,
        response: { 201: LedgerSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addLedgerEntry(ctx, actorOf(request), request.params.id, request.body)),
  )

  api.get(
    '/patrons/:id/notes',
    {
      schema: {
        tags: ['notes'],
        summary: 'Account notes (reading them is audited)',
        params: IdParams,
        response: { 200: Type.Array(NoteSchema), ...problemResponses },
      },
    },
    async (request) => listNotes(ctx, actorOf(request), request.params.id),
  )

  api.post(
    '/patrons/:id/notes',
    {
      schema: {
        tags: ['notes'],
        summary: 'Add an account note (stored encrypted)',
        params: IdParams,
        body: NoteInputSchema,
        response: { 201: NoteSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addNote(ctx, actorOf(request), request.params.id, request.body)),
  )
}
