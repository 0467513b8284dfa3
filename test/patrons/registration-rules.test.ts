import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/config.js'
import { AppError } from '../../src/errors.js'
import { barcodeProblem } from '../../src/patrons/barcode.js'
import { checkRegistrationRules, refuseDisabledFields } from '../../src/patrons/patron-input.js'
import { pinProblem } from '../../src/patrons/pin-policy.js'

const KNOWN = { branches: ['main', 'east'], categories: ['adult', 'child'] }
const TODAY = '2026-01-15'

/** The refusal a rule check throws, as code and message. */
function refusalOf(check: () => void): { code: string; message: string } {
  try {
    check()
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message }
    throw err
  }
  throw new Error('expected a refusal')
}

/** A configuration with only the field switches these rules read. */
function withFields(fields: Partial<Config['patrons']['fields']>): Config {
  return {
    patrons: {
      fields: { phone: true, sex: true, licenceNumber: true, birthDate: true, ...fields },
    },
  } as unknown as Config
}

describe('registration rules say what is allowed', () => {
  it('lists the categories a patron may have', () => {
    expect(refusalOf(() => checkRegistrationRules(KNOWN, TODAY, { category: 'martian' }))).toEqual({
      code: 'UNKNOWN_CATEGORY',
      message: 'Patron category must be one of adult, child.',
    })
  })

  it('lists the branches a patron may call home', () => {
    expect(refusalOf(() => checkRegistrationRules(KNOWN, TODAY, { homeBranch: 'moon' }))).toEqual({
      code: 'UNKNOWN_BRANCH',
      message: 'Home branch must be one of main, east.',
    })
  })

  it('says a date of birth must be a real date in the past', () => {
    for (const birthDate of ['2026-02-30', '2027-01-01', '1899-12-31'])
      expect(refusalOf(() => checkRegistrationRules(KNOWN, TODAY, { birthDate }))).toEqual({
        code: 'INVALID_BIRTH_DATE',
        message: 'The date of birth must be a real date in the past.',
      })
  })

  it('names every switched-off field that was given', () => {
    const config = withFields({ sex: false, licenceNumber: false })
    expect(
      refusalOf(() => refuseDisabledFields(config, { sex: 'F', licenceNumber: 'K1234' })),
    ).toEqual({
      code: 'FIELD_DISABLED',
      message: 'This library does not collect: sex, licenceNumber.',
    })
  })

  it('lets a switched-off field be cleared (null) or left out', () => {
    const config = withFields({ phone: false })
    expect(() => refuseDisabledFields(config, { phone: null })).not.toThrow()
    expect(() => refuseDisabledFields(config, { phone: undefined })).not.toThrow()
    expect(() => refuseDisabledFields(config, { phone: '708-555-0101' })).toThrow(/phone/)
  })
})

describe('card number format', () => {
  it('says how many digits a card number has', () => {
    const format = { barcodePrefix: '2', barcodeLength: 14, checkDigit: 'luhn' as const }
    expect(barcodeProblem(format, '2123')).toBe('a card number has 14 digits')
  })
})

describe('PIN rules', () => {
  it('says a PIN has digits only', () => {
    const rules = { pinMinLength: 4, pinMaxLength: 8, weakPinScreen: true }
    expect(pinProblem(rules, '12a4')).toBe('a PIN is digits only')
  })
})
