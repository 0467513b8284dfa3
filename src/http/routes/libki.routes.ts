import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { LIBKI_ACTIONS, LibkiEndpoint } from '../../computers/libki.js'
import { AddressAllowList, SecretMatcher } from '../address-allow.js'
import { problem, sendProblem } from '../error-handler.js'
import { originOf } from '../origin.js'
import { problemResponses } from '../schemas/common.js'
import type { Api, TypeBoxProvider } from '../types.js'

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }))

/** What Libki's client sends; it adds more (type, ipaddress, macaddress, hostname, version…). */
const LibkiQuerySchema = Type.Object(
  {
    action: Type.Union(
      LIBKI_ACTIONS.map((a) => Type.Literal(a)),
      { description: 'What the client asks for.' },
    ),
    node: Text(100),
    node_name: Text(100),
    location: Text(40),
    username: Text(64),
    password: Text(64),
    createGuest: Text(1),
    reserved_for: Text(64),
  },
  { additionalProperties: Type.String({ maxLength: 200 }) },
)

const Flag = Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1)]))

const LibkiReplySchema = Type.Object(
  {
    registered: Flag,
    status: Type.Optional(Type.String()),
    reserved_for: Type.Optional(Type.String()),
    ClientBehavior: Type.Optional(Type.String()),
    ReservationShowUsername: Flag,
    EnableClientSessionLocking: Flag,
    EnableClientPasswordlessMode: Flag,
    EnableGuestSelfRegistration: Flag,
    ClientTimeWarningThreshold: Type.Optional(Type.Integer()),
    authenticated: Flag,
    units: Type.Optional(Type.Integer()),
    messages: Type.Optional(Type.Array(Type.String())),
    logged_out: Flag,
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

/**
 * Libki's kiosk client (GET /api/client/v1_0), only when `computers.libki.enabled`: answered for
 * addresses inside `allowFrom` that send the shared token, compared in constant time. Request
 * lines name the route, never the URL (src/http/logging.ts), so the card numbers and PINs the
 * client puts in the query string reach no log.
 */
export async function libkiRoutes(app: Api, ctx: AppContext): Promise<void> {
  const settings = ctx.config.computers.libki
  if (!settings.enabled || settings.token === undefined) return
  const allowed = new AddressAllowList(settings.allowFrom)
  const token = new SecretMatcher(settings.token)
  const header = settings.header.toLowerCase()
  const endpoint = new LibkiEndpoint(ctx)
  app.addHook('onClose', (_instance, done) => {
    endpoint.close()
    done()
  })

  const gate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!allowed.allows(request.ip))
      return sendProblem(
        reply,
        problem(403, 'LIBKI_ADDRESS_REFUSED', 'This address may not use the Libki endpoint.'),
      )
    if (!token.matches(request.headers[header]))
      return sendProblem(
        reply,
        problem(401, 'LIBKI_TOKEN_INVALID', 'The Libki token header is missing or wrong.'),
      )
  }

  await app.register((scope, _options, done) => {
    const api = scope.withTypeProvider<TypeBoxProvider>()
    api.addHook('onRequest', gate)
    api.get(
      '/api/client/v1_0',
      {
        schema: {
          tags: ['libki'],
          summary: "Libki's kiosk client protocol (opt-in)",
          description:
            'register_node, login, get_user_data, logout and acknowledge_reservation, as Libki 2.x clients send them. Only from `computers.libki.allowFrom`, with the token in the header `computers.libki.header`.',
          security: [],
          querystring: LibkiQuerySchema,
          response: { 200: LibkiReplySchema, ...problemResponses },
        },
      },
      async (request) => endpoint.handle(request.query, originOf(request)),
    )
    done()
  })
}
