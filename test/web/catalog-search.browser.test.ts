// Catalog search in Chromium: facets used by keyboard in both languages, on a desktop and a
// phone-sized screen, every state checked by axe. (Public pages carry no script at all.)
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createRecord } from '../../src/catalog/catalog.service.js'
import { setUpLibrary } from '../harness/library.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from '../browser/browser-harness.js'

describe.skipIf(!chromiumPresent())('browser: catalog search and its facets', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
    const ctx = server.env.ctx
    const lib = await setUpLibrary(ctx)
    await lib.title([{}, { branch: 'east' }], 'The Secret Garden')
    await lib.title([{ branch: 'east' }], 'Gardening Year by Year')
    await lib.title([{}], 'Canción del jardín')
    await createRecord(ctx, SYSTEM_ACTOR, {
      title: 'Garden Birds',
      author: 'Jo Wren',
      year: 1998,
      materialType: 'video',
    })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const width of [1280, 375]) {
    it(`filters by keyboard and passes axe at ${width} px, in English and Spanish`, async () => {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width, height: 900 },
      })
      const page: Page = await context.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)

      await page.goto('/search')
      await page.getByLabel('Search by title, author or keyword').fill('garden')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: '3 titles found' }).waitFor()
      await expectAccessible(page, `results (${width})`)

      await page.getByText('Sort and filter').click()
      await page.getByRole('group', { name: 'Format' }).getByLabel('Video (1)').check()
      await page.getByLabel('Sort by').selectOption('title')
      await page.getByRole('button', { name: 'Show results' }).press('Enter')
      await page.getByRole('heading', { name: '1 title found' }).waitFor()
      expect(new URL(page.url()).search).toBe('?q=garden&sort=title&format=video&decade=')
      await expectAccessible(page, `filtered (${width})`)
      await page.getByRole('link', { name: 'Clear filters' }).click()
      await page.getByRole('heading', { name: '3 titles found' }).waitFor()

      await page.goto('/es/search?q=garden')
      await page.getByRole('heading', { name: 'Se encontraron 3 títulos' }).waitFor()
      await page.getByText('Ordenar y filtrar').click()
      await page
        .getByRole('group', { name: 'Disponibilidad' })
        .getByLabel(/Disponible ahora/)
        .check()
      await page.getByRole('group', { name: 'Sucursal' }).getByLabel('East Branch (2)').check()
      await page.getByRole('button', { name: 'Mostrar resultados' }).click()
      await page.getByRole('heading', { name: 'Se encontraron 2 títulos' }).waitFor()
      await page.getByRole('link', { name: 'Gardening Year by Year' }).waitFor()
      await expectAccessible(page, `Spanish, filtered (${width})`)

      expect(await context.cookies()).toEqual([])
      expect(policy).toEqual([])
      await context.close()
    })
  }
})
