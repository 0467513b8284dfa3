import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rolesTable } from './roles-table.js'

describe('README', () => {
  it('shows the roles table the code enforces, row for row', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const normalise = (s: string) =>
      s
        .split('\n')
        .map((l) =>
          l
            .replace(/\s*\|\s*/g, '|')
            .replace(/:?-+:?/g, '-')
            .trim(),
        )
        .join('\n')
    expect(normalise(readme)).toContain(normalise(rolesTable()))
  })
})
