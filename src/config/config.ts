import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { ConfigSchema, type Config } from './config.schema.js'
import { parseClockOffset } from '../clock.js'
import { RETENTION_RULES } from '../privacy/retention-rules.js'
import { ENV_VARS, processEnv, type Env, type EnvType } from './env.js'
import { smtpUrlProblem } from './secrets.js'
import { libkiProblems } from './libki-config.js'
import { metricsProblems } from './metrics-config.js'
import { caseTwinProblems } from './code.schema.js'

export type { Config } from './config.schema.js'

/** A configuration problem; the message names every bad key. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly code = 'CONFIG_INVALID'
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type JsonObject = { [k: string]: Json }

export interface LoadOptions {
  env?: Env
  /** Path to a JSON config file; defaults to $CARREL_CONFIG or ./carrel.config.json when present. */
  file?: string
  /** Applied last; tests use it instead of touching the environment. */
  overrides?: Record<string, unknown>
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? processEnv()
  const problems: string[] = []
  let merged: JsonObject = {}

  const file =
    options.file ??
    env.CARREL_CONFIG ??
    (existsSync('carrel.config.json') ? 'carrel.config.json' : undefined)
  if (file !== undefined) merged = readConfigFile(file, problems)

  for (const [name, spec] of Object.entries(ENV_VARS)) {
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = parseEnvValue(raw, spec.type)
    if (value === undefined)
      problems.push(`${name} (${spec.key}): expected ${spec.type}, got "${raw}"`)
    else setPath(merged, spec.key, value)
  }
  if (options.overrides) merged = deepMerge(merged, options.overrides as JsonObject)
  if (problems.length > 0) throw new ConfigError(problems)

  const withDefaults: unknown = Value.Default(ConfigSchema, Value.Clone(merged))
  const errors = [...Value.Errors(ConfigSchema, withDefaults)]
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${keyName(e.path)}: ${e.message}${hint(e.path)}`))
  }
  const config = withDefaults as Config
  const crossProblems = crossCheck(config)
  if (crossProblems.length > 0) throw new ConfigError(crossProblems)
  return deepFreeze({ ...config, dataDir: resolve(config.dataDir) })
}

function crossCheck(c: Config): string[] {
  const out: string[] = []
  if (c.cards.pinMinLength > c.cards.pinMaxLength)
    out.push('cards.pinMinLength: must not exceed cards.pinMaxLength')
  if (c.cards.barcodePrefix.length >= c.cards.barcodeLength - 1)
    out.push('cards.barcodePrefix: must leave room for digits within cards.barcodeLength')
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: c.library.timezone })
  } catch {
    out.push(`library.timezone: unknown time zone "${c.library.timezone}"`)
  }
  if ((c.sip2.tlsCertFile === undefined) !== (c.sip2.tlsKeyFile === undefined))
    out.push('sip2.tlsCertFile: set together with sip2.tlsKeyFile')
  for (const series of Object.keys(c.retention.authorities)) {
    if (!Object.hasOwn(RETENTION_RULES, series))
      out.push(`retention.authorities.${series}: no such record series`)
  }
  if (c.keystoreUrl !== undefined && c.databaseUrl === undefined)
    out.push('keystoreUrl: set only together with databaseUrl')
  out.push(...mailProblems(c))
  out.push(...libkiProblems(c))
  out.push(...metricsProblems(c))
  out.push(...caseTwinProblems('library.branches', c.library.branches))
  out.push(...caseTwinProblems('library.patronCategories', c.library.patronCategories))
  out.push(...caseTwinProblems('statistics.childCategories', c.statistics.childCategories))
  if (c.clock.offset !== undefined && parseClockOffset(c.clock.offset) === undefined)
    out.push(
      `clock.offset (environment variable CARREL_CLOCK_OFFSET): "${c.clock.offset}" is not a clock offset; write a whole number followed by d, h or m, such as 40d, -3d, 12h or 90m (at most 3650 days)`,
    )
  return out
}

function readConfigFile(file: string, problems: string[]): JsonObject {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`${file}: the config file must hold one JSON object`)
      return {}
    }
    return parsed as JsonObject
  } catch (err) {
    problems.push(`${file}: ${err instanceof Error ? err.message : String(err)}`)
    return {}
  }
}

function parseEnvValue(raw: string, type: EnvType): Json | undefined {
  if (type === 'string') return raw
  if (type === 'list')
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
  if (type === 'integer') return /^-?\d+$/.test(raw.trim()) ? Number(raw) : undefined
  const v = raw.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  return undefined
}

function keyName(path: string): string {
  return path.replace(/^\//, '').replaceAll('/', '.') || '(root)'
}

function hint(path: string): string {
  const key = keyName(path)
  const env = Object.entries(ENV_VARS).find(([, s]) => s.key === key)
  return env ? ` (environment variable ${env[0]})` : ''
}

function setPath(target: JsonObject, dotted: string, value: Json): void {
  const parts = dotted.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) {
    const next = node[part]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {}
    node = node[part] as JsonObject
  }
  node[parts[parts.length - 1] ?? ''] = value
}

function deepMerge(base: JsonObject, extra: JsonObject): JsonObject {
  const out: JsonObject = { ...base }
  for (const [k, v] of Object.entries(extra)) {
    const prev = out[k]
    const bothObjects =
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      prev !== null &&
      typeof prev === 'object' &&
      !Array.isArray(prev)
    if (v === undefined) continue
    out[k] = bothObjects ? deepMerge(prev, v) : v
  }
  return out
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** One mailbox: `library@example.org` or `Name <library@example.org>`, on one line. */
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/

function mailProblems(c: Config): string[] {
  const out: string[] = []
  if (!MAILBOX.test(c.mail.from.trim()))
    out.push(
      `mail.from (environment variable CARREL_MAIL_FROM): "${c.mail.from.slice(0, 80)}" is not one email address; write library@example.org or "Library Name <library@example.org>"`,
    )
  if (c.mail.replyTo !== undefined && !MAILBOX.test(c.mail.replyTo.trim()))
    out.push(
      `mail.replyTo: "${c.mail.replyTo.slice(0, 80)}" is not one email address; write desk@example.org or "Desk <desk@example.org>"`,
    )
  if (c.mail.smtpUrl !== undefined) {
    const problem = smtpUrlProblem(c.mail.smtpUrl)
    if (problem !== undefined)
      out.push(`mail.smtpUrl (environment variable CARREL_SMTP_URL): ${problem}`)
  }
  if (c.notices.overdue.secondDaysAfter <= c.notices.overdue.firstDaysAfter)
    out.push('notices.overdue.secondDaysAfter: must be later than notices.overdue.firstDaysAfter')
  if (c.mail.maxRetryMinutes < c.mail.retryMinutes)
    out.push('mail.maxRetryMinutes: must not be shorter than mail.retryMinutes')
  return out
}
