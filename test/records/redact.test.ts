// REQ-2.4: private details found in free text are replaced by a marker that names the exemption
// (5 ILCS 140/7(1)(b) for contact details, 7(1)(c) for the sender's name); the rest stays.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactText } from '../../src/records/redact.js'

const B = '[redacted: 5 ILCS 140/7(1)(b)]'
const C = '[redacted: 5 ILCS 140/7(1)(c)]'

describe('redaction of free text', () => {
  it('replaces email addresses, phone numbers and street addresses under 7(1)(b)', () => {
    expect(redactText('Write to ana@example.org today.', {})).toBe(`Write to ${B} today.`)
    expect(redactText('Call (312) 555-0199 or 708.555.0142 or 555-0100.', {})).toBe(
      `Call ${B} or ${B} or ${B}.`,
    )
    expect(redactText('I live at 1234 N. Oak Park Ave., Apt 2 near the park.', {})).toBe(
      `I live at ${B} near the park.`,
    )
    expect(redactText('Vivo en Calle Mayor 12.', {})).toBe(`Vivo en ${B}.`)
  })

  it('replaces the sender’s own name, whole or in part, in any case, under 7(1)(c)', () => {
    expect(
      redactText('I am María López. López here again; maría too.', { name: 'María López' }),
    ).toBe(`I am ${C}. ${C} here again; ${C} too.`)
    // A word that only contains the name is left alone.
    expect(redactText('Marianne came by.', { name: 'María' })).toBe('Marianne came by.')
  })

  it('makes one marker of overlapping finds, naming 7(1)(b) when a contact detail is among them', () => {
    expect(redactText('Mail dana@example.net', { name: 'Dana' })).toBe(`Mail ${B}`)
  })

  it('leaves years, counts, prices and statute citations alone', () => {
    const text = 'In 2024 we read 300 books for $12.50 under 5 ILCS 140/7(1)(c) and 75 ILCS 70/1.'
    expect(redactText(text, {})).toBe(text)
  })

  it('never leaves an email address or the sender’s name behind', () => {
    const word = fc.stringMatching(/^[a-z]{2,8}$/)
    fc.assert(
      fc.property(word, word, fc.array(word, { maxLength: 6 }), (user, name, filler) => {
        // The marker's own words are not names.
        fc.pre(name !== 'redacted' && name !== 'ilcs')
        const email = `${user}@example.org`
        const text = [...filler, email, name.toUpperCase(), ...filler].join(' ')
        const out = redactText(text, { name })
        expect(out).not.toContain(email)
        expect(out.toLowerCase().split(/[^a-z]+/)).not.toContain(name)
      }),
    )
  })
})
