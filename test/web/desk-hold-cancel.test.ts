import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { patronHolds, placeHold } from '../../src/circulation/holds.service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

describeEngines('web: canceling a hold at the desk asks first', (env) => {
  const app = useWebApp(() => env().ctx)

  it('offers a link, not a button; the page says what is lost; only its own button cancels', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record, items } = await lib.title([{}], 'Lanterns over the Harbor')
    const reader = await lib.patron()
    await checkout(ctx, lib.desk, {
      patronBarcode: reader.barcode,
      itemBarcode: items[0]!.barcode,
      branch: 'main',
    })
    const p = await lib.patron()
    const hold = await placeHold(ctx, SYSTEM_ACTOR, {
      patronId: p.id,
      recordId: record.id,
      pickupBranch: 'east',
    })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')

    const patronPage = await c.get(`/staff/patrons/${p.id}`)
    const confirmUrl = `/staff/patrons/${p.id}/holds/${hold.id}/cancel`
    expect(patronPage.body).toContain(`href="${confirmUrl}"`)
    expect(patronPage.body).not.toContain(`action="${confirmUrl}"`)

    const confirm = await c.get(confirmUrl)
    expect(confirm.status).toBe(200)
    const text = textOf(confirm.body)
    expect(text).toContain('Cancel this hold?')
    expect(text).toContain('Lanterns over the Harbor')
    expect(text).toContain('East Branch')
    expect(text).toContain('gives up place number 1 in line')

    // A post that skips the page (an old form, a crafted request) is sent to the page instead.
    const skipped = await c.post(confirmUrl, { _csrf: hiddenValue(confirm.body, '_csrf') })
    expect(skipped.status).toBe(303)
    expect(skipped.headers.location).toBe(confirmUrl)
    expect(await patronHolds(ctx, lib.desk, p.id)).toHaveLength(1)

    const done = await c.follow(
      await c.post(confirmUrl, { _csrf: hiddenValue(confirm.body, '_csrf'), confirmed: 'yes' }),
    )
    expect(textOf(done.body)).toContain('Hold canceled.')
    expect(await patronHolds(ctx, lib.desk, p.id)).toHaveLength(0)

    // Gone now: the page says so on the patron's page rather than failing.
    const again = await c.follow(await c.get(confirmUrl))
    expect(textOf(again.body)).toContain('That hold is no longer there.')
  })
})
