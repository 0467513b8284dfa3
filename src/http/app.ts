import Fastify, { type FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'
import { authenticate } from './auth.js'
import { docsRoutes, registerOpenApi } from './docs.js'
import { errorHandler, frameworkErrors } from './error-handler.js'
import { refuseNulCharacters } from './input-guard.js'
import { httpLogger, RequestLog } from './logging.js'
import { accountRoutes } from './routes/account.routes.js'
import { auditRoutes } from './routes/audit.routes.js'
import { authRoutes } from './routes/auth.routes.js'
import { cardRoutes } from './routes/cards.routes.js'
import { catalogRoutes } from './routes/catalog.routes.js'
import { circulationRoutes } from './routes/circulation.routes.js'
import { feeRoutes } from './routes/fees.routes.js'
import { healthRoutes } from './routes/health.routes.js'
import { metricsRoutes } from './routes/metrics.routes.js'
import { holdRoutes } from './routes/holds.routes.js'
import { jobRoutes } from './routes/jobs.routes.js'
import { legalRoutes } from './routes/legal.routes.js'
import { libkiRoutes } from './routes/libki.routes.js'
import { libraryRoutes } from './routes/library.routes.js'
import { branchDetailsRoutes } from './routes/branch-details.routes.js'
import { patronRoutes } from './routes/patrons.routes.js'
import { requestRoutes } from './routes/requests.routes.js'
import { sipAccountRoutes } from './routes/sip-accounts.routes.js'
import { staffRoutes } from './routes/staff.routes.js'
import { deviceRoutes } from './routes/devices.routes.js'
import { statisticsRoutes } from './routes/statistics.routes.js'
import { authenticateDevice } from './device-auth.js'
import type { Api, TypeBoxProvider } from './types.js'
import { typeBoxValidator } from './validator.js'
import { pageOrProblemNotFound } from '../web/web-errors.js'
import { webPages } from '../web/web.plugin.js'
import { rewriteLocalePrefix } from '../web/locale.js'

/** Larger than any registration or note; anything bigger is a mistake or an attack. */
export const BODY_LIMIT = 64 * 1024

export interface HttpAppOptions {
  /**
   * Log through the context's logger (redacted, by route pattern): errors and warnings, and one
   * line per request at debug level. Off by default.
   */
  logger?: boolean
}

/** The staff JSON API: validates input, calls one service function, maps the result. */
export async function buildHttpApp(
  ctx: AppContext,
  options: HttpAppOptions = {},
): Promise<FastifyInstance> {
  const app: Api = Fastify({
    ...(options.logger === true
      ? { loggerInstance: httpLogger(ctx.logger), logController: new RequestLog() }
      : { logger: false }),
    bodyLimit: BODY_LIMIT,
    // A hop count, never `true`: `true` would take the leftmost X-Forwarded-For entry, which the
    // client writes itself, so a new made-up address per request would dodge every throttle.
    trustProxy: ctx.config.http.trustProxy
      ? (_address: string, hop: number) => hop < ctx.config.http.proxyHops
      : false,
    frameworkErrors,
    // `/es/…` is a public page in Spanish: routed without the prefix, the language remembered.
    rewriteUrl: rewriteLocalePrefix,
  }).withTypeProvider<TypeBoxProvider>()

  app.setValidatorCompiler(typeBoxValidator)
  // JSON only: a text/plain body is refused with 415 rather than validated as a string.
  app.removeContentTypeParser('text/plain')
  app.decorateRequest('actor', null)
  app.decorateRequest('patronLocale', null)
  app.decorateRequest('device', null)
  app.setErrorHandler(errorHandler)
  // The API keeps its problem answers; any other unknown address gets a web page.
  app.setNotFoundHandler(pageOrProblemNotFound(ctx))
  app.addHook('preValidation', refuseNulCharacters)
  // Closing (the process is stopping): Fastify answers new requests 503 and closes idle
  // connections, but a keep-alive connection whose request was under way would stay open until
  // its client's timeout, and the close would wait on it; its answer now says it is the last.
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    // Answers hold patron records: no browser or proxy may keep a copy, and none may guess a
    // type other than the one declared (a JSON answer is never run as a page or a script).
    reply.header('cache-control', 'no-store')
    reply.header('x-content-type-options', 'nosniff')
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })

  // Counted by route pattern, never by URL: addresses carry card numbers and record ids.
  app.addHook('onResponse', (request, reply, done) => {
    ctx.metrics.httpAnswered(
      request.method,
      request.routeOptions.url,
      reply.statusCode,
      reply.elapsedTime / 1000,
    )
    done()
  })

  await registerOpenApi(app)

  healthRoutes(app, ctx)
  metricsRoutes(app, ctx)
  await docsRoutes(app)
  await app.register(
    async (v1) => {
      const api = v1.withTypeProvider<TypeBoxProvider>()
      authRoutes(api, ctx)
      // A scope of its own, so the token check covers these routes and nothing else.
      await api.register((scope, _options, done) => {
        const secured = scope.withTypeProvider<TypeBoxProvider>()
        secured.addHook('onRequest', authenticate(ctx))
        staffRoutes(secured, ctx)
        patronRoutes(secured, ctx)
        cardRoutes(secured, ctx)
        accountRoutes(secured, ctx)
        auditRoutes(secured, ctx)
        libraryRoutes(secured, ctx)
        branchDetailsRoutes(secured, ctx)
        catalogRoutes(secured, ctx)
        circulationRoutes(secured, ctx)
        holdRoutes(secured, ctx)
        feeRoutes(secured, ctx)
        requestRoutes(secured, ctx)
        legalRoutes(secured, ctx)
        sipAccountRoutes(secured, ctx)
        jobRoutes(secured, ctx)
        done()
      })
    },
    { prefix: '/api/v1' },
  )
  // The public computers' API: its own credential (one per computer), its own scope.
  await app.register(
    (scope, _options, done) => {
      const devices = scope.withTypeProvider<TypeBoxProvider>()
      devices.addHook('onRequest', authenticateDevice(ctx))
      deviceRoutes(devices, ctx)
      done()
    },
    { prefix: '/api/devices' },
  )
  // Libki's kiosk client, when the library switches it on: a scope with its own gate.
  await libkiRoutes(app, ctx)
  // Website statistics (beacon, pixel, script): outside the pages' scope, whose headers would
  // keep the library's other website from loading them.
  await statisticsRoutes(app, ctx)
  // The web pages: a scope of their own (forms, cookies, security headers), outside /api.
  await app.register(webPages(ctx))
  return app
}
