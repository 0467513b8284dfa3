import { mkdtempSync, statSync, writeFileSync, readFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { initMasterKey, readMasterKey } from '../../src/config/secrets.js'

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({ env: {} })
    expect(c.http.port).toBe(3000)
    expect(c.cards.lockoutMaxFailures).toBe(5)
    expect(c.cards.lockoutWindowMinutes).toBe(15)
    expect(c.patrons.fields).toEqual({
      phone: true,
      sex: true,
      licenceNumber: true,
      birthDate: true,
    })
    expect(c.databaseUrl).toBeUndefined()
    expect(Object.isFrozen(c.cards)).toBe(true)
  })

  it('reads CARREL_* variables over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carrel-cfg-'))
    const file = join(dir, 'carrel.config.json')
    writeFileSync(
      file,
      JSON.stringify({ http: { port: 4000 }, patrons: { fields: { sex: false } } }),
    )
    const c = loadConfig({
      env: { CARREL_HTTP_PORT: '5000', CARREL_FIELD_BIRTH_DATE: 'off' },
      file,
    })
    expect(c.http.port).toBe(5000)
    expect(c.patrons.fields.sex).toBe(false)
    expect(c.patrons.fields.birthDate).toBe(false)
  })

  it('names the variable and the key of a bad value', () => {
    expect(problemsOf(() => loadConfig({ env: { CARREL_HTTP_PORT: 'abc' } }))).toEqual([
      'CARREL_HTTP_PORT (http.port): expected integer, got "abc"',
    ])
    expect(problemsOf(() => loadConfig({ env: { CARREL_HTTP_PORT: '70000' } }))[0]).toMatch(
      /^http\.port: .*CARREL_HTTP_PORT/,
    )
    expect(problemsOf(() => loadConfig({ env: { CARREL_DATABASE_URL: 'mysql://x' } }))[0]).toMatch(
      /^databaseUrl:/,
    )
  })

  it('names unknown and mistyped keys in the file, and a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carrel-cfg-'))
    const file = join(dir, 'c.json')
    writeFileSync(file, JSON.stringify({ cards: { lockoutMaxFailures: 'five' } }))
    expect(problemsOf(() => loadConfig({ env: {}, file })).join('\n')).toMatch(
      /cards\.lockoutMaxFailures/,
    )
    writeFileSync(file, '{ nope')
    expect(problemsOf(() => loadConfig({ env: {}, file }))[0]).toContain(file)
  })

  it('checks fields against each other', () => {
    expect(
      problemsOf(() =>
        loadConfig({ env: {}, overrides: { cards: { pinMinLength: 8, pinMaxLength: 6 } } }),
      ),
    ).toEqual(['cards.pinMinLength: must not exceed cards.pinMaxLength'])
  })

  it('refuses a disposal authority for a series that does not exist, inherited names included', () => {
    const authority = { application: '24-017', item: '3' }
    for (const series of ['loans-forever', 'toString', 'constructor']) {
      expect(
        problemsOf(() =>
          loadConfig({
            env: {},
            overrides: { retention: { authorities: { [series]: authority } } },
          }),
        ),
      ).toEqual([`retention.authorities.${series}: no such record series`])
    }
  })
})

describe('master key', () => {
  it('is created once with mode 0600 and read back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carrel-key-')), 'data')
    const first = initMasterKey(dir)
    expect(first.created).toBe(true)
    expect(statSync(first.path).mode & 0o777).toBe(0o600)
    expect(initMasterKey(dir).created).toBe(false)
    expect(readMasterKey(dir, {})).toHaveLength(32)
    expect(readMasterKey(dir, {}).toString('base64')).toBe(readFileSync(first.path, 'utf8').trim())
  })

  it('refuses a key file others can read, a malformed key, and a missing one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'carrel-key-')), 'data')
    expect(() => readMasterKey(dir, {})).toThrow(/carrel init/)
    const { path } = initMasterKey(dir)
    chmodSync(path, 0o644)
    expect(() => readMasterKey(dir, {})).toThrow(/chmod 600/)
    expect(() => readMasterKey(dir, { CARREL_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/)
    const key = Buffer.alloc(32, 7).toString('base64')
    expect(readMasterKey(dir, { CARREL_MASTER_KEY: key })).toEqual(Buffer.alloc(32, 7))
  })

  it('reads the key from the file CARREL_MASTER_KEY_FILE names, held to the same rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carrel-key-'))
    const secret = join(dir, 'carrel_master_key')
    const env = { CARREL_MASTER_KEY_FILE: secret }
    expect(() => readMasterKey(join(dir, 'data'), env)).toThrow(/does not exist/)
    try {
      readMasterKey(join(dir, 'data'), env)
    } catch (err) {
      expect((err as { code?: string }).code).toBe('MASTER_KEY_INVALID')
    }
    writeFileSync(secret, `${Buffer.alloc(32, 9).toString('base64')}\n`, { mode: 0o644 })
    chmodSync(secret, 0o644)
    expect(() => readMasterKey(join(dir, 'data'), env)).toThrow(/chmod 600/)
    chmodSync(secret, 0o400)
    expect(readMasterKey(join(dir, 'data'), env)).toEqual(Buffer.alloc(32, 9))
    // The variable with the key itself wins; a directory is not a key file.
    const key = Buffer.alloc(32, 7).toString('base64')
    expect(readMasterKey(dir, { ...env, CARREL_MASTER_KEY: key })).toEqual(Buffer.alloc(32, 7))
    expect(() => readMasterKey(dir, { CARREL_MASTER_KEY_FILE: dir })).toThrow(/not a file/)
    chmodSync(secret, 0o600)
    writeFileSync(secret, 'c2hvcnQ=\n')
    expect(() => readMasterKey(dir, env)).toThrow(/32 bytes/)
  })
})
