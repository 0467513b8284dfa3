import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../actor.js'
import { sandboxClockNotice } from '../clock.js'
import type { AppContext } from '../context.js'
import { can } from '../staff/roles.js'
import type { Flash } from './sessions.js'
import { sessionString, takeFlash } from './sessions.js'
import type { Locale } from '../i18n/catalog.js'
import type { T } from '../i18n/i18n.js'
import { requestI18n, staffI18n, type I18n } from './locale.js'
import type { Chrome, NavLink } from './views/layout.js'

export function publicNav(t: T): NavLink[] {
  return [
    { href: '/', label: t('common.nav.home') },
    { href: '/search', label: t('common.nav.search') },
    { href: '/branches', label: t('branches.nav') },
    { href: '/account', label: t('common.nav.account') },
    { href: '/databases', label: t('common.nav.databases') },
    { href: '/newsletter', label: t('newsletter.nav') },
    { href: '/ask', label: t('inquiries.nav') },
    { href: '/computers/queue', label: t('computerQueue.nav') },
    { href: '/suggestions', label: t('records.suggestions.nav') },
    { href: '/privacy', label: t('common.nav.privacy') },
  ]
}

export function accountNav(ctx: AppContext, t: T): NavLink[] {
  return [
    { href: '/account', label: t('common.accountNav.checkouts') },
    { href: '/account/holds', label: t('common.accountNav.holds') },
    { href: '/account/fines', label: t('common.accountNav.fines') },
    { href: '/account/history', label: t('common.accountNav.history') },
    { href: '/account/choices', label: t('common.accountNav.messages') },
    { href: '/account/ask', label: t('inquiries.accountNav') },
    { href: '/account/my-data', label: t('common.accountNav.myData') },
    ...(ctx.config.web.showAccessLog
      ? [{ href: '/account/accesses', label: t('common.accountNav.accesses') }]
      : []),
    { href: '/account/pin', label: t('common.accountNav.pin') },
    // Back out to the public site (the library's name leads home).
    { href: '/search', label: t('common.nav.search') },
  ]
}

/**
 * The language of a patron-facing page: the address, then (signed in) the patron's stored
 * choice, then the browser's Accept-Language. Staff pages are always in English.
 */
export function pageI18n(ctx: AppContext, request: FastifyRequest, area: Chrome['area']): I18n {
  const zone = ctx.config.library.timezone
  if (area === 'staff') return staffI18n(zone)
  return requestI18n(request, zone, area === 'account' ? request.patronLocale : undefined)
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A signed-in patron's stored language; null when they follow the browser's. */
    patronLocale: Locale | null
  }
}

/** The desk's sections; a link is shown only to roles whose services would allow it. */
export function staffNav(actor: Actor | null): NavLink[] {
  const may = (p: Parameters<typeof can>[1]) => actor !== null && can(actor, p)
  return [
    { href: '/staff', label: 'Desk', show: may('patron.read') },
    { href: '/staff/checkin', label: 'Check in', show: may('circ.desk') },
    { href: '/staff/holds', label: 'Hold shelf', show: may('circ.desk') },
    { href: '/staff/patrons/new', label: 'Register', show: may('patron.register') },
    { href: '/staff/catalog', label: 'Catalog', show: actor !== null },
    { href: '/staff/audit', label: 'Audit log', show: may('audit.read') },
    { href: '/staff/accounts', label: 'Staff accounts', show: may('staff.manage') },
    { href: '/staff/mail', label: 'Mail not sent', show: may('mail.read') },
    {
      href: '/staff/mail/print',
      label: 'Letters to print',
      show: may('mail.print') && !may('mail.read'),
    },
    { href: '/staff/newsletter', label: 'Newsletter', show: may('newsletter.manage') },
    { href: '/staff/policy', label: 'Policy', show: may('policy.manage') },
    {
      href: '/staff/inquiries',
      label: 'Questions',
      show: may('inquiries.manage') || may('address.review'),
    },
    { href: '/staff/requests', label: 'Requests', show: may('requests.manage') },
    { href: '/staff/suggestions', label: 'Suggestions', show: may('suggestions.manage') },
    { href: '/staff/records-requests', label: 'Records requests', show: may('records.manage') },
    { href: '/staff/branches', label: 'Branches', show: may('library.manage') },
    { href: '/staff/computers', label: 'Computers', show: may('computers.desk') },
    { href: '/staff/computers/queue', label: 'Computer queue', show: may('computers.desk') },
    { href: '/staff/statistics', label: 'Statistics', show: may('statistics.read') },
  ]
    .filter((l) => l.show)
    .map(({ href, label }) => ({ href, label }))
}

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? request.url

export function publicChrome(ctx: AppContext, request: FastifyRequest, title: string): Chrome {
  const i18n = pageI18n(ctx, request, 'public')
  return {
    library: ctx.config.library.name,
    title,
    area: 'public',
    statistics: ctx.config.statistics.enabled,
    nav: publicNav(i18n.t),
    path: pathOf(request),
    url: request.url,
    i18n,
  }
}

/** A signed-in patron's page: the navigation, the sign-out form and the last action's outcome. */
export function accountChrome(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
): Chrome {
  const flash: Flash | undefined = takeFlash(request)
  const i18n = pageI18n(ctx, request, 'account')
  return {
    library: ctx.config.library.name,
    title,
    area: 'account',
    nav: accountNav(ctx, i18n.t),
    path: pathOf(request),
    url: request.url,
    i18n,
    user: {
      label: i18n.t('common.signedIn'),
      signOutAction: '/account/sign-out',
      csrf: reply.generateCsrf(),
    },
    ...(flash !== undefined && { flash }),
  }
}

export function staffChrome(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
): Chrome {
  const flash = takeFlash(request)
  const name = sessionString(request, 'name') ?? 'Staff'
  const place = sessionString(request, 'place') ?? sessionString(request, 'branch') ?? ''
  const role = request.actor?.role?.replace('_', ' ') ?? ''
  return {
    library: ctx.config.library.name,
    title,
    area: 'staff',
    nav: staffNav(request.actor),
    path: pathOf(request),
    url: request.url,
    i18n: pageI18n(ctx, request, 'staff'),
    user: {
      label: `${name} · ${role.charAt(0).toUpperCase()}${role.slice(1)} · ${place}`,
      signOutAction: '/staff/sign-out',
      csrf: reply.generateCsrf(),
    },
    scripts: true,
    ...(flash !== undefined && { flash }),
    ...sandboxOf(ctx),
  }
}

/** A demo on a moved clock says so on every staff page, so nobody takes its dates for real. */
function sandboxOf(ctx: AppContext): Pick<Chrome, 'sandboxClock'> {
  const notice = sandboxClockNotice(ctx.clock)
  return notice === undefined ? {} : { sandboxClock: notice }
}

/** For pages made before anyone is known (sign-in forms, errors): the area, without a user. */
export function bareChrome(
  ctx: AppContext,
  request: FastifyRequest,
  title: string,
  area: Chrome['area'],
): Chrome {
  const i18n = pageI18n(ctx, request, area)
  return {
    library: ctx.config.library.name,
    title,
    area,
    nav: area === 'public' ? publicNav(i18n.t) : [],
    path: pathOf(request),
    url: request.url,
    i18n,
    ...(area === 'staff' && sandboxOf(ctx)),
  }
}
