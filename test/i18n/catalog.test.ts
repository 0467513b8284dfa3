import { describe, expect, it } from 'vitest'
import { INTL_TAG, LOCALES, type Locale } from '../../src/i18n/catalog.js'
import { catalogOf, formatsFor, translator } from '../../src/i18n/i18n.js'
import { negotiateLocale } from '../../src/i18n/negotiate.js'

const PLURAL = /_(zero|one|two|few|many|other)$/
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

/** The keys of a catalog with plural suffixes taken off: what a page asks for. */
function baseKeys(locale: Locale): Set<string> {
  return new Set(Object.keys(catalogOf(locale)).map((k) => k.replace(PLURAL, '')))
}

describe('the message catalog', () => {
  it('has every key in every language, and no key in one language only', () => {
    const [first, ...rest] = LOCALES.map((l) => [l, baseKeys(l)] as const)
    for (const [locale, keys] of rest) {
      const missing = [...first![1]].filter((k) => !keys.has(k))
      const extra = [...keys].filter((k) => !first![1].has(k))
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] })
    }
  })

  it('gives every plural the forms its language needs (Spanish has "many" for a million)', () => {
    for (const locale of LOCALES) {
      const catalog = catalogOf(locale)
      const needed = new Intl.PluralRules(INTL_TAG[locale]).resolvedOptions().pluralCategories
      const plurals = new Set(
        Object.keys(catalog)
          .filter((k) => PLURAL.test(k))
          .map((k) => k.replace(PLURAL, '')),
      )
      for (const base of plurals)
        for (const form of needed)
          expect(catalog, `${locale}: ${base}_${form}`).toHaveProperty([`${base}_${form}`])
    }
  })

  it('has no empty text, and the same placeholders in every language', () => {
    const en = catalogOf('en')
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(catalogOf(locale))) {
        expect(text.trim(), `${locale}: ${key}`).not.toBe('')
        const english = en[key] ?? en[key.replace(PLURAL, '_other')]
        expect(placeholders(text), `${locale}: ${key}`).toEqual(placeholders(english ?? ''))
      }
    }
  })

  it('writes English the American way', () => {
    const british = /\b(catalogue|licence|colour|favourite|organis|recognis|cheque|centre)\w*/i
    for (const [key, text] of Object.entries(catalogOf('en')))
      expect(text, key).not.toMatch(british)
  })

  it('translates with plurals and placeholders, in each language', () => {
    expect(translator('en')('common.language.switchTo', { language: 'Español' })).toBe(
      'Read this page in Español',
    )
    expect(translator('es')('common.language.switchTo', { language: 'English' })).toBe(
      'Leer esta página en English',
    )
    expect(translator('es')('common.nav.search')).toBe('Buscar en el catálogo')
  })

  it('formats dates and money for each language in the library time zone', () => {
    const en = formatsFor('en', 'America/Chicago')
    const es = formatsFor('es', 'America/Chicago')
    // 03:30 UTC on the 2nd is still the evening of the 1st in Illinois.
    expect(en.date('2026-12-02T03:30:00Z')).toBe('Dec 1, 2026')
    expect(es.date('2026-12-02T03:30:00Z')).toBe('1 dic 2026')
    // A calendar date is that day everywhere.
    expect(en.date('2026-12-02')).toBe('Dec 2, 2026')
    expect(en.money(250)).toBe('$2.50')
    expect(es.money(250)).toBe('$2.50')
    expect(en.money(-1999)).toBe('−$19.99')
    expect(en.date(null)).toBe('—')
  })
})

describe('choosing a language from Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-FR, es;q=0.5', 'es'],
    ['fr-FR, de;q=0.5', 'en'],
    ['en;q=0.4, es;q=0.6', 'es'],
    ['es;q=0, en', 'en'],
    ['es;q=abc', 'en'],
    ['*', 'en'],
    ['ES', 'es'],
  ])('%j asks for %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected)
  })

  it('ignores an absurdly long header', () => {
    expect(negotiateLocale(`es,${'x'.repeat(600)}`)).toBe('en')
  })
})
