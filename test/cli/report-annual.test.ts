// carrel report annual: the survey fields for a fiscal year as a table or CSV, to the screen or a
// file; a bad year, period, format or output file exits 2 with the reason and no stack trace.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkout } from '../../src/circulation/checkout.service.js'
import { renew } from '../../src/circulation/loans.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

function carrel(env: TestEnv, args: string[]) {
  const stats = env.config.statistics.url
  return runCli(args, {
    cwd: tempDir(),
    env: {
      CARREL_DATA_DIR: env.dataDir,
      CARREL_MASTER_KEY: env.masterKey.toString('base64'),
      ...(env.databaseUrl !== undefined && { CARREL_DATABASE_URL: env.databaseUrl }),
      ...(env.keystoreUrl !== undefined && { CARREL_KEYSTORE_URL: env.keystoreUrl }),
      ...(stats !== undefined && { CARREL_STATISTICS_URL: stats }),
    },
  })
}

describeEngines('carrel report annual', (env) => {
  afterAll(removeTempDirs)

  beforeAll(async () => {
    // Two checkouts and a renewal in fiscal year 2026 (July 2025 to June 2026), one after it.
    const { ctx, clock } = env()
    clock.set('2026-01-15T16:00:00.000Z')
    const library = await setUpLibrary(ctx)
    const desk = library.desk
    const reader = await library.patron()
    const { items } = await library.title([{}, {}, {}])
    const [a, b, c] = items.map((i) => i.barcode)
    await checkout(ctx, desk, {
      patronBarcode: reader.barcode,
      itemBarcode: a ?? '',
      branch: 'main',
    })
    await checkout(ctx, desk, {
      patronBarcode: reader.barcode,
      itemBarcode: b ?? '',
      branch: 'main',
    })
    clock.set('2026-06-30T16:00:00.000Z')
    await renew(ctx, desk, { itemBarcode: a ?? '' })
    clock.set('2026-07-01T16:00:00.000Z')
    await checkout(ctx, desk, {
      patronBarcode: reader.barcode,
      itemBarcode: c ?? '',
      branch: 'main',
    })
  })

  it('prints the fields for a fiscal year as a table, and writes them as CSV to a file', async () => {
    const table = await carrel(env(), ['report', 'annual', '--year', '2026'])
    expect(table.stderr).not.toMatch(STACK_LINE)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('Annual report, fiscal year 2026 (2025-07-01 to 2026-06-30)')
    expect(table.stdout).toMatch(/^TOTCIR\s+Total circulation of materials\s+3$/m)
    expect(table.stdout).toMatch(/^REGBOR\s+Registered users\s+1$/m)
    expect(table.stdout).toMatch(/^WIFISESS\s+Wireless \(Wi-Fi\) sessions\s+Not counted$/m)

    const dir = tempDir()
    const out = join(dir, 'fy2026.csv')
    const written = await carrel(env(), [
      'report',
      'annual',
      '--year',
      '2026',
      '--format',
      'csv',
      '--out',
      out,
    ])
    expect(written.code).toBe(0)
    expect(written.stdout).toBe('')
    expect(written.stderr).toContain(`written to ${out}`)
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('"field","label","value","method"')
    expect(lines.find((l) => l.startsWith('"TOTCIR"'))).toMatch(
      /^"TOTCIR","Total circulation of materials","3",/,
    )
    expect(lines.find((l) => l.startsWith('"ELMATCIR"'))).toMatch(/^"ELMATCIR","[^"]+","",/)

    const own = await carrel(env(), [
      'report',
      'annual',
      '--from',
      '2026-07-01',
      '--to',
      '2026-07-31',
      '--format',
      'csv',
    ])
    expect(own.code).toBe(0)
    expect(own.stdout).toMatch(/^"TOTCIR","Total circulation of materials","1",/m)
  })

  it('refuses a bad year, period or format with exit code 2 and the reason', async () => {
    const year = await carrel(env(), ['report', 'annual', '--year', '26'])
    expect(year.code).toBe(2)
    expect(year.stderr).toContain('REPORT_YEAR_INVALID')
    expect(year.stderr).not.toMatch(STACK_LINE)
    const period = await carrel(env(), ['report', 'annual', '--from', '2026-07-01'])
    expect(period.code).toBe(2)
    expect(period.stderr).toContain('REPORT_PERIOD_INVALID')
    const format = await carrel(env(), ['report', 'annual', '--year', '2026', '--format', 'pdf'])
    expect(format.code).toBe(2)
    expect(format.stderr).toContain('unknown format "pdf"')
    const nowhere = await carrel(env(), [
      'report',
      'annual',
      '--year',
      '2026',
      '--out',
      join(tempDir(), 'no', 'such', 'dir.csv'),
    ])
    expect(nowhere.code).toBe(2)
    expect(nowhere.stderr).toContain('cannot write')
    expect(nowhere.stderr).not.toMatch(STACK_LINE)
  })
})
