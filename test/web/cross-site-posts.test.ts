import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, PIN, useWebApp } from './web-harness.js'

const REFUSED = 'This form was sent from another site, so it was refused.'

describeEngines('web: posts from another site', (env) => {
  const app = useWebApp(() => env().ctx)

  /** A fresh sign-in form's fields for a patron with a known PIN. */
  async function signInFields(c: WebClient) {
    const patron = await patronWithPin(env().ctx)
    const token = hiddenValue((await c.get('/account/sign-in')).body, '_form')
    return { _form: token, next: '/account', barcode: patron.barcode, pin: PIN }
  }

  it('a form posted from another site is refused with 403 and a page saying so, whether the browser tells by Sec-Fetch-Site or by Origin', async () => {
    const c = new WebClient(app)
    const fields = await signInFields(c)
    const from: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]
    for (const headers of from) {
      const page = await c.post('/account/sign-in', fields, headers)
      expect({ headers, status: page.status }).toEqual({ headers, status: 403 })
      expect(textOf(page.body), JSON.stringify(headers)).toContain(REFUSED)
      expect(page.setCookies).toEqual([])
    }
  })

  it('a form posted from this site by a browser that sends only Origin is accepted', async () => {
    const c = new WebClient(app)
    const fields = await signInFields(c)
    // app.inject addresses the app as http://localhost:80.
    const page = await c.post('/account/sign-in', fields, { origin: 'http://localhost:80' })
    expect(page.status, textOf(page.body).slice(0, 300)).toBe(303)
    expect(page.location).toBe('/account')
  })

  it('a link followed from another site opens the page: only posts are checked for where they came from', async () => {
    const c = new WebClient(app)
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app().inject({
        method,
        url: '/account/sign-in',
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://search.example' },
      })
      expect({ method, status: res.statusCode }).toEqual({ method, status: 200 })
    }
    expect((await c.get('/search?q=garden', { 'sec-fetch-site': 'cross-site' })).status).toBe(200)
  })
})
