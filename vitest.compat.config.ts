import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

// The tests run on the other supported Node.js majors (scripts/node-compat.sh): every test that
// needs no database, which covers the crypto, the SIP2 codec, the configuration, the catalogs
// and the command line as real processes; and, on both engines, one end-to-end file per surface
// (JSON API, patron pages, SIP2, retention and the stores). The whole suite runs on the
// installed Node.js (vitest.config.ts); three times over would not fit in CI.

const END_TO_END = [
  'test/http/patron-flow.test.ts',
  'test/http/circulation-desk.test.ts',
  'test/web/account-pages.test.ts',
  'test/sip2/circulation.db.test.ts',
  'test/retention/retention.db.test.ts',
  'test/privacy/key-store.db.test.ts',
]

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? testFiles(join(dir, e.name))
      : e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  )
}

const withoutDatabase = testFiles('test').filter(
  (f) =>
    !f.startsWith('test/browser/') &&
    !f.endsWith('.browser.test.ts') &&
    !f.endsWith('.db.test.ts') &&
    !readFileSync(f, 'utf8').includes('describeEngines('),
)

export default defineConfig({
  test: {
    include: [...withoutDatabase, ...END_TO_END],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
