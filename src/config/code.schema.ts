import { Type } from '@sinclair/typebox'

/**
 * The one rule for the codes a library names its branches, item types, patron categories and
 * computer groups by. Codes are stored and compared exactly as written: real ILS codes are often
 * upper-case (CPL, BR1) and a migrated library keeps them. It lives under config/ because the
 * configuration needs it and website statistics may import the configuration schema but no
 * domain module; src/library/codes.ts is where the rest of Carrel takes it from.
 */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$'
export const CODE_MAX_LENGTH = 40

export const CodeSchema = Type.String({
  minLength: 1,
  maxLength: CODE_MAX_LENGTH,
  pattern: CODE_PATTERN,
  description:
    'A code: 1–40 letters (either case), digits, "_" or "-", starting with a letter or digit. ' +
    'Kept exactly as written (BR1 stays BR1); a code differing from an existing one of the same ' +
    'kind only in letter case is refused (CODE_CASE_CONFLICT).',
})

/** Two codes a person would read as the same: equal but for letter case. */
export const sameButCase = (a: string, b: string): boolean =>
  a !== b && a.toLowerCase() === b.toLowerCase()

/** Each pair of codes in a configured list that differ only in letter case, as problems. */
export function caseTwinProblems(key: string, codes: readonly string[]): string[] {
  const out: string[] = []
  codes.forEach((code, i) => {
    const twin = codes.slice(0, i).find((earlier) => sameButCase(earlier, code))
    if (twin !== undefined)
      out.push(
        `${key}: "${code}" differs from "${twin}" only in letter case; codes are compared as written, so keep one spelling`,
      )
  })
  return out
}
