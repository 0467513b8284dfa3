import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

describeEngines('web: the site icon', (env) => {
  const app = useWebApp(() => env().ctx)

  it('is linked from every page, served from this site, and found at /favicon.ico too', async () => {
    const c = new WebClient(app)
    for (const page of ['/', '/es/search', '/staff/sign-in', '/account/sign-in'])
      expect((await c.get(page)).body).toContain(
        '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>',
      )
    const icon = await c.get('/assets/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers['content-type']).toBe('image/svg+xml')
    expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    // Nothing in it reaches outside the file.
    expect(icon.body).not.toMatch(/href|url\(|<image|<script/)
    const legacy = await c.get('/favicon.ico')
    expect({ status: legacy.status, location: legacy.location }).toEqual({
      status: 301,
      location: '/assets/favicon.svg',
    })
    expect(legacy.setCookies).toEqual([])
  })
})
