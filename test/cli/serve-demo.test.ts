import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDirs, startCli, STACK_LINE, tempDir, freePort } from './run-cli.js'

describe('carrel serve --demo', () => {
  afterAll(removeTempDirs)

  it('creates a key, seeds a demo library, serves it, prints working sign-ins and stops on SIGTERM', async () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const port = await freePort()
    const child = startCli(['serve', '--demo'], {
      cwd,
      env: {
        CARREL_DATA_DIR: dataDir,
        CARREL_HTTP_HOST: '127.0.0.1',
        CARREL_HTTP_PORT: String(port),
        CARREL_SIP2_HOST: '127.0.0.1',
        CARREL_SIP2_PORT: '0',
        // The demo must leave switched-off fields out.
        CARREL_FIELD_SEX: 'false',
        CARREL_FIELD_LICENCE_NUMBER: 'false',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code)),
    )
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)),
          50_000,
        )
        const check = () => {
          if (stdout.includes('Stop it with Ctrl-C')) {
            clearTimeout(timer)
            resolve()
          }
        }
        child.stdout.on('data', check)
        void exited.then(() => reject(new Error(`serve exited early:\n${stdout}\n${stderr}`)))
      })

      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1]
      expect(url).toBe(`http://127.0.0.1:${port}`)
      const health = await fetch(`${url}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok' })

      // Sign in exactly as printed: the librarian row of the table.
      const [, username, password] = /^\s+librarian\s+(\S+)\s+(\S+)$/m.exec(stdout) ?? []
      expect(username).toBeDefined()
      expect(stdout).toContain(`${url}/api/v1/auth/login`)
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
      expect(login.status).toBe(200)
      const { token } = (await login.json()) as { token: string }
      const prefix = /surnamePrefix=(\w+)/.exec(stdout)?.[1]
      const found = await fetch(`${url}/api/v1/patrons?surnamePrefix=${prefix}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(found.status).toBe(200)
      expect(((await found.json()) as unknown[]).length).toBeGreaterThan(0)

      // The printed kiosk address carries a credential the device API takes.
      const kiosk = new RegExp(`^A public computer's screen: ${url}/kiosk#(\\S+)$`, 'm').exec(
        stdout,
      )
      expect((await fetch(`${url}/kiosk`)).status).toBe(200)
      const status = await fetch(`${url}/api/devices/status`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${kiosk?.[1] ?? ''}`,
          'content-type': 'application/json',
        },
        body: '{}',
      })
      expect(status.status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(stderr).not.toMatch(STACK_LINE)

    const key = readFileSync(join(dataDir, 'master.key'), 'utf8').trim()
    expect(key).not.toBe('')
    expect(stdout + stderr).not.toContain(key)

    // What the demo wrote, read straight from the file.
    const db = new Database(join(dataDir, 'records.sqlite'), { readonly: true })
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      expect(count('select count(*) as n from staff')).toBe(4)
      expect(count('select count(*) as n from patrons')).toBeGreaterThanOrEqual(200)
      expect(
        count(
          'select count(*) as n from patrons where sex_enc is not null or licence_number_enc is not null',
        ),
      ).toBe(0)
      expect(
        count('select count(*) as n from patrons where birth_date_enc is not null'),
      ).toBeGreaterThan(0)
      expect(count("select count(*) as n from cards where status = 'replaced'")).toBe(1)
      expect(
        count("select count(*) as n from cards where status = 'active' and pin_hash is null"),
      ).toBe(0)
      expect(count('select count(*) as n from account_notes')).toBeGreaterThan(0)
      expect(count('select count(*) as n from card_ledger where amount_cents < 0')).toBeGreaterThan(
        0,
      )
      expect(count('select count(*) as n from card_ledger where amount_cents > 0')).toBeGreaterThan(
        0,
      )
      expect(count('select count(distinct category) as n from patrons')).toBeGreaterThan(2)
      expect(count('select count(*) as n from patrons where notify_newsletter = 1')).toBeLessThan(
        count('select count(*) as n from patrons where notify_newsletter = 0'),
      )
    } finally {
      db.close()
    }
  })
})
