import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countCatalogEntries } from '../../src/catalog/catalog-import.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

const GS = '\x1D'

describe('carrel items import', () => {
  afterAll(removeTempDirs)
  const cwd = tempDir()
  const env = { CARREL_DATA_DIR: join(cwd, 'data') }

  beforeAll(async () => {
    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
  })

  it('imports a CSV catalogue, naming each rejected line, and exits 0', async () => {
    const file = join(cwd, 'items.csv')
    writeFileSync(
      file,
      [
        'title,author,isbn,year,materialType,barcode,callNumber,branch,itemType,replacementPrice',
        'Prairie Birds,Ng,9781402894626,2008,book,C-1,598 NG,main,book,24.50',
        'Prairie Birds,Ng,9781402894626,2008,book,C-2,598 NG,main,book,24.50',
        ',No title here,,,book,C-3,,main,book,10',
      ].join('\n'),
    )
    const result = await runCli(['items', 'import', file], { cwd, env })
    expect(result.stderr).not.toMatch(STACK_LINE)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('1 titles and 2 copies added, 1 records rejected')
    expect(result.stdout).toMatch(/^line 4: /m)
  })

  it('asks for a format it cannot tell from the name, and exits 2', async () => {
    const file = join(cwd, 'catalogue.dat')
    writeFileSync(file, 'x')
    const result = await runCli(['items', 'import', file], { cwd, env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--format')
  })

  it('counts entries for the progress bar without parsing them', async () => {
    const chunks = (s: string) => Readable.from(s.match(/[\s\S]{1,5}/g) ?? [])
    expect(await countCatalogEntries(chunks(`a${GS}b${GS}c${GS}`), 'iso2709')).toBe(3)
    expect(
      await countCatalogEntries(
        chunks('<collection><marc:record>x</marc:record><record>y</record></collection>'),
        'marcxml',
      ),
    ).toBe(2)
    expect(await countCatalogEntries(chunks('h\n1\n2\n3\n'), 'csv')).toBe(3)
  })
})
