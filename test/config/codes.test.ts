import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'

const problemsOf = (overrides: Record<string, unknown>): string[] => {
  try {
    loadConfig({ env: {}, file: undefined, overrides })
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('configured codes', () => {
  it('accepts the codes an ILS uses, kept as written', () => {
    const c = loadConfig({
      env: {},
      file: undefined,
      overrides: {
        library: { branches: ['CPL', 'BR1', 'east_2'], patronCategories: ['Patrons', 'J-ADULT'] },
        statistics: { childCategories: ['J-ADULT'] },
      },
    })
    expect(c.library.branches).toEqual(['CPL', 'BR1', 'east_2'])
    expect(c.library.patronCategories).toEqual(['Patrons', 'J-ADULT'])
    expect(c.statistics.childCategories).toEqual(['J-ADULT'])
  })

  it('refuses what the API would refuse, naming the key', () => {
    expect(problemsOf({ library: { branches: ['br 1'] } })).toEqual([
      expect.stringMatching(/^library\.branches\.0: Expected string to match/),
    ])
    expect(problemsOf({ library: { patronCategories: ['-x'] } })).toEqual([
      expect.stringMatching(/^library\.patronCategories\.0: /),
    ])
    expect(problemsOf({ library: { branches: ['A'.repeat(41)] } })).toEqual([
      expect.stringMatching(/^library\.branches\.0: /),
    ])
    expect(problemsOf({ statistics: { childCategories: ['kids!'] } })).toEqual([
      expect.stringMatching(/^statistics\.childCategories\.0: /),
    ])
  })

  it('refuses a list holding one code twice, or two that differ only in letter case', () => {
    expect(problemsOf({ library: { branches: ['CPL', 'CPL'] } })).toEqual([
      expect.stringMatching(/^library\.branches: .*unique/),
    ])
    expect(problemsOf({ library: { branches: ['CPL', 'BR1', 'cpl'] } })).toEqual([
      'library.branches: "cpl" differs from "CPL" only in letter case; codes are compared as written, so keep one spelling',
    ])
    expect(problemsOf({ library: { patronCategories: ['Patrons', 'PATRONS'] } })).toEqual([
      expect.stringContaining('library.patronCategories: "PATRONS" differs from "Patrons"'),
    ])
    expect(problemsOf({ statistics: { childCategories: ['Kids', 'kids'] } })).toEqual([
      expect.stringContaining('statistics.childCategories: "kids" differs from "Kids"'),
    ])
  })
})
