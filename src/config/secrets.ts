import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { processEnv, type Env } from './env.js'

export const MASTER_KEY_FILE = 'master.key'

export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
  readonly code = 'MASTER_KEY_INVALID'
}

/**
 * The master key: CARREL_MASTER_KEY (base64 of 32 bytes), the file named by
 * CARREL_MASTER_KEY_FILE (a container secret, say), or <dataDir>/master.key.
 * It is returned as bytes and never logged or printed.
 */
export function readMasterKey(dataDir: string, env: Env = processEnv()): Buffer {
  const fromEnv = env.CARREL_MASTER_KEY
  if (fromEnv !== undefined && fromEnv !== '') return decodeKey(fromEnv, 'CARREL_MASTER_KEY')
  const named = env.CARREL_MASTER_KEY_FILE
  if (named !== undefined && named !== '') {
    if (!existsSync(named))
      throw new MasterKeyError(`CARREL_MASTER_KEY_FILE names ${named}, which does not exist.`)
    return readKeyFile(named)
  }
  const path = join(dataDir, MASTER_KEY_FILE)
  if (!existsSync(path)) {
    throw new MasterKeyError(
      `No master key: run "carrel init" to create ${path}, or set CARREL_MASTER_KEY or CARREL_MASTER_KEY_FILE.`,
    )
  }
  return readKeyFile(path)
}

/** A key file, refused unless only its owner may read it. */
function readKeyFile(path: string): Buffer {
  const stat = statSync(path)
  if (!stat.isFile()) throw new MasterKeyError(`${path} is not a file.`)
  if ((stat.mode & 0o077) !== 0)
    throw new MasterKeyError(`${path} must be readable by its owner only (chmod 600).`)
  return decodeKey(readFileSync(path, 'utf8'), path)
}

/** Creates <dataDir> and a new master key file with mode 0600 unless one exists. */
export function initMasterKey(dataDir: string): { path: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, MASTER_KEY_FILE)
  if (existsSync(path)) return { path, created: false }
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
  return { path, created: true }
}

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim()
  const key = Buffer.from(trimmed, 'base64')
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+=*$/.test(trimmed)) {
    throw new MasterKeyError(`${source}: the master key must be 32 bytes, base64-encoded.`)
  }
  return key
}

/**
 * What is wrong with a mail server URL (CARREL_SMTP_URL, mail.smtpUrl), or undefined. The answer
 * never repeats the URL, which may hold a password.
 */
export function smtpUrlProblem(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not a URL; write smtp://user:password@host:587 or smtps://user:password@host:465 (the value is not repeated here, as it may hold a password)'
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return 'must start with smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start)'
  if (url.hostname === '') return 'names no mail server host'
  if (url.pathname !== '' && url.pathname !== '/')
    return 'must not have a path after the host and port'
  if (url.username === '' && url.password !== '') return 'has a password but no user name'
  return undefined
}

/** The mail server URL fit for a log line or a message: the password replaced by "***". */
export function redactedSmtpUrl(text: string): string {
  try {
    const url = new URL(text)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return '(unreadable mail server URL)'
  }
}
