// `carrel serve` stopped while a request never finishes: it gives up after shutdownGraceSeconds
// with exit code 1, and a second signal ends it at once with 130.
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, removeTempDirs, startCli, tempDir } from './run-cli.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** A started `carrel serve` on SQLite, with its output and exit. */
async function serve(graceSeconds: number) {
  const cwd = tempDir()
  const port = await freePort()
  const child = startCli(['serve'], {
    cwd,
    env: {
      CARREL_DATA_DIR: join(cwd, 'data'),
      CARREL_MASTER_KEY: randomBytes(32).toString('base64'),
      CARREL_HTTP_HOST: '127.0.0.1',
      CARREL_HTTP_PORT: String(port),
      CARREL_SIP2_ENABLED: 'false',
      CARREL_SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    },
  })
  const out = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out.stdout += s))
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out.stderr += s))
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: performance.now() })),
  )
  for (let i = 0; !out.stdout.includes('Stop it with Ctrl-C'); i++) {
    if (i > 500) throw new Error(`not started:\n${out.stdout}\n${out.stderr}`)
    await sleep(100)
  }
  return { child, out, exited, port }
}

/** A request whose body never finishes arriving: the server waits on it. */
function unfinishedRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: carrel\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
      )
      resolve(socket)
    })
    socket.on('error', () => undefined)
    socket.once('error', reject)
  })
}

describe('carrel serve and the signals that stop it', () => {
  afterAll(removeTempDirs)

  it('gives up on work that outlasts shutdownGraceSeconds and exits with 1', async () => {
    const { child, out, exited, port } = await serve(2)
    const socket = await unfinishedRequest(port)
    try {
      await sleep(200)
      const t0 = performance.now()
      child.kill('SIGTERM')
      const { code, at } = await exited
      expect(code, out.stderr).toBe(1)
      expect(at - t0).toBeGreaterThanOrEqual(1900)
      expect(at - t0).toBeLessThan(10_000)
      expect(out.stderr).toContain('Carrel did not stop within 2 s (shutdownGraceSeconds)')
    } finally {
      socket.destroy()
      child.kill('SIGKILL')
    }
  })

  it('exits at once with 130 on a second signal while it is stopping', async () => {
    const { child, out, exited, port } = await serve(60)
    const socket = await unfinishedRequest(port)
    try {
      await sleep(200)
      child.kill('SIGTERM')
      for (let i = 0; !out.stderr.includes('Received SIGTERM'); i++) {
        if (i > 100) throw new Error(`no shutdown:\n${out.stderr}`)
        await sleep(50)
      }
      const t0 = performance.now()
      child.kill('SIGINT')
      const { code, at } = await exited
      expect(code, out.stderr).toBe(130)
      expect(at - t0).toBeLessThan(5_000)
      expect(out.stderr).toContain('Received SIGINT again; exiting at once.')
    } finally {
      socket.destroy()
      child.kill('SIGKILL')
    }
  })
})
