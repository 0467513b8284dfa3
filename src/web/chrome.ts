import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../actor.js'
import { sandboxClockNotice } from '../clock.js'
import type { AppContext } from '../context.js'
import { can } from '../staff/roles.js'
import type { Flash } from './sessions.js'
import { sessionString, takeFlash } from './sessions.js'
import type { Chrome, NavLink } from './views/layout.js'

export const PUBLIC_NAV: NavLink[] = [
  { href: '/', label: 'Home' },
  { href: '/search', label: 'Search the catalogue' },
  { href: '/account', label: 'Your account' },
  { href: '/databases', label: 'Online databases' },
  { href: '/privacy', label: 'Privacy' },
]

export function accountNav(ctx: AppContext): NavLink[] {
  return [
    { href: '/account', label: 'Checkouts' },
    { href: '/account/holds', label: 'Holds' },
    { href: '/account/fines', label: 'Fines and balance' },
    { href: '/account/history', label: 'Reading history' },
    { href: '/account/choices', label: 'Messages' },
    { href: '/account/my-data', label: 'My data' },
    ...(ctx.config.web.showAccessLog
      ? [{ href: '/account/accesses', label: 'Who looked at my record' }]
      : []),
    { href: '/account/pin', label: 'Change PIN' },
  ]
}

/** The desk's sections; a link is shown only to roles whose services would allow it. */
export function staffNav(actor: Actor | null): NavLink[] {
  const may = (p: Parameters<typeof can>[1]) => actor !== null && can(actor, p)
  return [
    { href: '/staff', label: 'Desk', show: may('patron.read') },
    { href: '/staff/checkin', label: 'Check in', show: may('circ.desk') },
    { href: '/staff/holds', label: 'Hold shelf', show: may('circ.desk') },
    { href: '/staff/patrons/new', label: 'Register', show: may('patron.register') },
    { href: '/staff/catalog', label: 'Catalogue', show: actor !== null },
    { href: '/staff/audit', label: 'Audit log', show: may('audit.read') },
    { href: '/staff/accounts', label: 'Staff accounts', show: may('staff.manage') },
  ]
    .filter((l) => l.show)
    .map(({ href, label }) => ({ href, label }))
}

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? request.url

export function publicChrome(ctx: AppContext, request: FastifyRequest, title: string): Chrome {
  return {
    library: ctx.config.library.name,
    title,
    area: 'public',
    nav: PUBLIC_NAV,
    path: pathOf(request),
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
  return {
    library: ctx.config.library.name,
    title,
    area: 'account',
    nav: accountNav(ctx),
    path: pathOf(request),
    user: { label: 'Signed in', signOutAction: '/account/sign-out', csrf: reply.generateCsrf() },
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
  return {
    library: ctx.config.library.name,
    title,
    area,
    nav: area === 'public' ? PUBLIC_NAV : [],
    path: pathOf(request),
    ...(area === 'staff' && sandboxOf(ctx)),
  }
}
