import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { getBranchDetails } from '../../src/library/branch-details.service.js'
import { saveBranch } from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

const FORM = {
  address: '48 Orchard Street\nMillbrook, IL 60999',
  phone: '(312) 555-0167',
  email: '',
  'open-1-0': '10:00',
  'close-1-0': '13:00',
  'open-1-1': '14:00',
  'close-1-1': '18:00',
  'open-6-0': '10:00',
  'close-6-0': '14:00',
}

describeEngines('web: the administrator’s branch pages', (env) => {
  const app = useWebApp(() => env().ctx)

  it('saves an address and a week with a lunch break from the form', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'admin')
    const list = await c.get('/staff/branches')
    expect(list.status).toBe(200)
    expect(list.body).toContain('href="/staff/branches/east"')
    const form = await c.get('/staff/branches/east')
    expect(form.status).toBe(200)
    const saved = await c.post('/staff/branches/east', {
      _csrf: hiddenValue(form.body, '_csrf'),
      ...FORM,
    })
    expect(saved.status, saved.body.slice(0, 300)).toBe(303)
    expect(saved.location).toBe('/staff/branches')
    expect(await getBranchDetails(ctx.db, 'east')).toMatchObject({
      address: '48 Orchard Street\nMillbrook, IL 60999',
      phone: '(312) 555-0167',
      email: null,
      hours: [
        [],
        [
          { opens: '10:00', closes: '13:00' },
          { opens: '14:00', closes: '18:00' },
        ],
        [],
        [],
        [],
        [],
        [{ opens: '10:00', closes: '14:00' }],
      ],
    })
    const after = await c.get('/staff/branches')
    expect(textOf(after.body)).toContain('Saved the address and hours of East Branch.')
    expect(textOf(after.body)).toContain('10:00 AM–1:00 PM, 2:00 PM–6:00 PM')
  })

  it('keeps what was typed and changes nothing when the hours do not make sense', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'north', name: 'North Branch' })
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'admin')
    const csrf = hiddenValue((await c.get('/staff/branches/north')).body, '_csrf')
    for (const [change, message] of [
      [{ 'close-1-0': '09:00' }, 'A span must close after it opens.'],
      [{ 'open-1-1': '12:00' }, 'Two spans of one day overlap.'],
      [{ 'close-6-0': '' }, 'Saturday: give both the opening and the closing time.'],
      [{ 'open-6-0': '25:00' }, 'An opening time is not a time of day'],
      [{ email: 'not an address' }, 'The email address is not in the expected form.'],
    ] as const) {
      const refused = await c.post('/staff/branches/north', { _csrf: csrf, ...FORM, ...change })
      expect(refused.status).toBe(400)
      expect(textOf(refused.body)).toContain(message)
      expect(refused.body).toContain('value="(312) 555-0167"')
    }
    expect(await getBranchDetails(ctx.db, 'north')).toMatchObject({
      address: '',
      phone: '',
      hours: [[], [], [], [], [], [], []],
    })
  })

  it('is for administrators only, and answers an unknown branch with 404', async () => {
    const { ctx } = env()
    const admin = new WebClient(app)
    await signInStaff(admin, ctx, 'admin')
    expect((await admin.get('/staff/branches/nowhere')).status).toBe(404)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    expect((await c.get('/staff/branches')).status).toBe(403)
    expect((await c.get('/staff/branches/main')).status).toBe(403)
    const desk = await c.get('/staff')
    expect(desk.body).not.toContain('href="/staff/branches"')
    const csrf = hiddenValue(desk.body, '_csrf')
    expect((await c.post('/staff/branches/main', { _csrf: csrf, ...FORM })).status).toBe(403)
    expect((await getBranchDetails(ctx.db, 'main')).phone).toBe('')
  })
})
