// The newsletter on the account's messages page: the state of the patron's own subscription,
// signing up with the address on the record (still confirmed by email), stopping after a
// confirmation step, a record without an address, and the same in Spanish.
import { expect, it } from 'vitest'
import { accountSubscription } from '../../src/comms/newsletter.service.js'
import { describeEngines } from '../harness/engines.js'
import { englishLeftIn } from './english-left.js'
import { linkIn, newsletterMailTo } from './newsletter-mail.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, useWebApp } from './web-harness.js'

describeEngines('newsletter: the account section', (env) => {
  const app = useWebApp(() => env().ctx)

  it('shows the state, signs up with the record’s address, confirms by email and stops only after asking', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx, { email: 'garnet.reads@example.org' })
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)

    const before = await c.get('/account/choices')
    expect(textOf(before.body)).toContain('You do not get the newsletter.')
    expect(before.body).toContain('action="/account/newsletter"')
    expect(before.body).not.toContain('href="/account/newsletter/stop"')

    const asked = await c.submit('/account/choices', '/account/newsletter', {})
    expect(textOf(asked.body)).toContain('Check your email: we sent a link to confirm')
    expect(textOf(asked.body)).toMatch(
      /Waiting for you to confirm: we sent a link .* on \w+ \d+, \d{4}\./,
    )
    expect(await accountSubscription(ctx, patron.id)).toMatchObject({ status: 'pending' })

    const mail = await newsletterMailTo(ctx, 'garnet.reads@example.org')
    expect(mail).toHaveLength(1)
    const confirmed = await c.get(linkIn(mail[0], '/newsletter/confirm/'))
    expect(confirmed.status).toBe(200)

    const active = await c.get('/account/choices')
    expect(textOf(active.body)).toMatch(/You get the newsletter, since \w+ \d+, \d{4}\./)
    expect(active.body).not.toContain('action="/account/newsletter"')
    // Signing up again is harmless: the patron already gets it, and nothing more is sent.
    const again = await c.submit('/account/choices', '/account/newsletter', {})
    expect(textOf(again.body)).toContain('You already get the newsletter.')
    expect(await newsletterMailTo(ctx, 'garnet.reads@example.org')).toHaveLength(1)

    // My data shows the subscription, in words, in either language.
    const held = textOf((await c.get('/account/my-data')).body)
    expect(held).toMatch(
      /Newsletter subscription .* State Subscribed Language of the newsletter English Asked for on \w+ \d+, \d{4} Confirmed on \w+ \d+, \d{4}/,
    )
    const heldEs = await c.get('/account/my-data?lang=es')
    expect(textOf(heldEs.body)).toContain('Suscripción al boletín')
    expect(textOf(heldEs.body)).toContain('Estado Suscrito')
    expect(englishLeftIn(heldEs.body)).toEqual([])

    // Stopping asks first; looking at the question changes nothing.
    const question = await c.get('/account/newsletter/stop')
    expect(question.status).toBe(200)
    expect(textOf(question.body)).toContain('Stop the newsletter?')
    expect(await accountSubscription(ctx, patron.id)).toMatchObject({ status: 'active' })
    const stopped = await c.submit('/account/newsletter/stop', '/account/newsletter/stop', {})
    expect(textOf(stopped.body)).toContain('your subscription is erased')
    expect(textOf(stopped.body)).toContain('You do not get the newsletter.')
    expect(await accountSubscription(ctx, patron.id)).toBeNull()
    expect(textOf((await c.get('/account/my-data')).body)).not.toContain('State Subscribed')
    // With nothing to stop, the question is not asked.
    const none = await c.get('/account/newsletter/stop')
    expect(none.status).toBe(303)
    expect(none.location).toBe('/account/choices')
  })

  it('says so when the record has no email address, and stores nothing', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx, { email: undefined })
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const answer = await c.submit('/account/choices', '/account/newsletter', {})
    expect(answer.body).toContain('flash-error')
    expect(textOf(answer.body)).toContain('Your record has no email address')
    expect(await accountSubscription(ctx, patron.id)).toBeNull()
  })

  it('refuses a sign-up post without the form token, and stores nothing', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const forged = await c.post('/account/newsletter', {})
    expect(forged.status).toBe(403)
    expect(await accountSubscription(ctx, patron.id)).toBeNull()
  })

  it('is in Spanish with ?lang=es, and a Spanish sign-up is kept in Spanish', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const page = await c.get('/account/choices?lang=es')
    expect(textOf(page.body)).toContain('No recibe el boletín.')
    expect(page.body).toContain('action="/account/newsletter?lang=es"')
    const asked = await c.follow(
      await c.post('/account/newsletter?lang=es', { _csrf: hiddenValue(page.body, '_csrf') }),
    )
    expect(textOf(asked.body)).toContain('Revise su correo: le enviamos un enlace')
    expect(textOf(asked.body)).toContain('Falta su confirmación')
    expect(englishLeftIn(asked.body)).toEqual([])
    const row = await ctx.db
      .selectFrom('newsletter_subscriptions')
      .select('language')
      .where('patron_id', '=', patron.id)
      .executeTakeFirstOrThrow()
    expect(row.language).toBe('es')
    const question = await c.get('/account/newsletter/stop?lang=es')
    expect(textOf(question.body)).toContain('¿Dejar de recibir el boletín?')
    expect(englishLeftIn(question.body)).toEqual([])
  })
})
