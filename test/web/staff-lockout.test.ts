import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD } from '../harness/factories.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

describeEngines('web: a staff lockout that outsiders cannot use against staff', (env) => {
  const app = useWebApp(() => env().ctx)

  const signInWith = async (c: WebClient, username: string, password: string) => {
    const form = await c.get('/staff/sign-in')
    return c.post('/staff/sign-in', {
      _form: hiddenValue(form.body, '_form'),
      username,
      password,
      branch: 'main',
    })
  }
  /** Wrong passwords from outside, each from a new address (so no address throttle applies). */
  const guessFromOutside = async (username: string, times: number, first = 1) => {
    for (let i = 0; i < times; i++) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `203.0.113.${first + i}`,
        payload: { username, password: 'not the password at all' },
      })
      expect(res.statusCode).toBe(401)
    }
  }

  it('lets a browser that signed in before through a lockout caused from elsewhere, and no other', async () => {
    const { ctx, clock } = env()
    clock.advance(2 * 60 * 60_000)
    const own = new WebClient(app)
    const { username } = await signInStaff(own, ctx, 'librarian')
    await own.post('/staff/sign-out', {
      _csrf: hiddenValue((await own.get('/staff')).body, '_csrf'),
    })
    await guessFromOutside(username, ctx.config.cards.lockoutMaxFailures)

    // A browser the account has never used is refused, right password or not.
    const stranger = new WebClient(app)
    const refused = await signInWith(stranger, username, STAFF_PASSWORD)
    expect(refused.status).toBe(423)
    expect(textOf(refused.body)).toContain('locked')

    // The account's own browser still gets in, and is marked known afresh.
    const back = await signInWith(own, username, STAFF_PASSWORD)
    expect(back.status, back.body.slice(0, 300)).toBe(303)

    // Its mark is good for that account only: another account's lockout still holds.
    const other = new WebClient(app)
    const second = await signInStaff(other, ctx, 'circulation')
    await guessFromOutside(second.username, ctx.config.cards.lockoutMaxFailures, 100)
    const borrowed = await signInWith(own, second.username, STAFF_PASSWORD)
    expect(borrowed.status).toBe(423)
  })

  it('locks a known browser that guesses, on its own budget', async () => {
    const { ctx, clock } = env()
    clock.advance(2 * 60 * 60_000)
    const own = new WebClient(app)
    const { username } = await signInStaff(own, ctx, 'librarian')
    for (let i = 0; i < ctx.config.cards.lockoutMaxFailures; i++)
      expect((await signInWith(own, username, 'wrong wrong wrong')).status).toBe(401)
    expect((await signInWith(own, username, STAFF_PASSWORD)).status).toBe(423)
    // The account itself is not locked for its other browsers by what this one did.
    const api = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '198.51.100.9',
      payload: { username, password: STAFF_PASSWORD },
    })
    expect(api.statusCode).toBe(200)
  })
})
