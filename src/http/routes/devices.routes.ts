import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { computerEvents } from '../../computers/computer-events.js'
import { joinQueue } from '../../computers/queue-join.js'
import {
  lockScreen,
  logOff,
  sessionStatus,
  startSession,
  unlockScreen,
  type Credentials,
} from '../../computers/sessions.service.js'
import { deviceOf } from '../device-auth.js'
import { emptyBodyIsEmptyObject } from '../input-guard.js'
import { originOf } from '../origin.js'
import { NoContent, problemResponses } from '../schemas/common.js'
import {
  EmptyBody,
  KioskStatusSchema,
  LockBody,
  LockedSchema,
  QueueBody,
  SessionViewSchema,
  SignInBody,
  TicketSchema,
} from '../schemas/devices.js'
import type { Api } from '../types.js'

const tags = ['devices']
const security = [{ deviceToken: [] }]

/**
 * A stream re-reads the computer's status on every event in this process and at least this
 * often, so a change made through another Carrel process still arrives within half a minute.
 */
export const STATUS_EVERY_MS = 25_000

/** The public computers' own API, each computer signed in with its device credential. */
export function deviceRoutes(api: Api, ctx: AppContext): void {
  // Open event streams never end by themselves: closing the server ends them first, or it would
  // wait on every connected kiosk. The kiosks reconnect to whichever process is still serving.
  const openStreams = new Set<() => void>()
  api.addHook('preClose', (done) => {
    for (const end of openStreams) end()
    done()
  })

  api.post(
    '/session',
    {
      schema: {
        tags,
        security,
        summary: 'Sign in on this computer with a card and PIN, or a guest pass',
        description:
          'The PIN is checked once, with the card lockout and the per-address throttle, and never stored. Refusals: INVALID_CREDENTIALS, CARD_LOCKED, CARD_NOT_USABLE, COMPUTER_OUT_OF_SERVICE, COMPUTER_IN_USE, ACCOUNT_IN_USE, NO_TIME_LEFT, LIBRARY_CLOSED, NOT_ALLOWED, RESERVED_FOR_OTHER, GUEST_PASS_INVALID.',
        body: SignInBody,
        response: { 201: SessionViewSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body
      const creds: Credentials =
        'guestPass' in body
          ? { kind: 'guest', code: body.guestPass }
          : { kind: 'card', barcode: body.card, pin: body.pin }
      const view = await startSession(ctx, deviceOf(request), creds, originOf(request))
      return reply.code(201).send(view)
    },
  )

  api.post(
    '/queue',
    {
      schema: {
        tags,
        security,
        summary: "Join the waiting list for this computer's group with a card and PIN",
        description:
          'For a computer held for someone else or out of service: the person gets a ticket and is called to the next free computer of the group. The PIN is checked with the card lockout and the per-address throttle. Refusals: INVALID_CREDENTIALS, CARD_LOCKED, CARD_NOT_USABLE, NOT_ALLOWED, ALREADY_IN_QUEUE.',
        body: QueueBody,
        response: { 201: TicketSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const device = deviceOf(request)
      const { ticket } = await joinQueue(
        ctx,
        { groupId: device.groupId, barcode: request.body.card, pin: request.body.pin },
        originOf(request),
      )
      return reply.code(201).send({ ticket })
    },
  )

  api.post(
    '/status',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        security,
        summary: "This computer's status (also its heartbeat); staff messages are handed over once",
        body: EmptyBody,
        response: { 200: KioskStatusSchema, ...problemResponses },
      },
    },
    async (request) => sessionStatus(ctx, deviceOf(request)),
  )

  api.post(
    '/logoff',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        security,
        summary: 'End the session on this computer (nothing happens when nobody is signed in)',
        body: EmptyBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await logOff(ctx, deviceOf(request))
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/lock',
    {
      schema: {
        tags,
        security,
        summary: 'Lock the screen for a short absence with a temporary code',
        description:
          'The time keeps running; the lock lasts computers.lockMinutes and then the session ends.',
        body: LockBody,
        response: { 200: LockedSchema, ...problemResponses },
      },
    },
    async (request) => lockScreen(ctx, deviceOf(request), request.body.code),
  )

  api.post(
    '/unlock',
    {
      schema: {
        tags,
        security,
        summary: 'Unlock the screen with the code it was locked with',
        description:
          'A wrong code answers UNLOCK_CODE_WRONG; the fifth ends the session (UNLOCK_ATTEMPTS_EXHAUSTED).',
        body: LockBody,
        response: { 204: NoContent, ...problemResponses },
      },
    },
    async (request, reply) => {
      await unlockScreen(ctx, deviceOf(request), request.body.code)
      return reply.code(204).send(null)
    },
  )

  api.get(
    '/events',
    {
      schema: {
        tags,
        security,
        summary: "This computer's status as server-sent events",
        description:
          'text/event-stream: an event `status` whose data is the status JSON (as POST /api/devices/status answers), at once, on every change, and at least every 25 seconds.',
        response: {
          200: Type.String({ description: 'A text/event-stream of `status` events.' }),
          ...problemResponses,
        },
      },
    },
    (request, reply) => {
      const device = deviceOf(request)
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      let closed = false
      let running = false
      let again = false
      // One read at a time; events arriving meanwhile fold into one more read.
      const push = async (): Promise<void> => {
        if (closed) return
        if (running) {
          again = true
          return
        }
        running = true
        try {
          do {
            again = false
            const status = await sessionStatus(ctx, device)
            if (!closed) raw.write(`event: status\ndata: ${JSON.stringify(status)}\n\n`)
          } while (again && !closed)
        } catch (err) {
          request.log.error({ err }, 'device event stream: status read failed')
        } finally {
          running = false
        }
      }
      const unsubscribe = computerEvents.subscribe(device.id, () => void push())
      const timer = setInterval(() => void push(), STATUS_EVERY_MS)
      timer.unref()
      const end = () => {
        closed = true
        clearInterval(timer)
        unsubscribe()
        openStreams.delete(end)
        if (!raw.writableEnded) raw.end()
      }
      openStreams.add(end)
      request.raw.on('close', end)
      void push()
    },
  )
}
