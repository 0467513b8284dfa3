import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

describe('carrel patrons import', () => {
  afterAll(removeTempDirs)
  const cwd = tempDir()
  const env = { CARREL_DATA_DIR: join(cwd, 'data') }
  const header = 'givenName,familyName,addressLine1,city,postcode,category,homeBranch,email,pin'

  beforeAll(async () => {
    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
  })

  it('imports good rows, lists each rejected row by line without its values, and exits 0', async () => {
    const file = join(cwd, 'patrons.csv')
    writeFileSync(
      file,
      [
        header,
        'Rosalind,Achterberg,"14 Orchard Row\nApt 2",Harlan Grove,61990,adult,main,ros@example.org,4826',
        'Tobias,Quennell,2 Depot Street,Harlan Grove,61990,adult,main,tobias-at-example,',
        'Ulla,Brightwater,3 Depot Street,Harlan Grove,61990,adult,main,,7777',
        'Viggo,Marchetti,4 Depot Street,Harlan Grove,61990,senior,main,,',
        '',
      ].join('\n'),
    )
    const result = await runCli(['patrons', 'import', file], { cwd, env })
    expect(result.stderr).not.toMatch(STACK_LINE)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('2 imported, 2 rejected')
    expect(result.stdout).toMatch(/^line 4: .*\(INVALID_INPUT\)$/m)
    expect(result.stdout).toMatch(/^line 5: .*\(WEAK_PIN\)$/m)
    for (const value of ['Quennell', 'tobias-at-example', 'Brightwater', '7777', 'Tobias']) {
      expect(result.stdout + result.stderr).not.toContain(value)
    }
  })

  it('exits 2 without importing when the file is missing or its header is wrong', async () => {
    const missing = await runCli(['patrons', 'import', join(cwd, 'nowhere.csv')], { cwd, env })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nowhere.csv')
    expect(missing.stderr).not.toMatch(STACK_LINE)

    const file = join(cwd, 'odd.csv')
    writeFileSync(
      file,
      `${header},shoeSize\nWanda,Eastwood,5 Elm St,Harlan Grove,61990,adult,main,,,41\n`,
    )
    const odd = await runCli(['patrons', 'import', file], { cwd, env })
    expect(odd.code).toBe(2)
    expect(odd.stderr).toContain('"shoeSize"')
    expect(odd.stderr).toContain('CSV_UNKNOWN_COLUMN')
    expect(odd.stderr).not.toMatch(STACK_LINE)
    expect(odd.stdout).not.toContain('imported')
  })
})
