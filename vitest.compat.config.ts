import { availableParallelism } from 'node:os'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

// The tests run on the other supported Node.js majors (scripts/node-compat.sh): every test that
// needs no database, which covers the crypto, the SIP2 codec, the configuration and the
// catalogs; the command line as a real process once (`carrel serve --demo`); and, on both
// engines, one end-to-end file per surface (JSON API, patron pages, SIP2, retention and the
// stores). The whole suite, every command included, runs on the installed Node.js
// (vitest.config.ts); three times over would not fit in CI.

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

// Each command test starts several processes; one of them shows the command line works.
const COMMAND_LINE = ['test/cli/serve-demo.test.ts']

const withoutDatabase = testFiles('test').filter(
  (f) =>
    !f.startsWith('test/browser/') &&
    (!f.startsWith('test/cli/') || COMMAND_LINE.includes(f)) &&
    !f.endsWith('.serve.test.ts') &&
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
    // Vitest leaves a core free by default: on two cores that is one file at a time, though
    // most of a file's time is spent waiting on databases, browsers and child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker keeps the modules it has loaded from one file to the next: loading the app for
    // every file cost more than most files' tests. Tests therefore leave shared state (the
    // catalogs, module-level settings) as they found it.
    isolate: false,
  },
})
