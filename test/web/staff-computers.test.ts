// The staff computers pages: desk staff see which computers are in use and act on them (end
// after a confirmation page, extend, message, out of service); names only for computers.names;
// set-up (groups, computers, credentials shown once, time rules) only for computers.manage.
import { expect, it } from 'vitest'
import { deviceByToken } from '../../src/computers/computer-registry.service.js'
import { sessionStatus, startSession } from '../../src/computers/sessions.service.js'
import { describeEngines } from '../harness/engines.js'
import { cardHolder, computerGroup, PIN, rule } from '../computers/computer-fixtures.js'
import { hiddenValue, textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** 10:00 in Chicago (the library's time zone) on a Thursday. */
const MORNING = '2026-01-15T16:00:00.000Z'

describeEngines('staff computers pages', (env) => {
  const app = useWebApp(() => env().ctx)

  /** Two computers in a group with a rule, the first with a card holder signed in. */
  async function busyComputers(code: string) {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const g = await computerGroup(ctx, { code })
    await rule(ctx, code, '*', { session: 60, daily: 180 })
    const patron = await cardHolder(ctx)
    const [busy, free] = g.devices
    if (busy === undefined || free === undefined) throw new Error('no computers')
    await startSession(ctx, busy, { kind: 'card', barcode: patron.barcode, pin: PIN })
    return { ...g, busy, free, patron }
  }

  it('shows desk staff the computers in use and time left, without names; names only for computers.names', async () => {
    const { ctx } = env()
    const g = await busyComputers('adult-list')
    const desk = new WebClient(app)
    const { answer } = await signInStaff(desk, ctx, 'circulation')
    expect((await desk.follow(answer)).body).toContain('href="/staff/computers"')
    const list = await desk.get('/staff/computers')
    expect(list.status).toBe(200)
    const text = textOf(list.body)
    expect(text).toContain(`${g.busy.name} Group adult-list In use 60 minutes`)
    expect(text).toContain(`${g.free.name} Group adult-list Free —`)
    expect(text).not.toContain(g.patron.givenName)
    expect(list.body).not.toContain('href="/staff/computers/setup"')
    expect((await desk.get('/staff/computers/setup')).status).toBe(403)
    expect((await desk.get('/staff/computers/rules')).status).toBe(403)

    const librarian = new WebClient(app)
    await signInStaff(librarian, ctx, 'librarian')
    expect(textOf((await librarian.get('/staff/computers')).body)).toContain(g.patron.givenName)

    const officer = new WebClient(app)
    const signedIn = await signInStaff(officer, ctx, 'privacy_officer')
    expect((await officer.follow(signedIn.answer)).body).not.toContain('href="/staff/computers"')
    expect((await officer.get('/staff/computers')).status).toBe(403)
  })

  it('ends a session only from its confirmation page, and extends one', async () => {
    const { ctx } = env()
    const g = await busyComputers('adult-end')
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const href = `/staff/computers/${g.busy.id}`

    const extended = await c.submit('/staff/computers', `${href}/extend`, { minutes: '30' })
    expect(textOf(extended.body)).toContain(`The session on ${g.busy.name} has 30 more minutes.`)
    expect(await sessionStatus(ctx, g.busy)).toMatchObject({ minutesLeft: 90 })
    const refused = await c.submit('/staff/computers', `${href}/extend`, { minutes: 'lots' })
    expect(textOf(refused.body)).toContain('Choose how many minutes to add.')

    const confirm = await c.get(`${href}/end`)
    expect(textOf(confirm.body)).toContain(`End the session on ${g.busy.name}?`)
    expect(await sessionStatus(ctx, g.busy)).toMatchObject({ state: 'in_session' })
    const ended = await c.follow(
      await c.post(`${href}/end`, { _csrf: hiddenValue(confirm.body, '_csrf') }),
    )
    expect(textOf(ended.body)).toContain(`The session on ${g.busy.name} has ended.`)
    expect(await sessionStatus(ctx, g.busy)).toMatchObject({ state: 'idle' })
    // Nothing to end any more: the confirmation page says so instead of asking.
    const again = await c.follow(await c.get(`${href}/end`))
    expect(textOf(again.body)).toContain(`Nobody is using ${g.busy.name} now.`)
    expect((await c.get('/staff/computers/no-such-computer/end')).status).toBe(404)
    // A post without the form's token changes nothing.
    expect((await c.post(`${href}/service`, { inService: '0' })).status).toBe(403)
    expect(await sessionStatus(ctx, g.busy)).toMatchObject({ state: 'idle' })
  })

  it('sends a message to one screen or a whole group, and takes a computer out of service', async () => {
    const { ctx } = env()
    const g = await busyComputers('adult-msg')
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'circulation')
    const one = await c.submit('/staff/computers', '/staff/computers/message', {
      target: `computer:${g.busy.id}`,
      text: 'The library closes in 15 minutes.',
    })
    expect(textOf(one.body)).toContain('Message sent to 1 computer.')
    const group = await c.submit('/staff/computers', '/staff/computers/message', {
      target: `group:${g.groupId}`,
      text: 'Printing is back.',
    })
    expect(textOf(group.body)).toContain('Message sent to 2 computers.')
    expect((await sessionStatus(ctx, g.busy)).messages).toEqual([
      'The library closes in 15 minutes.',
      'Printing is back.',
    ])
    expect((await sessionStatus(ctx, g.free)).messages).toEqual(['Printing is back.'])
    const empty = await c.submit('/staff/computers', '/staff/computers/message', {
      target: `computer:${g.free.id}`,
      text: '   ',
    })
    expect(empty.body).toContain('flash-error')
    expect((await sessionStatus(ctx, g.free)).messages).toEqual([])

    const out = await c.submit('/staff/computers', `/staff/computers/${g.free.id}/service`, {
      inService: '0',
    })
    expect(textOf(out.body)).toContain(`${g.free.name} is out of service.`)
    expect(textOf(out.body)).toContain(`${g.free.name} Group adult-msg Out of service`)
    expect(await sessionStatus(ctx, g.free)).toMatchObject({ state: 'out_of_service' })
    await c.submit('/staff/computers', `/staff/computers/${g.free.id}/service`, { inService: '1' })
    expect(await sessionStatus(ctx, g.free)).toMatchObject({ state: 'idle' })
  })

  it('sets up a group and a computer, and shows its credential once; re-issuing asks and revokes the old one', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'admin')
    const added = await c.submit('/staff/computers/setup', '/staff/computers/groups', {
      branch: 'main',
      code: 'teens',
      name: 'Teen room',
    })
    expect(textOf(added.body)).toContain('Group Teen room saved.')
    const groupId = /<option value="([^"]+)"[^>]*>Teen room \(/.exec(added.body)?.[1] ?? ''
    expect(groupId).not.toBe('')
    const computer = await c.submit('/staff/computers/setup', '/staff/computers/new', {
      groupId,
      name: 'Teen PC 1',
    })
    expect(textOf(computer.body)).toContain('Computer Teen PC 1 saved.')
    expect(textOf(computer.body)).toContain('Teen PC 1 Main Teen room None yet')
    const duplicate = await c.submit('/staff/computers/setup', '/staff/computers/new', {
      groupId,
      name: 'Teen PC 1',
    })
    expect(duplicate.body).toContain('flash-error')

    const credentialHref = /href="(\/staff\/computers\/[^"]+\/credential)"/.exec(computer.body)?.[1]
    if (credentialHref === undefined) throw new Error('no credential link')
    const issue = async () => {
      const ask = await c.get(credentialHref)
      expect(ask.status).toBe(200)
      const shown = await c.post(credentialHref, { _csrf: hiddenValue(ask.body, '_csrf') })
      expect(shown.status).toBe(200)
      expect(shown.headers['cache-control']).toContain('no-store')
      return { ask, token: /<code>([A-Za-z0-9_-]{43})<\/code>/.exec(shown.body)?.[1] ?? '' }
    }
    const first = await issue()
    expect(textOf(first.ask.body)).not.toContain('Re-issue the credential')
    expect(await deviceByToken(ctx, first.token)).toMatchObject({ name: 'Teen PC 1' })
    const second = await issue()
    expect(textOf(second.ask.body)).toContain('Re-issue the credential of Teen PC 1?')
    expect(await deviceByToken(ctx, first.token)).toBeUndefined()
    expect(await deviceByToken(ctx, second.token)).toMatchObject({ name: 'Teen PC 1' })
    // The list never shows a credential again, only when it was issued.
    const setup = await c.get('/staff/computers/setup')
    expect(setup.body).not.toContain(second.token)
    expect(textOf(setup.body)).toContain('Issued Jan 15, 2026')
  })

  it('saves time rules, and sends a refused one back with what to fix', async () => {
    const { ctx, clock } = env()
    clock.set(MORNING)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'admin')
    const saved = await c.submit('/staff/computers/rules', '/staff/computers/rules', {
      groupCode: 'children',
      category: 'adult',
      dailyMinutes: '0',
      sessionMinutes: '30',
      extensionMinutes: '0',
    })
    expect(textOf(saved.body)).toContain('Rule saved.')
    expect(textOf(saved.body)).toContain('children Adult No 0 30 0')
    const form = await c.get('/staff/computers/rules')
    const refused = await c.post('/staff/computers/rules', {
      _csrf: hiddenValue(form.body, '_csrf'),
      groupCode: 'children',
      category: 'adult',
      allowed: 'on',
      dailyMinutes: '60',
      sessionMinutes: '',
    })
    expect(refused.status).toBe(400)
    expect(textOf(refused.body)).toContain('Some details need correcting')
    expect(textOf(refused.body)).toContain('children Adult No 0 30 0')
  })
})
