import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { FastifyInstance } from 'fastify'
import { DESK_SCRIPT } from './assets/desk-script.js'
import { FAVICON_SVG } from './assets/favicon.js'
import { KIOSK_SCRIPT } from './assets/kiosk-script.js'
import { STYLESHEET } from './assets/stylesheet.js'

interface Asset {
  body: Buffer
  type: string
  etag: string
}

function asset(body: string | Buffer, type: string): Asset {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  return {
    body: buffer,
    type,
    etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 22)}"`,
  }
}

/** htmx is served from this site, never a CDN: the page's policy allows no other origin. */
function htmxSource(): Buffer {
  const require = createRequire(import.meta.url)
  return readFileSync(require.resolve('htmx.org/dist/htmx.min.js'))
}

/** The stylesheet, the scripts and the icon, held in memory; they carry no personal data, so they may be cached. */
export function assetRoutes(app: FastifyInstance): void {
  const assets: Record<string, Asset> = {
    'carrel.css': asset(STYLESHEET, 'text/css; charset=utf-8'),
    'desk.js': asset(DESK_SCRIPT, 'text/javascript; charset=utf-8'),
    'kiosk.js': asset(KIOSK_SCRIPT, 'text/javascript; charset=utf-8'),
    'htmx.min.js': asset(htmxSource(), 'text/javascript; charset=utf-8'),
    'favicon.svg': asset(FAVICON_SVG, 'image/svg+xml'),
  }
  // Runs after the application's own no-store hook, which is right for everything but these.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'public, max-age=3600, must-revalidate')
    return payload
  })
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const found = Object.hasOwn(assets, request.params.name)
      ? assets[request.params.name]
      : undefined
    if (found === undefined) return reply.callNotFound()
    reply.header('etag', found.etag).type(found.type)
    if (request.headers['if-none-match'] === found.etag) return reply.code(304).send()
    return reply.send(found.body)
  })
  // Browsers ask for /favicon.ico on their own, whatever the page links to.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.code(301).header('location', '/assets/favicon.svg').send(),
  )
}
