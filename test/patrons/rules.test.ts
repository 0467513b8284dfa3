import { describe, expect, it } from 'vitest'
import { barcodeProblem, generateBarcode, luhnDigit } from '../../src/patrons/barcode.js'
import { pinProblem } from '../../src/patrons/pin-policy.js'
import { lookupDigests, normaliseSurname } from '../../src/patrons/normalise.js'

const FORMAT = { barcodePrefix: '2', barcodeLength: 14, checkDigit: 'luhn' as const }
const RULES = { pinMinLength: 4, pinMaxLength: 8, weakPinScreen: true }

describe('barcodes', () => {
  it('computes the Luhn digit', () => {
    expect(luhnDigit('7992739871')).toBe('3')
    expect(
      barcodeProblem({ ...FORMAT, barcodePrefix: '7', barcodeLength: 11 }, '79927398713'),
    ).toBeUndefined()
    expect(
      barcodeProblem({ ...FORMAT, barcodePrefix: '7', barcodeLength: 11 }, '79927398714'),
    ).toMatch(/check digit/)
  })
  it('generates numbers that fit the format', () => {
    for (let i = 0; i < 200; i++)
      expect(barcodeProblem(FORMAT, generateBarcode(FORMAT))).toBeUndefined()
    expect(barcodeProblem(FORMAT, '3' + generateBarcode(FORMAT).slice(1))).toMatch(/starts with 2/)
    expect(barcodeProblem({ ...FORMAT, checkDigit: 'none' }, '21234567890123')).toBeUndefined()
  })
})

describe('weak PIN screen', () => {
  it.each([
    ['0000', 'repeat'],
    ['123456', 'run'],
    ['9876', 'run'],
    ['8901', 'run'],
    ['1984', 'birth year'],
    ['2121', undefined],
    ['0142', 'phone'],
    ['123', '4 to 8 digits'],
    ['12345678901', '4 to 8 digits'],
    ['529174630', '4 to 8 digits'],
    ['2111', undefined],
    ['1124', undefined],
  ])('%s', (pin, why) => {
    const problem = pinProblem(RULES, pin, { birthDate: '1984-03-09', phone: '708-555-0142' })
    if (why === undefined) expect(problem).toBeUndefined()
    else expect(problem).toContain(why)
  })
  it('reads the phone number by its digits, whatever separates them, up to its whole length', () => {
    expect(pinProblem(RULES, '0142', { phone: '708.555.01.42' })).toContain('phone')
    expect(pinProblem(RULES, '55501427', { phone: '555-014-27' })).toContain('phone')
    expect(pinProblem(RULES, '5291', { phone: '' })).toBeUndefined()
  })
  it('looks for a birth year only when the birth date starts with one', () => {
    expect(pinProblem(RULES, '5291', { birthDate: '' })).toBeUndefined()
    expect(pinProblem(RULES, '2919', { birthDate: '19' })).toBeUndefined()
    expect(pinProblem(RULES, '5291', { birthDate: null })).toBeUndefined()
  })
  it('can be switched off, but not the length rule', () => {
    expect(pinProblem({ ...RULES, weakPinScreen: false }, '1111')).toBeUndefined()
    expect(pinProblem({ ...RULES, weakPinScreen: false }, '11')).toBe('a PIN has 4 to 8 digits')
  })
})

describe('surname lookups', () => {
  it('folds case and accents and indexes prefixes of two to six letters', () => {
    expect(normaliseSurname("O'Brien-Núñez")).toBe('obriennunez')
    const kinds = lookupDigests(Buffer.alloc(32), { familyName: 'Ng' }).map((d) => d.kind)
    expect(kinds).toEqual(['surname', 'surname_prefix'])
    expect(
      lookupDigests(Buffer.alloc(32), { familyName: 'Quillfeather' }).filter(
        (d) => d.kind === 'surname_prefix',
      ),
    ).toHaveLength(5)
  })
})
