import { expect, it } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'

/** The rows of the generated list: what is kept, as the page shows it. */
const keptRows = (html: string): string[] =>
  [...html.matchAll(/<tr data-kept="([^"]+)">/g)].map((m) => (m[1] ?? '').replaceAll('&#39;', "'"))

describeEngines('web: the privacy notice is generated from the inventory (P2)', (env) => {
  it('lists what is kept, why and for how long, and drops a field the library switches off', async () => {
    const full = await buildHttpApp(env().ctx)
    const trimmedCtx = await env().reopen({
      patrons: { fields: { sex: false, licenceNumber: false } },
    })
    const trimmed = await buildHttpApp(trimmedCtx)
    try {
      const before = await new WebClient(() => full).get('/privacy')
      const after = await new WebClient(() => trimmed).get('/privacy')
      expect(before.status).toBe(200)
      expect(after.status).toBe(200)

      const rowsBefore = keptRows(before.body)
      for (const what of ['name', 'address', 'sex', "driver's license number", 'date of birth'])
        expect(rowsBefore).toContain(what)
      // Each row says why and for how long, in the schedule's words.
      const text = textOf(before.body)
      expect(text).toContain('Sex Recorded at registration where the library collects it.')
      expect(text).toMatch(/then 3 years after it expires/)

      const rowsAfter = keptRows(after.body)
      expect(rowsAfter).not.toContain('sex')
      expect(rowsAfter).not.toContain("driver's license number")
      expect(rowsAfter).toContain('date of birth')
      expect(rowsAfter).toEqual(
        rowsBefore.filter((r) => r !== 'sex' && r !== "driver's license number"),
      )
      expect(textOf(after.body)).not.toContain(
        'Recorded at registration where the library collects it.',
      )
    } finally {
      await full.close()
      await trimmed.close()
    }
  })
})
