// On /account/choices a patron picks which optional notices they get and whether notices name
// titles (P10); the security and erasure notices are said to be always sent. The choices are
// stored and shown back, in English and in Spanish.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

describeEngines('notice choices on the account page', (env) => {
  const app = useWebApp(() => env().ctx)

  it('offers each optional notice (on) and titles (off), and stores what the patron picks', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const page = await c.get('/account/choices')
    expect(textOf(page.body)).toContain('Name the titles in my notices')
    expect(textOf(page.body)).toContain('Two notices are always sent')
    for (const n of ['hold_ready', 'courtesy', 'overdue', 'lost_billed', 'card_expiring'])
      expect(page.body).toMatch(new RegExp(`name="notice-${n}" value="on" checked`))
    expect(page.body).not.toMatch(/name="noticeTitles" value="on" checked/)
    expect(page.body).not.toContain('pin_changed')

    // The page's own hidden field says the form showed the notice types.
    expect(page.body).toContain('name="noticeTypesShown" value="1"')
    const saved = await c.submit('/account/choices', '/account/choices', {
      noticeTypesShown: '1',
      notices: 'on',
      'notice-courtesy': 'on',
      'notice-overdue': 'on',
      noticeTitles: 'on',
    })
    expect(textOf(saved.body)).toContain('Your choices are saved.')
    expect(saved.body).toMatch(/name="noticeTitles" value="on" checked/)
    expect(saved.body).toMatch(/name="notice-courtesy" value="on" checked/)
    expect(saved.body).not.toMatch(/name="notice-hold_ready" value="on" checked/)
    const view = await getPatron(ctx, SYSTEM_ACTOR, patron.id)
    expect(view).toMatchObject({
      noticeTitles: true,
      noticesDeclined: ['hold_ready', 'lost_billed', 'card_expiring'],
    })

    // My data shows both choices, in words.
    const myData = textOf((await c.get('/account/my-data')).body)
    expect(myData).toContain('Name titles in my notices')
    expect(myData).toContain('Notices I turned off')
    expect(myData).toContain('A hold is ready to pick up, A lost item was billed to your card')

    const es = await c.get('/account/choices?lang=es')
    expect(textOf(es.body)).toContain('Nombrar los títulos en mis avisos')
  })

  it('refuses a notice type that does not exist, with its code, and changes nothing', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const { updateOwnChoices } = await import('../../src/patrons/self-service.js')
    await expect(
      updateOwnChoices(
        ctx,
        { type: 'patron', id: patron.id },
        {
          notices: true,
          newsletter: false,
          policyChanges: false,
          declined: ['pin_changed'],
        },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const view = await getPatron(ctx, SYSTEM_ACTOR, patron.id)
    expect(view.noticesDeclined).toEqual([])
  })
})
