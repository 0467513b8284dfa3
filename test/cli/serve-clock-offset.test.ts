import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runCli, STACK_LINE, startCli, tempDir, freePort } from './run-cli.js'

describe('carrel serve --clock-offset', () => {
  afterAll(removeTempDirs)

  it('refuses an offset for a library not created as a demo, before opening its stores', async () => {
    const cwd = tempDir()
    const env = { CARREL_DATA_DIR: join(cwd, 'data'), CARREL_HTTP_PORT: '0', CARREL_SIP2_PORT: '0' }
    expect((await runCli(['init'], { cwd, env })).code).toBe(0)
    const refused = await runCli(['serve', '--clock-offset', '40d'], { cwd, env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('CLOCK_OFFSET_NOT_DEMO')
    expect(refused.stderr).toContain('carrel serve --demo')
    expect(refused.stderr).not.toMatch(STACK_LINE)
    expect(refused.stdout).not.toContain('listening')
    expect(existsSync(join(cwd, 'data', 'records.sqlite'))).toBe(false)

    const fromEnv = await runCli(['serve'], { cwd, env: { ...env, CARREL_CLOCK_OFFSET: '-3d' } })
    expect(fromEnv.code).toBe(2)
    expect(fromEnv.stderr).toContain('CLOCK_OFFSET_NOT_DEMO')

    const bad = await runCli(['serve', '--demo', '--clock-offset', '4 days'], { cwd, env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('clock.offset')
    expect(bad.stderr).toContain('CARREL_CLOCK_OFFSET')
    expect(bad.stderr).toContain('"4 days"')
    expect(existsSync(join(cwd, 'data', 'demo.json'))).toBe(false)
  }, 120_000)

  it('creates a demo marked as one, serves it on the moved clock, and jobs run there with the offset', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const port = await freePort()
    const child = startCli(['serve', '--demo', '--clock-offset', '40d'], {
      cwd,
      env: {
        CARREL_DATA_DIR: dataDir,
        CARREL_HTTP_HOST: '127.0.0.1',
        CARREL_HTTP_PORT: String(port),
        CARREL_SIP2_ENABLED: 'false',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code)),
    )
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)),
          100_000,
        )
        const check = () => {
          if (stdout.includes('Stop it with Ctrl-C')) {
            clearTimeout(timer)
            resolve()
          }
        }
        child.stdout.on('data', check)
        void exited.then(() => reject(new Error(`serve exited early:\n${stdout}\n${stderr}`)))
      })
      expect(stdout).toContain('Sandbox clock: 40 days ahead — dates are not real (now ')
      const shown = /dates are not real \(now (\S+)\)\./.exec(stdout)?.[1] ?? ''
      const ahead = Date.parse(shown) - Date.now()
      expect(ahead).toBeGreaterThan(39.9 * 86_400_000)
      expect(ahead).toBeLessThan(40.1 * 86_400_000)

      const signIn = await fetch(`http://127.0.0.1:${port}/staff/sign-in`)
      expect(signIn.status).toBe(200)
      expect(await signIn.text()).toContain('Sandbox clock: 40 days ahead — dates are not real')
      const home = await fetch(`http://127.0.0.1:${port}/`)
      expect(await home.text()).not.toContain('Sandbox clock')
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(stderr).not.toMatch(STACK_LINE)

    const marker = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as {
      demo: boolean
      createdAt: string
    }
    expect(marker.demo).toBe(true)
    // The demo was seeded on the real clock; only the serving was moved.
    expect(Math.abs(Date.parse(marker.createdAt) - Date.now())).toBeLessThan(10 * 60_000)

    // 40 days on, some of the demo's loans are overdue and the fines job charges them.
    const env = { CARREL_DATA_DIR: dataDir }
    const real = await runCli(['jobs', 'run', 'overdue-fines', '--json'], { cwd, env })
    expect(real.code).toBe(0)
    const ahead = await runCli(['jobs', 'run', 'overdue-fines', '--json'], {
      cwd,
      env: { ...env, CARREL_CLOCK_OFFSET: '40d' },
    })
    expect(ahead.code).toBe(0)
    expect(ahead.stderr).toContain('Sandbox clock: 40 days ahead')
    const counts = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { counts: { loans: number } }).counts.loans
    expect(counts(ahead)).toBeGreaterThan(counts(real))
  }, 180_000)
})
