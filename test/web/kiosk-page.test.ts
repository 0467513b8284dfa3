// The kiosk page: in English and Spanish, with no cookie, no inline script and nothing that
// could send a form by itself (every screen is hidden until the script shows it).
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

const wordsOf = (html: string): Record<string, string> => {
  const raw = /data-words="([^"]*)"/.exec(html)?.[1] ?? '{}'
  return JSON.parse(raw.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<
    string,
    string
  >
}

describeEngines('the kiosk page', (env) => {
  const app = useWebApp(() => env().ctx)

  it('serves /kiosk and /es/kiosk with their words for the script, and sets no cookie', async () => {
    const c = new WebClient(app)
    const en = await c.get('/kiosk')
    const es = await c.get('/es/kiosk')
    for (const page of [en, es]) {
      expect(page.status).toBe(200)
      expect(page.setCookies).toEqual([])
      expect(page.headers['content-security-policy']).toContain("script-src 'self'")
      expect(page.body).toContain('<script src="/assets/kiosk.js" defer>')
      // The only script is the site's own file; no form can post anywhere.
      expect(page.body.match(/<script/g)).toHaveLength(1)
      expect(page.body).not.toMatch(/<form[^>]*(method|action)=/)
      // Every screen starts hidden; only the notice asking for JavaScript shows without it.
      expect(page.body.match(/<section[^>]*data-screen/g)?.length).toBeGreaterThan(8)
      expect(page.body.match(/<section(?![^>]*hidden)[^>]*data-screen/g)).toBeNull()
    }
    expect(/<html lang="en"/.test(en.body) && /<html lang="es"/.test(es.body)).toBe(true)
    expect(textOf(en.body)).toContain('Terms of use')
    expect(textOf(es.body)).toContain('Condiciones de uso')
    expect(en.body).toContain('href="/es/kiosk"')
    expect(es.body).toContain('href="/en/kiosk"')
    const words = wordsOf(es.body)
    expect(words._tag).toBe('es-US')
    expect(words['session.left_one']).toBe('Queda {{count}} minuto')
    expect(words['refusals.NO_TIME_LEFT']).toBe(
      'A esta tarjeta no le queda tiempo de computadora hoy.',
    )
    expect(wordsOf(en.body)['warning.five']).toBe('Five minutes left. Save your work now.')
  })

  it('serves the script from this site, cacheable and with nothing personal in it', async () => {
    const c = new WebClient(app)
    const script = await c.get('/assets/kiosk.js')
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toContain('text/javascript')
    expect(script.body).toContain("'/api/devices/events'")
    expect(script.body).toContain('Bearer ')
    expect(script.body).not.toMatch(/localStorage|sessionStorage|document\.cookie/)
  })
})
