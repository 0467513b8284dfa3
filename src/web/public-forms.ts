import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { AppError } from '../errors.js'
import { originOf } from '../http/origin.js'
import { addDays, endOfLocalDay, localDate } from '../library/calendar.js'
import { reserveAddressAttempt } from '../privacy/throttle.js'
import type { Form } from './forms.js'
import { checkFormToken } from './security.js'

/**
 * The field a person never sees or fills in: it sits off-screen, out of the tab order and hidden
 * from screen readers. Programs that fill in every field they find fill it in too.
 */
export const HONEYPOT_FIELD = 'website'

/** Largest body a public form accepts (bytes); the services cap each field more tightly. */
export const PUBLIC_FORM_BODY_LIMIT = 32 * 1024

export type PublicFormOutcome = 'store' | 'discard'

export const FORM_EXPIRED = () =>
  new AppError(
    'forbidden',
    'FORM_EXPIRED',
    'The form was open too long or did not come from this site. Reload it and send it again.',
  )

/**
 * The defences every public form shares, in order: the form's own token (a cross-site post or a
 * stale page is refused), the honeypot (filled in: answer as if stored, store nothing), then one
 * attempt from the network address's `public-form` budget (429 past
 * `forms.submissionsPerAddress`). The address is only counted, under a keyed digest, and never
 * stored with what is sent.
 */
export async function guardPublicForm(
  ctx: AppContext,
  request: FastifyRequest,
  formKey: Buffer,
  form: string,
  body: Form,
): Promise<PublicFormOutcome> {
  if (!checkFormToken(formKey, form, body.text('_form'), ctx.clock.now().getTime()))
    throw FORM_EXPIRED()
  if (body.text(HONEYPOT_FIELD) !== undefined) return 'discard'
  await reserveAddressAttempt(ctx, originOf(request), 'public-form')
  return 'store'
}

/**
 * The day's cap for one form, whatever addresses a flood comes from: `sentToday` is what the
 * form's own table holds since the start of the library's day (see `startOfToday`). Past
 * `forms.submissionsPerDay` the form is refused until the library's next day begins.
 */
export function checkDailyCap(ctx: AppContext, sentToday: number): void {
  if (sentToday < ctx.config.forms.submissionsPerDay) return
  const now = ctx.clock.now()
  const tz = ctx.config.library.timezone
  const tomorrow = endOfLocalDay(localDate(now, tz), tz).getTime() + 1000
  throw new AppError(
    'throttled',
    'FORM_DAILY_LIMIT',
    'This form has taken all it can for today. Try again tomorrow, or phone or visit the library.',
    { retryAfterSeconds: Math.max(1, Math.ceil((tomorrow - now.getTime()) / 1000)) },
  )
}

/** The instant the library's current day began, as stored times are written (ISO, UTC). */
export function startOfToday(ctx: AppContext): string {
  const tz = ctx.config.library.timezone
  const yesterday = addDays(localDate(ctx.clock.now(), tz), -1)
  return new Date(endOfLocalDay(yesterday, tz).getTime() + 1000).toISOString()
}
