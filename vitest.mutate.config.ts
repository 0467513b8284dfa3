// Vitest configuration for mutation runs (`npm run mutate`, see stryker.config.mjs).
//
// The same suite as vitest.config.ts minus the browser tests: they drive Chromium through whole
// pages, are slow, and test nothing the mutated code does that the HTTP tests do not already cover.
//
// Stryker's Vitest runner overrides the pool (it runs one worker thread per Stryker worker)
// and turns coverage off; everything else here is used as written.
//
// The database tests run on SQLite only unless CARREL_TEST_POSTGRES=on: every mutant reruns the
// tests that reach it, and a PostgreSQL database per test file costs most of that time. A mutant
// that only a PostgreSQL test can catch (a row lock, say) then counts as a survivor, so the score
// is a lower bound; run the files concerned again with CARREL_TEST_POSTGRES=on before calling one
// a gap.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

process.env.CARREL_TEST_POSTGRES ??= 'off'
const STATIC = process.env.CARREL_MUTATE_STATIC === 'on'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // A worker keeps its loaded modules from one test file to the next, as in the normal
      // suite: importing the app afresh for each file cost more than most files' tests, and
      // every mutant reruns dozens of files. Stryker switches the mutants planted in a function
      // on and off at run time, so no reload is needed. Static mutants (planted in code that
      // runs while a module loads) do need one: with CARREL_MUTATE_STATIC=on, which tests them
      // (stryker.config.mjs), each file loads the modules afresh.
      isolate: STATIC,
      setupFiles: ['test/harness/mutation-file-reset.ts'],
      exclude: [
        ...configDefaults.exclude,
        'test/browser/**',
        // Two `carrel serve` processes on PostgreSQL: mutants planted in this process never
        // reach them, and without PostgreSQL they cannot start.
        ...(process.env.CARREL_TEST_POSTGRES === 'off' ? ['test/multi-instance/**'] : []),
      ],
    },
  }),
)
