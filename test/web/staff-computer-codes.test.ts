// The staff forms that take a code check the same rule in the browser as the server does, and
// the server refuses a code that differs from an existing one only in letter case.
import { expect, it } from 'vitest'
import { CODE_PATTERN } from '../../src/library/codes.js'
import { describeEngines } from '../harness/engines.js'
import { textOf, WebClient } from './web-client.js'
import { signInStaff, useWebApp } from './web-harness.js'

/** How a browser reads a pattern attribute: the whole value, with the `v` flag. */
const browserRegExp = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'v')

const patternOf = (html: string, name: string): string => {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? ''
  const raw = /pattern="([^"]*)"/.exec(input)?.[1]
  if (raw === undefined) throw new Error(`no pattern on ${name}`)
  return raw.replaceAll('&amp;', '&')
}

describeEngines('staff forms that take a code', (env) => {
  const app = useWebApp(() => env().ctx)

  it('check the code rule in the browser as the server does', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'admin')
    const setup = await c.get('/staff/computers/setup')
    const rules = await c.get('/staff/computers/rules')
    const server = new RegExp(CODE_PATTERN)
    const samples = ['CPL', 'BR1', 'teens', 'J_ADULT-2', 'br 1', '-x', '_x', 'é', '*', '']
    const group = browserRegExp(patternOf(setup.body, 'code'))
    for (const s of samples) expect(group.test(s), s).toBe(server.test(s))
    for (const name of ['groupCode', 'category']) {
      const scope = browserRegExp(patternOf(rules.body, name))
      for (const s of samples) expect(scope.test(s), s).toBe(s === '*' || server.test(s))
    }
  })

  it('refuse a group code, or a rule for one, spelled in another case', async () => {
    const c = new WebClient(app)
    await signInStaff(c, env().ctx, 'admin')
    const added = await c.submit('/staff/computers/setup', '/staff/computers/groups', {
      branch: 'main',
      code: 'ADULT',
      name: 'Adult area',
    })
    expect(textOf(added.body)).toContain('Group Adult area saved.')
    const twin = await c.submit('/staff/computers/setup', '/staff/computers/groups', {
      branch: 'main',
      code: 'adult',
      name: 'Second adult area',
    })
    expect(twin.body).toContain('flash-error')
    expect(textOf(twin.body)).toContain('differs from the existing "ADULT" only in letter case')
    expect(textOf(twin.body)).not.toContain('Second adult area')

    const form = await c.get('/staff/computers/rules')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    const refused = await c.post('/staff/computers/rules', {
      _csrf: csrf,
      groupCode: 'Adult',
      category: '*',
      allowed: 'on',
      dailyMinutes: '60',
      sessionMinutes: '30',
      extensionMinutes: '0',
    })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatch(
      /role="alert"><p>[^<]*&quot;Adult&quot; differs from the existing &quot;ADULT&quot;/,
    )
    expect(textOf(refused.body)).toContain('No rules yet')
  })
})
