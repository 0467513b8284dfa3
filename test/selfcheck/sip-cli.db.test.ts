import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ENGINES, pgUrl } from '../harness/engines.js'
import { initMasterKey } from '../../src/config/secrets.js'
import { cliEnv, removeTempDirs, STACK_LINE, tempDir } from '../cli/run-cli.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ENTRY = join(ROOT, 'test/selfcheck/sip-cli-entry.ts')
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs')

function sipCli(args: string[], cwd: string, env: Record<string, string>, input = '') {
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd,
    env: cliEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  child.stdin.end(input)
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

for (const engine of ENGINES) {
  describe(`carrel sip create and list [${engine}]`, () => {
    afterAll(removeTempDirs)

    it('creates a SIP account with the password from stdin, and lists it', async () => {
      const cwd = tempDir()
      const env: Record<string, string> = { CARREL_DATA_DIR: join(cwd, 'data') }
      if (engine === 'postgres') {
        const name = `carrel_t_${randomBytes(6).toString('hex')}`
        env.CARREL_DATABASE_URL = pgUrl(name)
        env.CARREL_KEYSTORE_URL = pgUrl(`${name}_keys`)
      }
      initMasterKey(env.CARREL_DATA_DIR ?? '')
      const args = [
        'sip',
        'create',
        '--login',
        'libki-1',
        '--institution',
        'CARREL',
        '--location',
        'main',
      ]
      const made = await sipCli(
        [...args, '--messages', '23,63,35', '--charset', 'latin1', '--fields', 'name,email'],
        cwd,
        env,
        'a long machine password\n',
      )
      expect(made).toMatchObject({ code: 0, stderr: '' })
      expect(made.stdout).toContain('Created SIP account "libki-1" at main (latin1)')
      expect(made.stdout).toContain(
        'messages 23,63,35; patron fields name,email; may not block cards; unknown commands: ignore.',
      )
      expect(made.stdout).not.toContain('a long machine password')

      const blocker = await sipCli(
        [
          ...args.map((a) => (a === 'libki-1' ? 'kiosk-3' : a)),
          '--may-block',
          '--unknown-commands',
          'resend',
          '--fields',
          'name,patronClass,homeLibrary',
        ],
        cwd,
        env,
        'a long machine password\n',
      )
      expect(blocker).toMatchObject({ code: 0, stderr: '' })
      expect(blocker.stdout).toContain(
        'patron fields name,patronClass,homeLibrary; may block cards; unknown commands: resend.',
      )

      const listed = await sipCli(['sip', 'list'], cwd, env)
      expect(listed.code).toBe(0)
      expect(listed.stdout).toMatch(/^libki-1\tCARREL\tmain\tlatin1\tactive\t/m)

      const bad = await sipCli(
        [
          'sip',
          'create',
          '--login',
          'libki-2',
          '--institution',
          'C',
          '--location',
          'main',
          '--fields',
          'sex',
        ],
        cwd,
        env,
        'a long machine password\n',
      )
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('--fields: unknown sex')
      expect(bad.stderr).not.toMatch(STACK_LINE)
    })
  })
}
