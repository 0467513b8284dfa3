import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error('expected a ConfigError')
}

const TOKEN = 'a-metrics-scraper-token-of-some-length'

describe('configuration: who may read /metrics', () => {
  it('allows loopback only, with no token, by default', () => {
    const c = loadConfig({ env: {} })
    expect(c.metrics).toEqual({ allow: ['127.0.0.0/8', '::1/128'] })
  })

  it('reads a comma-separated list of addresses and the token from the environment', () => {
    const c = loadConfig({
      env: { CARREL_METRICS_ALLOW: ' 10.1.2.3, 192.168.0.0/24 ,,::1', CARREL_METRICS_TOKEN: TOKEN },
    })
    expect(c.metrics).toEqual({ allow: ['10.1.2.3', '192.168.0.0/24', '::1'], token: TOKEN })
    // An empty list leaves the token as the only way in.
    expect(loadConfig({ env: {}, overrides: { metrics: { allow: [] } } }).metrics.allow).toEqual([])
  })

  it('names the bad entry and the short token, and never quotes the token', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { CARREL_METRICS_ALLOW: '127.0.0.1,prometheus.local,10.0.0.0/33' } }),
    )
    expect(problems).toEqual([
      expect.stringMatching(
        /^metrics\.allow\.1 \(environment variable CARREL_METRICS_ALLOW\): "prometheus\.local" is not/,
      ),
      expect.stringMatching(/^metrics\.allow\.2 .*"10\.0\.0\.0\/33" is not/),
    ])
    const short = problemsOf(() => loadConfig({ env: { CARREL_METRICS_TOKEN: 'short-secret' } }))
    expect(short).toEqual([expect.stringMatching(/^metrics\.token: .*CARREL_METRICS_TOKEN/)])
    expect(short.join('\n')).not.toContain('short-secret')
  })
})
