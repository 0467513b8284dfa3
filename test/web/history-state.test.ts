import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

describeEngines('web: the reading history page says whether the history is on', (env) => {
  const app = useWebApp(() => env().ctx)

  it('offers to turn it on while it is off, and only the erasing step while it is on', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await c.follow(await signInPatron(c, patron.barcode))

    const off = await c.get('/account/history')
    expect(textOf(off.body)).toContain('Your reading history is off')
    expect(off.body).toContain('Keep my reading history')
    expect(off.body).not.toContain('href="/account/history/erase"')

    const turnedOn = await c.submit('/account/history', '/account/history', { keep: 'on' })
    expect(textOf(turnedOn.body)).toContain('Your reading history is on')
    expect(turnedOn.body).toContain('href="/account/history/erase"')
    expect(turnedOn.body).not.toContain('Keep my reading history')

    const spanish = await c.get('/account/history?lang=es')
    expect(textOf(spanish.body)).toContain('Su historial de lectura está activado')
  })
})
