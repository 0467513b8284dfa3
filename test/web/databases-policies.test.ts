import { expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { textOf, WebClient } from './web-client.js'
import { useWebApp } from './web-harness.js'

const exitLink = (prefix: string, url: string) =>
  `href="${prefix}/leaving?to=${encodeURIComponent(url)}"`

describeEngines('web: each online database links its vendor’s own privacy policy', (env) => {
  const app = useWebApp(() => env().ctx)

  it('sends every privacy policy link through the exit notice, in both languages', async () => {
    const databases = env().ctx.config.web.thirdPartyDatabases
    expect(databases.every((db) => db.privacyPolicy !== undefined)).toBe(true)
    const c = new WebClient(app)
    const en = await c.get('/databases')
    const es = await c.get('/es/databases')
    for (const page of [en, es]) {
      expect(page.status).toBe(200)
      expect(page.setCookies).toEqual([])
    }
    expect(textOf(en.body)).toContain(
      "The library's privacy policy covers only what the library itself keeps.",
    )
    expect(textOf(es.body)).toContain(
      'La política de privacidad de la biblioteca cubre solo lo que guarda la propia biblioteca.',
    )
    expect(englishLeftIn(es.body)).toEqual([])
    for (const db of databases) {
      const policy = db.privacyPolicy ?? ''
      expect(new URL(policy).host).toBe(new URL(db.url).host)
      expect(en.body).toContain(`${exitLink('', policy)}>Read ${db.name}'s privacy policy</a>`)
      expect(es.body).toContain(
        `${exitLink('/es', policy)}>Leer la política de privacidad de ${db.name}</a>`,
      )
      // Never a direct link out (P14).
      expect(en.body).not.toContain(`href="${policy}"`)
      const exit = await c.get(`/leaving?to=${encodeURIComponent(policy)}`)
      expect(exit.status).toBe(200)
      expect(exit.setCookies).toEqual([])
      expect(exit.headers['referrer-policy']).toBe('no-referrer')
    }
  })

  it('says so when a vendor publishes no privacy policy the library could link', async () => {
    const ctx = await env().reopen({
      web: {
        thirdPartyDatabases: [
          {
            name: 'Genealogy Index',
            url: 'https://genealogy.example.com/',
            privacyPolicy: 'https://genealogy.example.com/privacy',
          },
          { name: 'Maps Online', url: 'https://maps.example.com/' },
        ],
      },
    })
    const other = await buildHttpApp(ctx)
    try {
      const c = new WebClient(() => other)
      const en = textOf((await c.get('/databases')).body)
      expect(en).toContain("Read Genealogy Index's privacy policy")
      expect(en).toContain(
        'The company behind Maps Online publishes no privacy policy we could link to.',
      )
      expect(en).not.toContain("Read Maps Online's privacy policy")
      expect(en).not.toContain('The company behind Genealogy Index')
      const es = textOf((await c.get('/es/databases')).body)
      expect(es).toContain(
        'La empresa que ofrece Maps Online no publica ninguna política de privacidad que podamos enlazar.',
      )
    } finally {
      await other.close()
    }
  })
})

it('refuses a privacy policy address that is not a web address, naming the key', () => {
  const load = (privacyPolicy: string) => () =>
    loadConfig({
      env: {},
      file: undefined,
      overrides: {
        web: { thirdPartyDatabases: [{ name: 'X', url: 'https://x.example/', privacyPolicy }] },
      },
    })
  expect(load('https://x.example/privacy')).not.toThrow()
  for (const bad of ['javascript:alert(1)', `https://x.example/${'p'.repeat(500)}`]) {
    try {
      load(bad)()
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      expect(String((err as ConfigError).problems)).toContain('privacyPolicy')
    }
  }
})
