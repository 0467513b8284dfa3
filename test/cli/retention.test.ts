import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

describe('carrel retention', () => {
  afterAll(removeTempDirs)
  const cwd = tempDir()
  const config = join(cwd, 'carrel.config.json')
  const env = { CARREL_DATA_DIR: join(cwd, 'data'), CARREL_CONFIG: config }

  beforeAll(async () => {
    writeFileSync(
      config,
      JSON.stringify({
        retention: { authorities: { 'pin-failures': { application: '24-017', item: '9' } } },
      }),
    )
    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
  })

  it('previews every series with its state, then runs without error', async () => {
    const preview = await runCli(['retention', 'preview'], { cwd, env })
    expect(preview.stderr).not.toMatch(STACK_LINE)
    expect(preview.code).toBe(0)
    expect(preview.stdout).toMatch(
      /^pin-failures\s+0\s+delete\s+due — Application 24-017, item 9$/m,
    )
    expect(preview.stdout).toMatch(
      /^loan-link\s+0\s+delete\s+no disposal authority: never purged$/m,
    )
    expect(preview.stdout).toMatch(/^catalogue\s+0\s+keep\s+kept \(no disposal\)$/m)
    const run = await runCli(['retention', 'run'], { cwd, env })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Nothing was due.')
  })

  it('names a retention authority for a series that does not exist', async () => {
    writeFileSync(
      config,
      JSON.stringify({
        retention: { authorities: { 'tea-breaks': { application: '1', item: '1' } } },
      }),
    )
    const bad = await runCli(['retention', 'preview'], { cwd, env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('retention.authorities.tea-breaks')
  })
})
