import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, runCli, STACK_LINE, startCli, tempDir, freePort } from '../cli/run-cli.js'

/** Runs `carrel serve --demo ARGS`, makes a few requests, stops it and returns what it printed. */
async function serveAndBrowse(
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const port = await freePort()
  const child = startCli(['serve', '--demo', ...args], {
    cwd,
    env: { ...env, CARREL_HTTP_HOST: '127.0.0.1', CARREL_HTTP_PORT: String(port) },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${stdout}\n${stderr}`)), 50_000)
      child.stdout.on('data', () => {
        if (stdout.includes('Stop it with Ctrl-C')) {
          clearTimeout(timer)
          resolve()
        }
      })
      void exited.then(() => reject(new Error(`exited early:\n${stdout}\n${stderr}`)))
    })
    const url = `http://127.0.0.1:${port}`
    for (const path of ['/healthz', '/', '/api/docs', '/api/v1/staff/me', '/nowhere?card=2999'])
      await (await fetch(url + path)).arrayBuffer()
    // Lines are written as the answers go out; give the pipe a moment to deliver the last.
    await new Promise((r) => setTimeout(r, 300))
  } finally {
    child.kill('SIGTERM')
  }
  return { code: await exited, stdout, stderr }
}

/** pino's JSON lines among the output, parsed. */
function logLines(text: string): { level: number; msg: string }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string })
}

describe('carrel serve --demo: what it prints while serving', () => {
  afterAll(removeTempDirs)

  it('prints its start-up lines and no line per request by default; --log-level debug adds one each', async () => {
    const cwd = tempDir()
    // No CARREL_LOG_LEVEL: the default level, as a newcomer runs it.
    const env = {
      CARREL_DATA_DIR: join(cwd, 'data'),
      CARREL_LOG_LEVEL: '',
      CARREL_SIP2_ENABLED: 'false',
    }
    const quiet = await serveAndBrowse(cwd, [], env)
    expect(quiet.code).toBe(0)
    expect(quiet.stdout).toContain('Carrel is listening on')
    const quietLines = logLines(quiet.stdout + quiet.stderr)
    // Fastify's "listening" line is a start-up line; then nothing per request, only the steps
    // of stopping on SIGTERM, each at info.
    const [first, ...stopping] = quietLines
    expect(first?.msg).toMatch(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/)
    expect(stopping.map((l) => l.level)).toEqual([30, 30, 30, 30])
    expect(stopping.map((l) => l.msg.split(/[:;]/)[0]).sort()).toEqual([
      'HTTP server closed',
      'scheduler stopped',
      'shutting down',
      'stores closed',
    ])
    expect(quiet.stdout + quiet.stderr).not.toMatch(/"route"|statusCode|incoming request/)

    const loud = await serveAndBrowse(cwd, ['--log-level', 'debug'], env)
    expect(loud.code).toBe(0)
    const requests = logLines(loud.stdout)
      .filter((l) => l.level === 20)
      .map((l) => l.msg.replace(/ \d+ ms$/, ''))
    expect(requests).toEqual([
      'GET /healthz 200',
      'GET / 200',
      'GET /api/docs 200',
      'GET /api/v1/staff/me 401',
      'GET (no route) 404',
    ])
    expect(loud.stdout).not.toContain('2999')
    expect(loud.stderr).not.toMatch(STACK_LINE)
  }, 120_000)

  it('refuses an unknown level with exit code 2, naming the levels it takes', async () => {
    const cwd = tempDir()
    const refused = await runCli(['serve', '--log-level', 'loud'], {
      cwd,
      env: { CARREL_DATA_DIR: join(cwd, 'data') },
    })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--log-level')
    expect(refused.stderr).toContain('fatal, error, warn, info, debug, trace, silent')
    expect(refused.stderr).not.toMatch(STACK_LINE)
  })
})
