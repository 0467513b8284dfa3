import { createServer } from 'node:net'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { CLI_ENTRY } from '../harness/cli-build.js'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

const made: string[] = []

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carrel-cli-'))
  made.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** The environment of a CLI run: nothing CARREL_* leaks in from the test runner, hashing is cheap. */
export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('CARREL_')),
  )
  return {
    ...base,
    CARREL_ARGON2_MEMORY_KIB: '256',
    CARREL_ARGON2_TIME_COST: '1',
    CARREL_LOG_LEVEL: 'warn',
    ...extra,
  }
}

/**
 * Starts `carrel ARGS` from the sources (transpiled once per run by the global set-up), in `cwd`,
 * so no stray carrel.config.json is picked up.
 */
export function startCli(args: string[], options: { cwd: string; env: Record<string, string> }) {
  return spawn(process.execPath, ['--enable-source-maps', CLI_ENTRY, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

export async function runCli(
  args: string[],
  options: { cwd: string; env: Record<string, string>; input?: string },
): Promise<CliResult> {
  const child = startCli(args, options)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  child.stdin.end(options.input ?? '')
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('close', (c) => done(c))
  })
  return { code, stdout, stderr }
}

/** A stack trace line, which expected errors must never show. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m

/** A port nobody listens on right now (the CLI cannot report one chosen by the OS). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
