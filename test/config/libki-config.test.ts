import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { parseCidr } from '../../src/config/libki-config.js'

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error('expected a ConfigError')
}

const TOKEN = 'a-shared-libki-token-of-some-length'

describe('configuration: the Libki endpoint', () => {
  it('is off by default and, when on, allows only the private and loopback ranges', () => {
    const c = loadConfig({ env: {} })
    expect(c.computers.libki.enabled).toBe(false)
    expect(c.computers.libki.token).toBeUndefined()
    expect(c.computers.libki.header).toBe('X-Carrel-Libki-Token')
    expect(c.computers.libki.allowFrom).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '127.0.0.0/8',
      'fc00::/7',
      '::1/128',
    ])
    const on = loadConfig({
      env: { CARREL_LIBKI_ENABLED: 'true', CARREL_LIBKI_TOKEN: TOKEN },
    })
    expect(on.computers.libki).toMatchObject({ enabled: true, token: TOKEN })
  })

  it('refuses to start switched on without a token, with a short token or a bad range', () => {
    expect(problemsOf(() => loadConfig({ env: { CARREL_LIBKI_ENABLED: '1' } }))).toEqual([
      expect.stringMatching(
        /^computers\.libki\.token \(environment variable CARREL_LIBKI_TOKEN\): required/,
      ),
    ])
    expect(
      problemsOf(() =>
        loadConfig({ env: { CARREL_LIBKI_ENABLED: '1', CARREL_LIBKI_TOKEN: 'short' } }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^computers\.libki\.token: .*\(environment variable CARREL_LIBKI_TOKEN\)$/,
      ),
    ])
    expect(
      problemsOf(() =>
        loadConfig({
          env: {},
          overrides: {
            computers: { libki: { allowFrom: ['192.168.1.0/24', '10.0.0.0/33', 'lan'] } },
          },
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^computers\.libki\.allowFrom\.1: "10\.0\.0\.0\/33" is not a network range/,
      ),
      expect.stringMatching(/^computers\.libki\.allowFrom\.2: "lan" is not a network range/),
    ])
  })

  it('reads IPv4 and IPv6 ranges and single addresses, and nothing else', () => {
    expect(parseCidr('192.168.10.0/24')).toEqual({
      address: '192.168.10.0',
      prefix: 24,
      family: 'ipv4',
    })
    expect(parseCidr('10.1.2.3')).toEqual({ address: '10.1.2.3', prefix: 32, family: 'ipv4' })
    expect(parseCidr('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' })
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' })
    for (const bad of [
      '256.0.0.0/8',
      '10.0.0.0/33',
      '10.0.0/8',
      '::1/129',
      'fe80::1%eth0',
      '1.2.3.4/8/8',
      '10.0.0.0/x',
      'a::g',
      '',
    ])
      expect(parseCidr(bad), bad).toBeUndefined()
  })
})
