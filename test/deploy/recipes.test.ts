// The deployment recipes in deploy/ agree with Carrel and with each other: a setting renamed in
// src/config, a port or a data path changed in one recipe, or a hardening line dropped, fails
// here rather than on a library's server. (The image itself is built only where a container
// runtime exists: .ci/run.)
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config/config.js'
import { ENV_VARS } from '../../src/config/env.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

const dockerfile = read('deploy/Dockerfile')
const composeText = read('deploy/compose.yaml')
const unit = read('deploy/carrel.service')
const nginx = read('deploy/nginx.conf')
const dockerignore = read('.dockerignore')
const envExample = read('deploy/carrel.env.example')
const defaults = loadConfig({ env: {}, file: undefined })

interface ComposeService {
  image?: string
  environment?: Record<string, string>
  env_file?: string[]
  volumes?: string[]
  ports?: string[]
  read_only?: boolean
  tmpfs?: string[]
  depends_on?: Record<string, { condition: string }>
  healthcheck?: { test: string[] }
  stop_grace_period?: string
  secrets?: string[]
  cap_drop?: string[]
}
const compose = parse(composeText) as {
  services: Record<string, ComposeService>
  volumes: Record<string, unknown>
  secrets: Record<string, { file: string }>
}
const carrel = compose.services.carrel ?? {}
const postgres = compose.services.postgres ?? {}

/** Dockerfile instructions, continuation lines joined: [instruction, arguments]. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [word = '', ...rest] = l.split(/\s+/)
    return [word.toUpperCase(), rest.join(' ')] as const
  })
/** The runtime stage's instructions: everything after the last FROM. */
const runtime = instructions.slice(instructions.map(([w]) => w).lastIndexOf('FROM'))
const dockerEnv = Object.fromEntries(
  runtime
    .filter(([w]) => w === 'ENV')
    .flatMap(([, args]) => [...args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
) as Record<string, string>

/** systemd `Key=value` lines; Environment= lines as a map of their own. */
const unitValues = (key: string) =>
  [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => (m[1] ?? '').trim())
const unitEnv = Object.fromEntries(
  unitValues('Environment').map((v) => v.split('=', 2) as [string, string]),
)

const seconds = (text: string | undefined) => {
  const m = /^(\d+)\s*s?$/.exec(text ?? '')
  if (m === null) throw new Error(`not a number of seconds: ${text}`)
  return Number(m[1])
}

describe('the deployment recipes in deploy/', () => {
  it('run Carrel as a user other than root', () => {
    const users = runtime.filter(([w]) => w === 'USER').map(([, a]) => a)
    expect(users.length).toBeGreaterThan(0)
    const user = users.at(-1) ?? ''
    expect(user).toBe('carrel')
    expect(['root', '0', '0:0']).not.toContain(user)
    // The user is created with a fixed uid that is not 0 (the compose secret is chowned to it).
    expect(dockerfile).toMatch(/useradd --system --uid 10001 --gid carrel\b/)
    expect(composeText).toContain('chown 10001:10001 secrets/carrel_master_key')
    expect(unitValues('User')).toEqual(['carrel'])
  })

  it('keep the data in one place: the image volume, the compose volume and the unit agree', () => {
    const volume = /\["?([^"\]]+)"?\]/.exec(runtime.find(([w]) => w === 'VOLUME')?.[1] ?? '')?.[1]
    expect(volume).toBe('/var/lib/carrel')
    expect(dockerEnv.CARREL_DATA_DIR).toBe(volume)
    expect(carrel.environment?.CARREL_DATA_DIR).toBe(volume)
    const mounts = (carrel.volumes ?? []).map((v) => v.split(':'))
    expect(mounts).toContainEqual(['carrel-data', volume])
    expect(Object.keys(compose.volumes)).toContain('carrel-data')
    expect(unitValues('ReadWritePaths')).toEqual([volume])
    expect(unitEnv.CARREL_DATA_DIR).toBe(volume)
    expect(unitValues('WorkingDirectory')).toEqual([volume])
    expect(unitValues('StateDirectory')).toEqual([volume?.replace('/var/lib/', '')])
  })

  it("use Carrel's default ports everywhere", () => {
    const http = String(defaults.http.port)
    const sip2 = String(defaults.sip2.port)
    const exposed = runtime.find(([w]) => w === 'EXPOSE')?.[1].split(/\s+/)
    expect(exposed).toEqual([http, sip2])
    expect(dockerEnv.CARREL_HTTP_PORT).toBe(http)
    expect(dockerEnv.CARREL_SIP2_PORT).toBe(sip2)
    expect(carrel.environment?.CARREL_HTTP_PORT).toBe(http)
    expect(carrel.environment?.CARREL_SIP2_PORT).toBe(sip2)
    const containerPorts = (carrel.ports ?? []).map((p) => p.split(':').at(-1))
    expect(containerPorts).toEqual([http, sip2])
    // HTTP is published on the loopback only, for the reverse proxy.
    expect(carrel.ports?.[0]).toBe(`127.0.0.1:${http}:${http}`)
    expect(unitEnv.CARREL_HTTP_PORT).toBe(http)
    expect(unitEnv.CARREL_SIP2_PORT).toBe(sip2)
    expect(nginx).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${http};`))
    for (const check of [dockerfile, JSON.stringify(carrel.healthcheck)])
      expect(check).toMatch(
        new RegExp(
          `127\\.0\\.0\\.1:(${http}|' \\+ \\(process\\.env\\.CARREL_HTTP_PORT \\|\\| ${http}\\))`,
        ),
      )
  })

  it('name only environment variables Carrel reads', () => {
    // ENV_VARS, plus the few src/config reads directly (the master key, the config file path).
    const configSources = readdirSync(join(ROOT, 'src/config'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => read(`src/config/${f}`))
      .join('\n')
    const direct = [...configSources.matchAll(/env\.(CARREL_[A-Z0-9_]+)/g)].map((m) => m[1] ?? '')
    const known = new Set<string>([...Object.keys(ENV_VARS), ...direct])
    expect(known).toContain('CARREL_MASTER_KEY_FILE')
    expect(known).toContain('CARREL_SHUTDOWN_GRACE_SECONDS')
    for (const [name, text] of [
      ['Dockerfile', dockerfile],
      ['compose.yaml', composeText],
      ['carrel.service', unit],
      ['carrel.env.example', envExample],
      ['nginx.conf', nginx],
    ] as const) {
      const used = new Set([...text.matchAll(/\bCARREL_[A-Z0-9_]+/g)].map((m) => m[0]))
      expect(used.size, name).toBeGreaterThan(0)
      expect(
        [...used].filter((v) => !known.has(v)),
        `${name} names variables Carrel does not read`,
      ).toEqual([])
    }
    // Every value in the env file example is one Carrel accepts (a URL, a zone…).
    const example = Object.fromEntries(
      envExample
        .split('\n')
        .filter((l) => /^CARREL_/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    )
    expect(() =>
      loadConfig({ env: { ...example, ...carrel.environment }, file: undefined }),
    ).not.toThrow()
    expect(() => loadConfig({ env: unitEnv, file: undefined })).not.toThrow()
  })

  it('give carrel serve longer to stop than its shutdown grace', () => {
    const grace = defaults.shutdownGraceSeconds
    expect(seconds(unitEnv.CARREL_SHUTDOWN_GRACE_SECONDS)).toBe(grace)
    expect(seconds(unitValues('TimeoutStopSec')[0])).toBeGreaterThan(grace)
    expect(unitValues('KillSignal')).toEqual(['SIGTERM'])
    expect(seconds(carrel.environment?.CARREL_SHUTDOWN_GRACE_SECONDS)).toBe(grace)
    expect(seconds(carrel.stop_grace_period)).toBeGreaterThan(grace)
    expect(runtime.find(([w]) => w === 'STOPSIGNAL')?.[1]).toBe('SIGTERM')
  })

  it('check health on the routes Carrel answers: /healthz for the image, /readyz for compose', () => {
    const routes = read('src/http/routes/health.routes.ts')
    expect(routes).toContain("'/healthz'")
    expect(routes).toContain("'/readyz'")
    expect(runtime.find(([w]) => w === 'HEALTHCHECK')?.[1]).toContain('/healthz')
    expect(carrel.healthcheck?.test.join(' ')).toContain('/readyz')
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready')
    expect(carrel.depends_on?.postgres?.condition).toBe('service_healthy')
    expect(postgres.image).toBe('postgres:15')
  })

  it('run the container with a read-only root, a tmpfs for /tmp and the key as a secret', () => {
    expect(carrel.read_only).toBe(true)
    expect(carrel.tmpfs?.some((t) => t.startsWith('/tmp'))).toBe(true)
    expect(carrel.cap_drop).toEqual(['ALL'])
    expect(carrel.secrets).toEqual(['carrel_master_key'])
    expect(carrel.environment?.CARREL_MASTER_KEY_FILE).toBe('/run/secrets/carrel_master_key')
    expect(compose.secrets.carrel_master_key?.file).toBe('./secrets/carrel_master_key')
    // Passwords stay out of the compose file: it names env files, never a URL with a password.
    expect(composeText).not.toMatch(/postgres(ql)?:\/\/[^\s'"]*:[^\s'"]*@/)
    expect(carrel.env_file).toEqual(['carrel.env'])
  })

  it('harden the systemd unit', () => {
    for (const [key, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['PrivateTmp', 'yes'],
      ['ProtectHome', 'yes'],
      ['Restart', 'on-failure'],
      ['CapabilityBoundingSet', ''],
      ['UMask', '0077'],
      ['EnvironmentFile', '/etc/carrel/carrel.env'],
    ] as const)
      expect(unitValues(key), key).toEqual([value])
    expect(unitValues('ExecStart')[0]).toMatch(/\/bin\/carrel serve$/)
    expect(unitEnv.CARREL_MASTER_KEY_FILE).toBe('%d/master.key')
  })

  it('send the client address and scheme through the proxy, and keep /metrics off it', () => {
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/)
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/)
    expect(nginx).toMatch(/proxy_set_header Host \$host;/)
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;/)
    expect(carrel.environment?.CARREL_TRUST_PROXY).toBe('true')
    expect(unitEnv.CARREL_TRUST_PROXY).toBe('true')
  })

  it('send the image builder only what the Dockerfile copies, never data or keys', () => {
    const lines = dockerignore.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    expect(lines[0]).toBe('*')
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''))
    const copied = instructions
      .filter(([w, a]) => w === 'COPY' && !a.startsWith('--from'))
      .flatMap(([, a]) => a.split(/\s+/).slice(0, -1))
    expect(copied.length).toBeGreaterThan(0)
    for (const source of copied) expect(allowed, source).toContain(source.replace(/\/$/, ''))
    expect(lines).toContain('**/master.key')
  })
})
