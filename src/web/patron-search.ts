import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config/config.js'
import { bodyOf } from './forms.js'
import { seeOther } from './render.js'
import { keepRef, recallRef, type PatronSearchQuery } from './session-refs.js'
import { SEARCH_BY } from './views/staff/desk.js'
import type { Option } from './views/ui.js'

/** The longest search the form accepts (an email address). */
const LONGEST = 254

/** The results page for a search kept in the session: the address holds only the token. */
export const searchResultsPath = (token: string): string =>
  `/staff/patrons/search?r=${encodeURIComponent(token)}`

/** The ways to search this library offers: a switched-off field is not searchable either. */
export function searchOptions(config: Config): Option[] {
  return SEARCH_BY.filter(
    (o) =>
      (o.value !== 'phone' || config.patrons.fields.phone) &&
      (o.value !== 'licenceNumber' || config.patrons.fields.licenceNumber),
  )
}

/**
 * The desk's search form is posted, so a surname or an email never sits in an address or a log.
 * The words are kept in the session under a random token, and the browser is sent to a results
 * page whose address carries only that token: Back, Forward and reload then work without
 * sending the form again.
 */
export function postedPatronSearch(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = bodyOf(request)
  const by = SEARCH_BY.find((o) => o.value === body.text('by'))?.value ?? 'surname'
  const value = (body.text('value') ?? '').slice(0, LONGEST)
  return seeOther(reply, searchResultsPath(keepRef(request, 'searches', { by, value })))
}

/** The search a token names in this session, if it is still kept. */
export const recalledSearch = (
  request: FastifyRequest,
  token: string | undefined,
): PatronSearchQuery | undefined => recallRef(request, 'searches', token)
