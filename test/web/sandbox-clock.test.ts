import { expect, it } from 'vitest'
import { DAY, OffsetClock } from '../../src/clock.js'
import { withConfiguredClock, type AppContext } from '../../src/context.js'
import { markDemoDataDir } from '../../src/demo/demo-marker.js'
import { AppError } from '../../src/errors.js'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const NOTICE = 'Sandbox clock: 40 days ahead — dates are not real'

describeEngines('web: the sandbox clock of a demo library', (env) => {
  let sandbox: AppContext | undefined
  const onSandbox = useWebApp(() => {
    sandbox ??= { ...env().ctx, clock: new OffsetClock(env().clock, 40 * DAY) }
    return sandbox
  })
  const real = useWebApp(() => env().ctx)

  it('says so in the header of every staff page while the clock is moved, and nowhere else', async () => {
    const c = new WebClient(onSandbox)
    expect(textOf((await c.get('/staff/sign-in')).body)).toContain(NOTICE)
    await signInStaff(c, env().ctx, 'librarian')
    for (const path of ['/staff', '/staff/checkin', '/staff/catalog']) {
      const page = await c.get(path)
      expect(page.status, path).toBe(200)
      expect(page.body, path).toMatch(
        /<header class="site-header">[\s\S]*<p class="wrap sandbox-clock" role="note"><strong>Sandbox clock: 40 days ahead — dates are not real<\/strong><\/p>[\s\S]*<\/header>/,
      )
    }
    // Patrons and the public see the library as usual.
    expect(textOf((await c.get('/')).body)).not.toContain('Sandbox clock')

    const plain = new WebClient(real)
    await signInStaff(plain, env().ctx, 'librarian')
    expect(textOf((await plain.get('/staff')).body)).not.toContain('Sandbox clock')
  })

  it('is refused for a data directory not created as a demo, and used in one that was', async () => {
    const configured = await env().reopen({ clock: { offset: '40d' } })
    let refusal: unknown
    try {
      withConfiguredClock(configured)
    } catch (err) {
      refusal = err
    }
    expect(refusal).toBeInstanceOf(AppError)
    expect((refusal as AppError).code).toBe('CLOCK_OFFSET_NOT_DEMO')
    expect((refusal as AppError).message).toContain('demo.json')
    // Without an offset nothing changes, demo or not.
    expect(withConfiguredClock(env().ctx)).toBe(env().ctx)

    markDemoDataDir(env().dataDir, env().clock.now())
    const moved = withConfiguredClock(configured)
    expect(moved.clock).toBeInstanceOf(OffsetClock)
    expect(moved.clock.now().getTime() - env().clock.now().getTime()).toBe(40 * DAY)
    expect(moved.db).toBe(configured.db)
  })
})
