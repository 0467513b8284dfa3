import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'

export interface Page {
  status: number
  body: string
  headers: LightMyRequestResponse['headers']
  /** Every Set-Cookie header of this answer, as sent. */
  setCookies: string[]
  location: string | undefined
}

interface StoredCookie {
  name: string
  value: string
  path: string
}

export const setCookiesOf = (headers: LightMyRequestResponse['headers']): string[] => {
  const raw = headers['set-cookie']
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
}

/** The value of a named hidden input in a page (the first one). */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)
  if (m?.[1] === undefined) throw new Error(`no hidden ${name} field on the page`)
  return m[1].replaceAll('&amp;', '&')
}

/**
 * A small browser over app.inject: it keeps cookies by path, sends them back, and posts forms
 * the way a same-origin page would. Every answer it saw is kept, for the cookie assertions.
 */
export class WebClient {
  readonly jar = new Map<string, StoredCookie>()
  readonly seen: { url: string; page: Page }[] = []

  constructor(
    private readonly app: () => FastifyInstance,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader(url: string): string | undefined {
    const path = url.split('?')[0] ?? url
    const sent = [...this.jar.values()].filter(
      (c) => path === c.path || path.startsWith(`${c.path}/`) || c.path === '/',
    )
    return sent.length === 0 ? undefined : sent.map((c) => `${c.name}=${c.value}`).join('; ')
  }

  private remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim())
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) ?? '/'
      const gone = value === '' || attrs.some((a) => /^max-age=0$/i.test(a))
      if (gone) this.jar.delete(`${name};${path}`)
      else this.jar.set(`${name};${path}`, { name, value, path })
    }
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const cookie = this.cookieHeader(url)
    const res = await this.app().inject({
      method,
      url,
      headers: {
        ...this.extraHeaders,
        ...(cookie !== undefined && { cookie }),
        ...(form !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      ...(form !== undefined && { payload: encodeForm(form) }),
    })
    const page: Page = {
      status: res.statusCode,
      body: res.payload,
      headers: res.headers,
      setCookies: setCookiesOf(res.headers),
      location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
    }
    this.remember(page.setCookies)
    this.seen.push({ url, page })
    return page
  }

  get(url: string, headers?: Record<string, string>): Promise<Page> {
    return this.request('GET', url, undefined, headers)
  }

  post(url: string, form: Record<string, string | string[]>, headers?: Record<string, string>) {
    return this.request('POST', url, form, headers)
  }

  /** Follows redirects the way a browser does after a post. */
  async follow(page: Page, limit = 5): Promise<Page> {
    let current = page
    for (let i = 0; i < limit && current.status >= 300 && current.status < 400; i++) {
      expect(current.location).toBeDefined()
      current = await this.get(current.location ?? '/')
    }
    return current
  }

  /** Loads a page, takes its CSRF token and posts a form with it, then follows the redirect. */
  async submit(formPage: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(formPage)
    expect(page.status, formPage).toBe(200)
    const csrf = hiddenValue(page.body, '_csrf')
    return this.follow(await this.post(action, { _csrf: csrf, ...fields }))
  }
}

export function encodeForm(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(form))
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one)
  return params.toString()
}

/** Text of a page without its markup, entities decoded enough for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replace(/\s+/g, ' ')
}

/** The one script a public page loads: the website statistics beacon (same site, no inline code). */
export const STATISTICS_SCRIPT = '<script src="/statistics/script.js" defer></script>'

/** A page's HTML without the statistics script, to check it loads nothing else. */
export function withoutStatisticsScript(html: string): string {
  return html.replace(STATISTICS_SCRIPT, '')
}
