import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'
import { assetRoutes } from './assets.js'
import {
  accountSignInRoutes,
  accountSignOutRoute,
  PATRON_SESSION_MINUTES,
  requirePatron,
} from './routes/account-auth.routes.js'
import { accountDataRoutes } from './routes/account-data.routes.js'
import { accountNewsletterRoutes } from './routes/account-newsletter.routes.js'
import { accountRoutes } from './routes/account.routes.js'
import { branchRoutes } from './routes/branches.routes.js'
import { newsletterRoutes } from './routes/newsletter.routes.js'
import { policyRoutes } from './routes/policy.routes.js'
import { askRoutes } from './routes/ask.routes.js'
import { computerQueueRoutes } from './routes/computer-queue.routes.js'
import { accountInquiryRoutes } from './routes/account-inquiries.routes.js'
import { publicRoutes } from './routes/public.routes.js'
import { publicRecordsRoutes } from './routes/public-records.routes.js'
import { CSP_DIRECTIVES, refuseCrossSitePosts, SITE_REFERRER_POLICY, webKeys } from './security.js'
import { csrfOnPosts, useSession } from './sessions.js'
import { staffArea } from './staff-area.js'
import { webErrorHandler } from './web-errors.js'

const mutable = Object.fromEntries(
  Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]),
) as Record<string, string[]>

/**
 * The web pages: public pages, the patron's account and the staff desk, on the API's Fastify
 * instance but in a scope of their own, so none of their plugins (forms, cookies, headers)
 * touches the JSON API.
 */
export function webPages(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const keys = webKeys(ctx)
    // Pages are not part of the API's OpenAPI document.
    app.addHook('onRoute', (route) => {
      route.schema = { ...(route.schema ?? {}), hide: true }
    })
    await app.register(fastifyFormbody)
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives: mutable },
      referrerPolicy: { policy: SITE_REFERRER_POLICY },
      frameguard: { action: 'deny' },
      crossOriginEmbedderPolicy: true,
      // Not for sibling hosts: a library may run other sites under its domain.
      hsts: { maxAge: 180 * 86_400, includeSubDomains: false },
    })
    app.setErrorHandler(webErrorHandler(ctx))
    app.addHook('onRequest', refuseCrossSitePosts)

    await app.register((scope, _options, done) => {
      assetRoutes(scope)
      done()
    })
    await app.register((scope, _options, done) => {
      publicRoutes(scope, ctx)
      branchRoutes(scope, ctx)
      done()
    })
    await app.register((scope, _options, done) => {
      policyRoutes(scope, ctx)
      publicRecordsRoutes(scope, ctx, keys.form)
      done()
    })
    // A scope of its own: it reads RFC 8058's multipart one-click posts, which no other page takes.
    await app.register((scope, _options, done) => {
      newsletterRoutes(scope, ctx, keys.form)
      done()
    })
    await app.register((scope, _options, done) => {
      askRoutes(scope, ctx, keys.form)
      done()
    })
    await app.register((scope, _options, done) => {
      computerQueueRoutes(scope, ctx, keys.form)
      done()
    })
    await app.register(async (account) => {
      await useSession(account, {
        cookieName: 'carrel_account',
        path: '/account',
        key: keys.account,
        expirySeconds: PATRON_SESSION_MINUTES * 60,
      })
      accountSignInRoutes(account, ctx, keys.form)
      await account.register((signedIn, _options, done) => {
        signedIn.addHook('preHandler', requirePatron(ctx))
        signedIn.addHook('preHandler', csrfOnPosts(signedIn))
        accountSignOutRoute(signedIn, ctx)
        accountRoutes(signedIn, ctx)
        accountDataRoutes(signedIn, ctx)
        accountNewsletterRoutes(signedIn, ctx)
        accountInquiryRoutes(signedIn, ctx)
        done()
      })
    })
    await app.register(async (staff) => staffArea(staff, ctx, keys))
  }
}
