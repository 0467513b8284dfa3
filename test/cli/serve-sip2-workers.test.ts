// `carrel serve` from the transpiled sources (as from dist/): SIP2 answered by worker processes,
// which are gone once the server has stopped.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SipClient } from '../sip2/sip-client.js'
import { freePort, removeTempDirs, startCli, tempDir } from './run-cli.js'

/** Process ids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
}

describe('carrel serve with sip2.workers', () => {
  afterAll(removeTempDirs)

  it('answers SIP2 from its worker processes and leaves none running after SIGINT', async () => {
    const cwd = tempDir()
    const [httpPort, sipPort] = [await freePort(), await freePort()]
    const child = startCli(['serve'], {
      cwd,
      env: {
        CARREL_DATA_DIR: join(cwd, 'data'),
        CARREL_MASTER_KEY: randomBytes(32).toString('base64'),
        CARREL_HTTP_HOST: '127.0.0.1',
        CARREL_HTTP_PORT: String(httpPort),
        CARREL_SIP2_HOST: '127.0.0.1',
        CARREL_SIP2_PORT: String(sipPort),
        CARREL_SIP2_WORKERS: '2',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not started:\n${stdout}\n${stderr}`)),
          50_000,
        )
        child.stdout.on('data', () => {
          if (stdout.includes('Stop it with Ctrl-C')) {
            clearTimeout(timer)
            resolve()
          }
        })
        void exited.then(() => reject(new Error(`exited early:\n${stdout}\n${stderr}`)))
      })
      expect(stdout).toContain(`SIP2 is listening on 127.0.0.1:${sipPort} (2 worker processes)`)
      const workers = childrenOf(child.pid ?? -1)
      expect(workers).toHaveLength(2)

      const c = await SipClient.connect(sipPort)
      expect((await c.send('9900302.00')).slice(0, 3)).toBe('98Y')
      c.close()

      child.kill('SIGINT')
      expect(await exited).toBe(0)
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow()
    } finally {
      child.kill('SIGKILL')
    }
  })
})
