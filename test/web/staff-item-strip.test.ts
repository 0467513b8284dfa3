import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

describeEngines('web: a copy’s magnetic media and security marker at the desk', (env) => {
  const app = useWebApp(() => env().ctx)

  const row = (barcode: string) =>
    env()
      .ctx.db.selectFrom('items')
      .select(['magnetic_media', 'security_marker'])
      .where('barcode', '=', barcode)
      .executeTakeFirstOrThrow()
  const selected = (body: string, name: string) =>
    new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's')
      .exec(body)?.[1]
      ?.match(/<option[^>]*value="([^"]*)"[^>]*selected/)?.[1]

  it('offers "as its type" naming the type’s setting, saves an override and clears it', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { items } = await lib.title([{ itemType: 'dvd' }])
    const barcode = items[0]!.barcode
    const path = `/staff/items/${barcode}`
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')

    const page = await c.get(path)
    expect(page.status).toBe(200)
    expect(textOf(page.body)).toContain('As its type (Magnetic media: keep off the desensitizer)')
    expect(textOf(page.body)).toContain('As its type (Other)')
    expect(selected(page.body, 'magneticMedia')).toBe('type')
    expect(selected(page.body, 'securityMarker')).toBe('type')

    const fields = { branch: 'main', itemType: 'dvd', price: '20' }
    const saved = await c.submit(path, path, {
      ...fields,
      magneticMedia: 'N',
      securityMarker: '02',
    })
    expect(textOf(saved.body)).toContain(`Copy ${barcode} saved.`)
    expect(await row(barcode)).toEqual({ magnetic_media: 'N', security_marker: '02' })
    const again = await c.get(path)
    expect(selected(again.body, 'magneticMedia')).toBe('N')
    expect(selected(again.body, 'securityMarker')).toBe('02')

    // A form without the two fields leaves them alone; "as its type" clears them.
    await c.submit(path, path, fields)
    expect(await row(barcode)).toEqual({ magnetic_media: 'N', security_marker: '02' })
    await c.submit(path, path, { ...fields, magneticMedia: 'type', securityMarker: 'type' })
    expect(await row(barcode)).toEqual({ magnetic_media: null, security_marker: null })

    const bad = await c.submit(path, path, { ...fields, magneticMedia: 'U' })
    expect(textOf(bad.body)).toContain('Invalid input')
    expect(await row(barcode)).toEqual({ magnetic_media: null, security_marker: null })
  })
})
