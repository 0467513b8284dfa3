// Throwaway PostgreSQL clusters for the test suite.
//
// Each cluster lives in its own temp dir and listens only on a unix socket
// inside that dir (no TCP), so any number of them can run side by side.
// PostgreSQL refuses to run as root, so when the test process is root the
// server binaries are run as an unprivileged user (postgres, else nobody)
// via runuser. Root can still connect through the socket.
//
// Vitest does not run globalSetup teardown on Ctrl-C, so every cluster also
// gets a detached watchdog that stops it and removes its temp dir once the
// process that started it has gone, however that happened.

import { execFile, execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { Client } from 'pg'

const execFileAsync = promisify(execFile)

export interface PgServer {
  host: string
  port: number
  user: string
}

const PG_USER = 'carrel'
const PG_PORT = 5432
const CONNECT_TIMEOUT_MS = 15_000
// sun_path is 108 bytes on Linux; leave room for "/.s.PGSQL.5432".
const MAX_SOCKET_DIR_LENGTH = 90

export function findPgBinDir(): string | undefined {
  const fromEnv = process.env.CARREL_TEST_PG_BIN
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv

  const root = '/usr/lib/postgresql'
  try {
    const versions = readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
    for (const version of versions) {
      const bin = join(root, version, 'bin')
      if (existsSync(join(bin, 'initdb'))) return bin
    }
  } catch {
    // no /usr/lib/postgresql: fall through
  }

  try {
    // Synchronous on purpose: this runs once, before anything else.
    const out = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim()
    if (out !== '' && existsSync(join(out, 'initdb'))) return out
  } catch {
    // pg_config missing or broken
  }
  return undefined
}

export async function startPgCluster(
  binDir: string,
): Promise<{ server: PgServer; stop(): Promise<void> }> {
  const runAs = await unprivilegedUser()
  const dir = await makeTempDir()
  const dataDir = join(dir, 'data')
  const sockDir = join(dir, 'sock')
  const logFile = join(dir, 'log')
  let started = false

  const asUser = (tool: string) =>
    runAs === undefined
      ? [join(binDir, tool)]
      : ['runuser', '-u', runAs.name, '--', join(binDir, tool)]
  const run = (tool: string, args: string[]) => runPgTool(asUser(tool), args, dir)
  const stopWatchdog = startWatchdog(asUser('pg_ctl'), dataDir, dir)

  const stop = async (): Promise<void> => {
    stopWatchdog()
    try {
      if (started) {
        started = false
        await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w'])
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  try {
    await mkdir(sockDir)
    if (runAs !== undefined) {
      await chown(dir, runAs.uid, runAs.gid)
      await chown(sockDir, runAs.uid, runAs.gid)
    }

    const initdbArgs = ['-D', dataDir, '-U', PG_USER, '--auth=trust', '-E', 'UTF8']
    try {
      await run('initdb', [...initdbArgs, '--locale=C.UTF-8'])
    } catch (error) {
      // C.UTF-8 may be missing on minimal systems; initdb cleans up after
      // itself on failure, but make sure before retrying.
      await rm(dataDir, { recursive: true, force: true })
      try {
        await run('initdb', [...initdbArgs, '--no-locale'])
      } catch (retryError) {
        throw new Error(
          `initdb failed with --locale=C.UTF-8 and with --no-locale:\n` +
            `${errorText(error)}\n---\n${errorText(retryError)}`,
          { cause: retryError },
        )
      }
    }

    const serverOptions = [
      `-k '${sockDir}'`,
      `-c listen_addresses=''`,
      `-p ${String(PG_PORT)}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ')
    started = true // from here on, stop() must try pg_ctl stop
    await run('pg_ctl', ['start', '-D', dataDir, '-w', '-l', logFile, '-o', serverOptions])

    const server: PgServer = { host: sockDir, port: PG_PORT, user: PG_USER }
    await waitForConnection(server)
    return { server, stop }
  } catch (error) {
    const tail = await logTail(logFile)
    await stop().catch(() => undefined)
    throw new Error(
      `Could not start a PostgreSQL test cluster with ${binDir}` +
        (runAs !== undefined ? ` (as user ${runAs.name})` : '') +
        `:\n${errorText(error)}` +
        (tail !== '' ? `\n--- cluster log tail ---\n${tail}` : ''),
      { cause: error },
    )
  }
}

interface UnixUser {
  name: string
  uid: number
  gid: number
}

// The user to run PostgreSQL as, or undefined to run it as ourselves.
async function unprivilegedUser(): Promise<UnixUser | undefined> {
  if (process.getuid?.() !== 0) return undefined
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = await idNumber('-u', name)
      const gid = await idNumber('-g', name)
      return { name, uid, gid }
    } catch {
      // no such user
    }
  }
  throw new Error(
    'Running as root, but neither a "postgres" nor a "nobody" user exists to run PostgreSQL as',
  )
}

async function idNumber(flag: '-u' | '-g', name: string): Promise<number> {
  const { stdout } = await execFileAsync('id', [flag, name])
  const id = Number(stdout.trim())
  if (!Number.isInteger(id)) throw new Error(`id ${flag} ${name}: ${stdout}`)
  return id
}

async function makeTempDir(): Promise<string> {
  // The socket path must fit in sun_path; fall back to /tmp for long TMPDIRs.
  const fits = (base: string) =>
    join(base, 'carrel-pg-XXXXXX', 'sock').length <= MAX_SOCKET_DIR_LENGTH
  const base = fits(tmpdir()) ? tmpdir() : '/tmp'
  return mkdtemp(join(base, 'carrel-pg-'))
}

// command: the tool's path, possibly prefixed by a runuser invocation.
async function runPgTool(command: string[], args: string[], cwd: string): Promise<void> {
  const [file, ...prefix] = command
  if (file === undefined) throw new Error('runPgTool: empty command')
  // A failure's message names the command and includes its stderr.
  await execFileAsync(file, [...prefix, ...args], {
    cwd,
    env: { ...process.env, LC_ALL: 'C' },
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  })
}

// Starts a detached shell (its own session, so Ctrl-C does not reach it)
// that polls for this process and, once it is gone, stops the cluster and
// removes its dir. Returns a function that dismisses the watchdog.
function startWatchdog(pgCtl: string[], dataDir: string, dir: string): () => void {
  const script = [
    'parent=$1 data=$2 dir=$3',
    'shift 3',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    '"$@" stop -D "$data" -m immediate -w >/dev/null 2>&1',
    'rm -rf "$dir"',
  ].join('\n')
  const watchdog = spawn(
    'sh',
    ['-c', script, 'carrel-pg-watchdog', String(process.pid), dataDir, dir, ...pgCtl],
    { detached: true, stdio: 'ignore', cwd: '/' },
  )
  watchdog.on('error', () => undefined) // best effort only
  watchdog.unref()
  return () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) {
      watchdog.kill('SIGKILL')
    }
  }
}

async function waitForConnection(server: PgServer): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS
  for (;;) {
    const client = new Client({ ...server, database: 'postgres' })
    try {
      await client.connect()
      await client.query('select 1')
      return
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(
          `Could not connect to PostgreSQL at ${server.host} within ${String(CONNECT_TIMEOUT_MS)} ms: ` +
            errorText(error),
          { cause: error },
        )
      }
      await sleep(200)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}

async function logTail(logFile: string, lines = 40): Promise<string> {
  try {
    const text = await readFile(logFile, 'utf8')
    return text.trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const { stdout, stderr } = error as { stdout?: unknown; stderr?: unknown }
  const parts = [error.message.trimEnd()]
  const err = typeof stderr === 'string' ? stderr.trim() : ''
  const out = typeof stdout === 'string' ? stdout.trim() : ''
  // execFile errors already carry stderr in their message.
  if (err !== '' && !error.message.includes(err)) parts.push(`stderr:\n${err}`)
  if (out !== '') parts.push(`stdout:\n${out}`)
  return parts.join('\n')
}
