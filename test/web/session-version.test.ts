import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { replaceCard, setCardStatus, setPin } from '../../src/patrons/card.service.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import {
  actorFromToken,
  signInStaff as signInStaffApi,
  updateStaff,
} from '../../src/staff/staff.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { patronWithPin, signInPatron, signInStaff, useWebApp } from './web-harness.js'

const NEW_PIN = '50284617'

/** A second browser holding a copy of the first one's cookies, as saved before it signed out. */
function savedCopy(client: WebClient, app: () => FastifyInstance): WebClient {
  const copy = new WebClient(app)
  for (const [key, cookie] of client.jar) copy.jar.set(key, { ...cookie })
  return copy
}

async function expectSignedOutOfAccount(client: WebClient, what: string): Promise<void> {
  const page = await client.get('/account')
  expect(page.status, what).toBe(303)
  expect(page.location, what).toBe('/account/sign-in?next=%2Faccount')
}

async function expectSignedOutOfDesk(client: WebClient, what: string): Promise<void> {
  const page = await client.get('/staff')
  expect(page.status, what).toBe(303)
  expect(page.location, what).toBe('/staff/sign-in')
}

describeEngines('web: a session version per account ends every session at once', (env) => {
  const app = useWebApp(() => env().ctx)

  it('refuses a patron cookie saved before sign-out, and signs out every other browser too', async () => {
    const patron = await patronWithPin(env().ctx)
    const c = new WebClient(app)
    await signInPatron(c, patron.barcode)
    const other = new WebClient(app)
    await signInPatron(other, patron.barcode)
    const home = await c.get('/account')
    expect(home.status).toBe(200)
    const saved = savedCopy(c, app)

    const out = await c.post('/account/sign-out', { _csrf: hiddenValue(home.body, '_csrf') })
    expect(out.status).toBe(303)
    const replayed = await saved.get('/account')
    expect(replayed.status).toBe(303)
    expect(replayed.location).toBe('/account/sign-in?next=%2Faccount')
    // The refused cookie is cleared, not left to be tried again.
    expect(replayed.setCookies.some((line) => /max-age=0/i.test(line))).toBe(true)
    await expectSignedOutOfAccount(other, 'the other browser')

    // A fresh sign-in works again.
    const again = new WebClient(app)
    await signInPatron(again, patron.barcode)
    expect((await again.get('/account')).status).toBe(200)
  })

  it('signs a patron out of both browsers when the PIN is changed in one', async () => {
    const patron = await patronWithPin(env().ctx)
    const a = new WebClient(app)
    const b = new WebClient(app)
    await signInPatron(a, patron.barcode)
    await signInPatron(b, patron.barcode)
    expect((await b.get('/account')).status).toBe(200)
    const saved = savedCopy(a, app)

    const changed = await a.submit('/account/pin', '/account/pin', {
      currentPin: '73915284',
      newPin: NEW_PIN,
      repeatPin: NEW_PIN,
    })
    expect(changed.status).toBe(200)
    expect(textOf(changed.body)).toContain('Your PIN is changed')
    expect(textOf(changed.body)).toContain('Sign in to your account')
    await expectSignedOutOfAccount(b, 'the other browser')
    await expectSignedOutOfAccount(saved, 'the changing browser, replayed')
    await expectSignedOutOfAccount(a, 'the changing browser')

    await signInPatron(a, patron.barcode, NEW_PIN)
    expect((await a.get('/account')).status).toBe(200)
  })

  it('signs a patron out of every browser when staff reset the PIN', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const desk = await staffActor(ctx, 'circulation')
    const a = new WebClient(app)
    const b = new WebClient(app)
    await signInPatron(a, patron.barcode)
    await signInPatron(b, patron.barcode)
    expect((await a.get('/account')).status).toBe(200)

    await setPin(ctx, desk, patron.barcode, NEW_PIN)
    await expectSignedOutOfAccount(a, 'first browser')
    await expectSignedOutOfAccount(b, 'second browser')
    await signInPatron(a, patron.barcode, NEW_PIN)
    expect((await a.get('/account')).status).toBe(200)
  })

  it('signs a patron out of every browser when the card is reported lost', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const desk = await staffActor(ctx, 'librarian')
    const a = new WebClient(app)
    const b = new WebClient(app)
    await signInPatron(a, patron.barcode)
    await signInPatron(b, patron.barcode)
    expect((await b.get('/account')).status).toBe(200)

    await setCardStatus(ctx, desk, patron.barcode, 'lost')
    await expectSignedOutOfAccount(a, 'first browser')
    await expectSignedOutOfAccount(b, 'second browser')
  })

  it('signs a patron out when the card is replaced, and when the record is erased', async () => {
    const { ctx } = env()
    const desk = await staffActor(ctx, 'librarian')
    const replaced = await patronWithPin(ctx)
    const a = new WebClient(app)
    await signInPatron(a, replaced.barcode)
    expect((await a.get('/account')).status).toBe(200)
    const card = await replaceCard(ctx, desk, replaced.barcode, {})
    await expectSignedOutOfAccount(a, 'after the card was replaced')
    await signInPatron(a, card.barcode)
    expect((await a.get('/account')).status).toBe(200)

    const erased = await patronWithPin(ctx)
    const b = new WebClient(app)
    await signInPatron(b, erased.barcode)
    expect((await b.get('/account')).status).toBe(200)
    await erasePatron(ctx, SYSTEM_ACTOR, erased.id)
    await expectSignedOutOfAccount(b, 'after erasure')
  })

  it('refuses a staff cookie saved before sign-out, ends the other desk sessions, and leaves API tokens alone', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const me = await signInStaff(c, ctx, 'librarian')
    const other = new WebClient(app)
    const form = await other.get('/staff/sign-in')
    await other.post('/staff/sign-in', {
      _form: hiddenValue(form.body, '_form'),
      username: me.username,
      password: STAFF_PASSWORD,
      branch: 'main',
    })
    const api = await signInStaffApi(ctx, me.username, STAFF_PASSWORD)
    const desk = await c.get('/staff')
    expect(desk.status).toBe(200)
    expect((await other.get('/staff')).status).toBe(200)
    const saved = savedCopy(c, app)

    const out = await c.post('/staff/sign-out', { _csrf: hiddenValue(desk.body, '_csrf') })
    expect(out.status).toBe(303)
    await expectSignedOutOfDesk(saved, 'the saved cookie')
    await expectSignedOutOfDesk(other, 'the other desk')
    expect(await actorFromToken(ctx, api.token)).toMatchObject({ id: me.id })
  })

  it('ends a staff session at the password change, without waiting for the clock to move', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const me = await signInStaff(c, ctx, 'circulation')
    expect((await c.get('/staff')).status).toBe(200)
    await updateStaff(ctx, SYSTEM_ACTOR, me.id, { password: 'another long password' })
    await expectSignedOutOfDesk(c, 'after the password change')
  })

  it('ends a staff session at a role change, and a new sign-in gets the new role', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    const me = await signInStaff(c, ctx, 'librarian')
    expect((await c.get('/staff')).status).toBe(200)
    await updateStaff(ctx, SYSTEM_ACTOR, me.id, { role: 'circulation' })
    await expectSignedOutOfDesk(c, 'after the role change')

    const form = await c.get('/staff/sign-in')
    const answer = await c.post('/staff/sign-in', {
      _form: hiddenValue(form.body, '_form'),
      username: me.username,
      password: STAFF_PASSWORD,
      branch: 'main',
    })
    expect(answer.status).toBe(303)
    expect((await c.get('/staff')).status).toBe(200)
    expect((await c.get('/staff/accounts')).status).toBe(403)
    // A name change is no credential change: the session stands.
    await updateStaff(ctx, SYSTEM_ACTOR, me.id, { displayName: 'Renamed Desk' })
    expect((await c.get('/staff')).status).toBe(200)
  })
})
