import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import {
  changePin,
  issueCard,
  listPatronCards,
  replaceCard,
  setCardStatus,
  setPin,
  unlockCard,
  verifyPin,
} from '../../patrons/card.service.js'
import { actorOf } from '../auth.js'
import { emptyBodyIsEmptyObject } from '../input-guard.js'
import { originOf } from '../origin.js'
import { BarcodeParams, IdParams, NoContent, problemResponses } from '../schemas/common.js'
import { CardViewSchema, PinCheckSchema } from '../schemas/patron.responses.js'
import type { Api } from '../types.js'

const tags = ['cards']
const Barcode = Type.String({ minLength: 1, maxLength: 32 })
const Pin = Type.String({ minLength: 1, maxLength: 32, writeOnly: true })

const IssueCardBody = Type.Object(
  {
    barcode: Type.Optional(Barcode),
    pin: Type.Optional(Pin),
  },
  { additionalProperties: false },
)

const SAME_ANSWER =
  'An unknown card number and a wrong PIN get the same 422 INVALID_CREDENTIALS and both count ' +
  'towards locking that number; a locked number answers 423 CARD_LOCKED on every entry point ' +
  '(desk staff can lift it with POST /cards/{barcode}/unlock). Wrong PINs are also counted per ' +
  'client address across every Carrel process: 429 RATE_LIMITED, with Retry-After, once an ' +
  'address has sent too many, whichever cards they were for.'

export function cardRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/patrons/:id/cards',
    {
      schema: {
        tags,
        summary: "A patron's cards",
        params: IdParams,
        response: { 200: Type.Array(CardViewSchema), ...problemResponses },
      },
    },
    async (request) => listPatronCards(ctx, actorOf(request), request.params.id),
  )

  api.post(
    '/patrons/:id/cards',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'Issue a card to a patron with no active card',
        params: IdParams,
        body: IssueCardBody,
        response: { 201: CardViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await issueCard(ctx, actorOf(request), request.params.id, request.body)),
  )

  api.post(
    '/cards/:barcode/replacement',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'Replace a lost or damaged card; the PIN moves to the new number',
        params: BarcodeParams,
        body: Type.Object({ newBarcode: Type.Optional(Barcode) }, { additionalProperties: false }),
        response: { 201: CardViewSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await replaceCard(ctx, actorOf(request), request.params.barcode, request.body)),
  )

  api.put(
    '/cards/:barcode/status',
    {
      schema: {
        tags,
        summary: 'Mark a card active, lost or expired',
        params: BarcodeParams,
        body: Type.Object(
          {
            status: Type.Union([
              Type.Literal('active'),
              Type.Literal('lost'),
              Type.Literal('expired'),
            ]),
          },
          { additionalProperties: false },
        ),
        response: { 200: CardViewSchema, ...problemResponses },
      },
    },
    async (request) =>
      setCardStatus(ctx, actorOf(request), request.params.barcode, request.body.status),
  )

  api.put(
    '/cards/:barcode/pin',
    {
      schema: {
        tags,
        summary: "Set a card's PIN (staff; the weak-PIN screen applies)",
        params: BarcodeParams,
        body: Type.Object({ pin: Pin }, { additionalProperties: false }),
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await setPin(ctx, actorOf(request), request.params.barcode, request.body.pin)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/cards/verify',
    {
      schema: {
        tags,
        summary: 'Check a card number and PIN',
        description: SAME_ANSWER,
        body: Type.Object({ barcode: Barcode, pin: Pin }, { additionalProperties: false }),
        response: { 200: PinCheckSchema, ...problemResponses },
      },
    },
    async (request) =>
      verifyPin(ctx, actorOf(request), request.body.barcode, request.body.pin, originOf(request)),
  )

  api.post(
    '/cards/:barcode/pin-change',
    {
      schema: {
        tags,
        summary: 'Change a PIN, given the current one',
        description: `The current PIN is checked like POST /cards/verify. ${SAME_ANSWER}`,
        params: BarcodeParams,
        body: Type.Object({ currentPin: Pin, newPin: Pin }, { additionalProperties: false }),
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { currentPin, newPin } = request.body
      await changePin(
        ctx,
        actorOf(request),
        request.params.barcode,
        currentPin,
        newPin,
        originOf(request),
      )
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/cards/:barcode/unlock',
    {
      schema: {
        tags,
        summary: "Lift a card's PIN lockout at once (desk staff)",
        params: BarcodeParams,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await unlockCard(ctx, actorOf(request), request.params.barcode)
      return reply.code(204).send(null)
    },
  )
}
