// The registration form: required fields are marked for the eye and for assistive
// technology, a refused form opens on an error summary that takes the focus without script and
// links to each field, and each field's error is tied to it.
import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { hiddenValue, textOf, WebClient, type Page } from './web-client.js'
import { patronWithPin, signInStaff, useWebApp } from './web-harness.js'

const registration = {
  givenName: 'Marisol',
  familyName: 'Oakhurst',
  line1: '12 Fern Row',
  city: 'Thornton',
  postcode: '60476',
  email: 'marisol@example.org',
  category: 'adult',
  homeBranch: 'main',
}

const REQUIRED = ['givenName', 'familyName', 'line1', 'city', 'postcode']
const OPTIONAL = ['line2', 'region', 'email', 'phone', 'licenceNumber', 'birthDate', 'expiresOn']

/** The opening tag of the input (or select) with this id. */
const control = (page: Page, id: string): string =>
  new RegExp(`<(?:input|select) id="${id}"[^>]*>`).exec(page.body)?.[0] ?? ''

/** The label element for this id, with its contents. */
const labelOf = (page: Page, id: string): string =>
  new RegExp(`<label for="${id}">(.*?)</label>`).exec(page.body)?.[1] ?? ''

const summaryOf = (page: Page): string =>
  /<div id="error-summary"[^>]*>.*?<\/div>/s.exec(page.body)?.[0] ?? ''

describeEngines('web: the registration form', (env) => {
  const app = useWebApp(() => env().ctx)

  it('marks every required field for the eye and for screen readers, and no optional one', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const form = await c.get('/staff/patrons/new')
    expect(textOf(form.body)).toContain('Fields marked * must be filled in.')
    for (const name of [...REQUIRED, 'category', 'homeBranch']) {
      const tag = control(form, `f-${name}`)
      expect(tag, name).toMatch(/ required[ >]/)
      expect(tag, name).toContain('aria-required="true"')
      expect(labelOf(form, `f-${name}`), name).toContain(
        '<span class="required-mark" aria-hidden="true"> *</span>',
      )
      // The field is named by its words alone, not by the mark.
      expect(tag, name).toContain(`aria-labelledby="f-${name}-label"`)
      expect(labelOf(form, `f-${name}`), name).toMatch(
        new RegExp(`^<span id="f-${name}-label">[^<]+</span>`),
      )
    }
    for (const name of OPTIONAL) {
      const tag = control(form, `f-${name}`)
      expect(tag, name).not.toBe('')
      expect(tag, name).not.toMatch(/ required[ >]|aria-required|aria-labelledby/)
      expect(labelOf(form, `f-${name}`), name).not.toContain('required-mark')
    }
    // Nothing to fix yet: no summary, and nothing takes the focus.
    expect(summaryOf(form)).toBe('')
    expect(form.body).not.toContain('autofocus')
    expect(form.body).not.toContain('aria-invalid')
  })

  it('opens a refused form on a focused summary linking to each field, each error tied to its field', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const csrf = hiddenValue((await c.get('/staff/patrons/new')).body, '_csrf')
    const refused = await c.post('/staff/patrons', {
      _csrf: csrf,
      ...registration,
      givenName: '',
      postcode: '',
      email: 'not-an-email',
    })
    expect(refused.status).toBe(400)
    const summary = summaryOf(refused)
    expect(summary).toMatch(
      /^<div id="error-summary" class="[^"]*" role="alert" tabindex="-1" autofocus/,
    )
    expect(summary).toContain('aria-labelledby="error-summary-title"')
    expect(summary).toContain(
      '<h2 id="error-summary-title">Some details need correcting: see below.</h2>',
    )
    // The summary comes before the form, and is the only thing that takes the focus.
    expect(refused.body.indexOf('id="error-summary"')).toBeLessThan(
      refused.body.indexOf('<form method="post" action="/staff/patrons"'),
    )
    expect(refused.body.match(/autofocus/g)).toHaveLength(1)
    for (const [name, label, problem] of [
      ['givenName', 'Given name', 'Fill this in.'],
      ['postcode', 'ZIP code', 'Fill this in.'],
      ['email', 'Email address', 'Check this value.'],
    ] as const) {
      expect(summary, name).toContain(`<a href="#f-${name}">${label}: ${problem}</a>`)
      const tag = control(refused, `f-${name}`)
      expect(tag, name).toContain('aria-invalid="true"')
      expect(tag, name).toMatch(new RegExp(`aria-describedby="[^"]*\\bf-${name}-error\\b`))
      expect(refused.body, name).toContain(
        `<p class="error-text" id="f-${name}-error">${problem}</p>`,
      )
    }
    // A field without a problem is neither marked invalid nor described by an error.
    expect(control(refused, 'f-city')).not.toContain('aria-invalid')
    expect(control(refused, 'f-city')).not.toContain('aria-describedby')
    // What was typed comes back, so only the problems need retyping.
    expect(control(refused, 'f-familyName')).toContain('value="Oakhurst"')
  })

  it('links a refusal about one field to that field even when the service names only a rule', async () => {
    const { ctx } = env()
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const csrf = hiddenValue((await c.get('/staff/patrons/new')).body, '_csrf')
    const cases = [
      [{ barcode: '12' }, 'barcode', 'Card number: That card number does not fit'],
      [{ category: 'nope' }, 'category', 'Patron category: Patron category must be one of'],
      [{ homeBranch: 'nowhere' }, 'homeBranch', 'Home branch: Home branch must be one of'],
      [{ birthDate: '2999-01-01' }, 'birthDate', 'Date of birth: The date of birth must be'],
    ] as const
    for (const [change, field, words] of cases) {
      const refused = await c.post('/staff/patrons', { _csrf: csrf, ...registration, ...change })
      expect(refused.status, field).toBe(400)
      const summary = summaryOf(refused)
      expect(summary, field).toContain(`<a href="#f-${field}">${words}`)
      expect(control(refused, `f-${field}`), field).toMatch(
        new RegExp(`aria-describedby="[^"]*\\bf-${field}-error\\b`),
      )
      expect(refused.body, field).toContain(`id="f-${field}-error"`)
    }
    // A card number already in use is a conflict, explained at the card number field.
    const taken = await patronWithPin(ctx)
    const clash = await c.post('/staff/patrons', {
      _csrf: csrf,
      ...registration,
      barcode: taken.barcode,
    })
    expect(clash.status).toBe(409)
    expect(summaryOf(clash)).toContain(
      '<a href="#f-barcode">Card number: That card number is already in use.</a>',
    )
  })

  it('marks and explains the edit form the same way', async () => {
    const { ctx } = env()
    const patron = await patronWithPin(ctx)
    const c = new WebClient(app)
    await signInStaff(c, ctx, 'librarian')
    const edit = await c.get(`/staff/patrons/${patron.id}/edit`)
    for (const name of REQUIRED) {
      expect(control(edit, `f-${name}`), name).toContain('aria-required="true"')
      expect(labelOf(edit, `f-${name}`), name).toContain('required-mark')
    }
    expect(summaryOf(edit)).toBe('')
    const refused = await c.post(`/staff/patrons/${patron.id}/edit`, {
      _csrf: hiddenValue(edit.body, '_csrf'),
      ...registration,
      city: '',
    })
    expect(refused.status).toBe(400)
    const summary = summaryOf(refused)
    expect(summary).toContain('tabindex="-1" autofocus')
    expect(summary).toContain('<a href="#f-city">Town or city: Fill this in.</a>')
    expect(control(refused, 'f-city')).toContain('aria-describedby="f-city-error"')
    // The edit form has no card fields, so nothing links to one.
    expect(refused.body).not.toContain('id="f-barcode"')
  })
})
