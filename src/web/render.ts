import type { FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { render } from 'preact-render-to-string'
import type { I18n } from './locale.js'

/**
 * Preact escapes every value it renders, so no patron-supplied text can become markup. A page
 * says which language it is in; one whose language the browser chose varies with that choice.
 */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const i18n = (page.props as { chrome?: { i18n?: I18n } }).chrome?.i18n
  if (i18n !== undefined) {
    void reply.header('content-language', i18n.locale)
    if (i18n.source === 'browser') void reply.header('vary', 'Accept-Language')
  }
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(page)}`)
}

/** A piece of a page, for htmx to swap in place. */
export function sendFragment(reply: FastifyReply, fragment: VNode): FastifyReply {
  return reply.code(200).type('text/html; charset=utf-8').send(render(fragment))
}

/** htmx marks its requests; everything else (no script, or a plain form) gets whole pages. */
export const isHtmx = (request: FastifyRequest): boolean => request.headers['hx-request'] === 'true'

/** Post, then redirect, then get: reloading the page never repeats the action. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send()
}
