import type { FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { render } from 'preact-render-to-string'

/** Preact escapes every value it renders, so no patron-supplied text can become markup. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
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
