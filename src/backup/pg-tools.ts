import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { processEnv } from '../config/env.js'
import { BackupError } from './backup-error.js'

/**
 * PostgreSQL's own client tool (pg_dump, pg_restore): on PATH, else the newest under
 * /usr/lib/postgresql/<version>/bin (Debian's layout).
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', path = processEnv().PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter((d) => d !== '')) {
    const candidate = join(dir, name)
    if (existsSync(candidate)) return candidate
  }
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : []
  for (const v of versions) {
    const candidate = join(root, v, 'bin', name)
    if (existsSync(candidate)) return candidate
  }
  throw new BackupError(
    'PG_TOOLS_MISSING',
    `${name} was not found on PATH or under ${root}/*/bin; install PostgreSQL's client tools (Debian: postgresql-client) of the server's version or newer.`,
  )
}

/**
 * Runs a PostgreSQL tool against the database in `url`. The password never reaches the command
 * line (where any user could read it in the process list): it is taken out of the URL and passed
 * in PGPASSWORD.
 */
export async function runPgTool(
  tool: string,
  args: string[],
  url: string,
  env: NodeJS.ProcessEnv = processEnv(),
): Promise<void> {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  const child = spawn(tool, [...args, `--dbname=${parsed.toString()}`], {
    env: { ...env, ...(password !== '' && { PGPASSWORD: password }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('close', done)
  })
  if (code !== 0) {
    const first = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`
    throw new BackupError(
      'PG_TOOL_FAILED',
      `${tool.split('/').pop()} failed: ${first.replaceAll(password || '\0', '***')}`,
    )
  }
}
