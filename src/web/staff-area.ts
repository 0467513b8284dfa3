import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'
import { staffAccountRoutes } from './routes/staff-account.routes.js'
import { staffAdminRoutes } from './routes/staff-admin.routes.js'
import { staffBranchRoutes } from './routes/staff-branches.routes.js'
import { requireStaff, staffSessionRoutes, staffSignInRoutes } from './routes/staff-auth.routes.js'
import { staffCatalogRoutes } from './routes/staff-catalog.routes.js'
import { staffCheckinRoutes } from './routes/staff-checkin.routes.js'
import { staffComputerRoutes } from './routes/staff-computers.routes.js'
import { staffComputerSetupRoutes } from './routes/staff-computers-setup.routes.js'
import { staffDeskRoutes } from './routes/staff-desk.routes.js'
import { staffMailRoutes } from './routes/staff-mail.routes.js'
import { staffNewsletterRoutes } from './routes/staff-newsletter.routes.js'
import { staffInquiryRoutes } from './routes/staff-inquiries.routes.js'
import { staffRequestRoutes } from './routes/staff-requests.routes.js'
import { staffPatronRoutes } from './routes/staff-patrons.routes.js'
import { staffPolicyRoutes } from './routes/staff-policy.routes.js'
import { staffRecordsRequestsRoutes } from './routes/staff-records-requests.routes.js'
import { staffSuggestionsRoutes } from './routes/staff-suggestions.routes.js'
import { staffComputerQueueRoutes } from './routes/staff-computer-queue.routes.js'
import { staffAnnualRoutes } from './routes/staff-annual.routes.js'
import { staffStatisticsRoutes } from './routes/staff-statistics.routes.js'
import { staffLibraryStatisticsRoutes } from './routes/staff-library-statistics.routes.js'
import type { WebKeys } from './security.js'
import { csrfOnPosts, useSession } from './sessions.js'

/** The staff desk: its own cookie, scoped to /staff, checked against the account on every request. */
export async function staffArea(
  app: FastifyInstance,
  ctx: AppContext,
  keys: WebKeys,
): Promise<void> {
  await useSession(app, {
    cookieName: 'carrel_staff',
    path: '/staff',
    key: keys.staff,
    expirySeconds: ctx.config.security.staffTokenMinutes * 60,
  })
  staffSignInRoutes(app, ctx, keys.form)
  await app.register((signedIn, _options, done) => {
    signedIn.addHook('preHandler', requireStaff(ctx))
    signedIn.addHook('preHandler', csrfOnPosts(signedIn))
    staffSessionRoutes(signedIn, ctx)
    staffDeskRoutes(signedIn, ctx)
    staffCheckinRoutes(signedIn, ctx)
    staffPatronRoutes(signedIn, ctx)
    staffAccountRoutes(signedIn, ctx)
    staffCatalogRoutes(signedIn, ctx)
    staffAdminRoutes(signedIn, ctx)
    staffMailRoutes(signedIn, ctx)
    staffNewsletterRoutes(signedIn, ctx)
    staffPolicyRoutes(signedIn, ctx)
    staffInquiryRoutes(signedIn, ctx)
    staffRequestRoutes(signedIn, ctx)
    staffSuggestionsRoutes(signedIn, ctx)
    staffRecordsRequestsRoutes(signedIn, ctx)
    staffBranchRoutes(signedIn, ctx)
    staffComputerQueueRoutes(signedIn, ctx)
    staffComputerRoutes(signedIn, ctx)
    staffComputerSetupRoutes(signedIn, ctx)
    staffAnnualRoutes(signedIn, ctx)
    staffStatisticsRoutes(signedIn, ctx)
    staffLibraryStatisticsRoutes(signedIn, ctx)
    done()
  })
}
