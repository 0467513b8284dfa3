import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { originOf } from '../../http/origin.js'
import { getLibraryStructure } from '../../library/library.service.js'
import {
  actorFromStaffSession,
  DEVICE_DAYS,
  endStaffSessions,
  signInStaff,
} from '../../staff/staff.service.js'
import { signedInActor } from '../actions.js'
import { bareChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { isHtmx, seeOther, sendPage } from '../render.js'
import { checkFormToken, formToken } from '../security.js'
import { endSession, sessionNumber, sessionString, setFlash, startSession } from '../sessions.js'
import { StaffSignInPage } from '../views/sign-in.js'

const FORM = 'staff-sign-in'
/** A browser that has signed in to an account before (see `signInStaff`); read only by the sign-in form. */
const DEVICE_COOKIE = 'carrel_staff_device'

/**
 * The account is looked up on every request, exactly as for an API token: switching it off,
 * changing its role or password, or signing out anywhere ends the session at once.
 */
export function requireStaff(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const id = sessionString(request, 'staff')
    const issued = sessionNumber(request, 'iat')
    const version = sessionNumber(request, 'sv')
    const actor =
      id === undefined || issued === undefined || version === undefined
        ? undefined
        : await actorFromStaffSession(ctx, id, issued, version)
    if (actor !== undefined) {
      request.actor = actor
      return
    }
    if (id !== undefined) endSession(request)
    // htmx would follow a redirect and swap the sign-in page into the panel: ask for a page load.
    if (isHtmx(request)) await reply.header('hx-redirect', '/staff/sign-in').code(200).send()
    else await seeOther(reply, '/staff/sign-in')
  }
}

export function staffSignInRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const branchOptions = async () =>
    (await getLibraryStructure(ctx.db)).branches.map((b) => ({ value: b.code, label: b.name }))

  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      username?: string | undefined
      branch?: string | undefined
      problem?: string
      status?: number
    } = {},
  ) =>
    sendPage(
      reply,
      <StaffSignInPage
        chrome={bareChrome(ctx, request, 'Staff sign-in', 'staff')}
        token={formToken(formKey, FORM, ctx.clock.now().getTime())}
        branches={await branchOptions()}
        username={extra.username}
        branch={extra.branch}
        problem={extra.problem}
      />,
      extra.status ?? 200,
    )

  app.get('/staff/sign-in', async (request, reply) => form(request, reply))

  app.post('/staff/sign-in', async (request, reply) => {
    const body = bodyOf(request)
    const username = body.text('username')
    const branches = await branchOptions()
    const chosen = branches.find((b) => b.value === body.text('branch')) ?? branches[0]
    const branch = chosen?.value ?? ''
    if (!checkFormToken(formKey, FORM, body.text('_form'), ctx.clock.now().getTime()))
      return form(request, reply, {
        username,
        branch,
        problem: 'The sign-in form had expired. Please try again.',
        status: 403,
      })
    try {
      const session = await signInStaff(ctx, username ?? '', body.secret('password'), {
        origin: originOf(request),
        device: request.cookies[DEVICE_COOKIE],
      })
      // This browser is known to the account from now on: guessing from elsewhere cannot lock it out.
      void reply.setCookie(DEVICE_COOKIE, session.device, {
        path: '/staff/sign-in',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        maxAge: DEVICE_DAYS * 86_400,
      })
      startSession(request, reply, {
        staff: session.staff.id,
        iat: ctx.clock.now().getTime(),
        sv: session.sessionVersion,
        name: session.staff.displayName,
        branch,
        place: chosen?.label ?? branch,
      })
      return seeOther(reply, '/staff')
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      // A throttled address is told when to come back, as on the API.
      if (err.kind === 'throttled') void reply.header('retry-after', String(retryAfterSeconds(err)))
      return form(request, reply, {
        username,
        branch,
        problem: err.message,
        status: problemFor(err).status,
      })
    }
  })
}

/** Signed in: signing out, and moving to another branch's desk. */
export function staffSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/staff/sign-out', async (request, reply) => {
    // Every desk session of the account ends, on every instance; API tokens are left alone.
    await endStaffSessions(ctx, signedInActor(request))
    endSession(request)
    return seeOther(reply, '/staff/sign-in')
  })

  app.post('/staff/branch', async (request, reply) => {
    const wanted = bodyOf(request).text('branch')
    const found = (await getLibraryStructure(ctx.db)).branches.find((b) => b.code === wanted)
    if (found === undefined) setFlash(request, { kind: 'error', text: 'No such branch.' })
    else {
      request.session.set('branch', found.code)
      request.session.set('place', found.name)
      setFlash(request, { kind: 'ok', text: `You are now working at ${found.name}.` })
    }
    return seeOther(reply, '/staff')
  })
}
