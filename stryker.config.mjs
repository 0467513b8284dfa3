// Mutation testing with Stryker: `npm run mutate` (scripts/mutate.ts) runs it and then prints
// the score per folder. A developer tool, not a CI step: on two cores the whole scope takes
// many hours. See "Contributing" in the README.

/** The code that enforces the promises (design.md §1): the default scope of `npm run mutate`. */
const PROMISE_CODE = [
  'src/privacy/**/*.ts',
  'src/patrons/**/*.ts',
  // Circulation: the parts that forget (P3) and that keep one item with one patron.
  'src/circulation/circ-support.ts',
  'src/circulation/fees.service.ts',
  'src/circulation/checkin.service.ts',
  'src/circulation/checkout.service.ts',
  'src/circulation/holds.service.ts',
  'src/circulation/counts.ts',
  'src/sip2/codec/**/*.ts',
  'src/web/security.ts',
  'src/staff/roles.ts',
]

/** Never mutated: table row types (nothing runs in them). scripts/mutate.ts adds the same. */
const NEVER_MUTATED = ['!src/**/*.tables.ts']

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  mutate: [...PROMISE_CODE, ...NEVER_MUTATED],

  testRunner: 'vitest',
  // The whole suite minus the browser tests, with the PostgreSQL globalSetup kept.
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // Each mutant runs only the tests that executed its code in the first (dry) run.
  coverageAnalysis: 'perTest',

  // Mutants that do not compile are discarded before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',

  // Two cores: two workers, each a Vitest with one thread and its own PostgreSQL cluster.
  concurrency: 2,
  // The first run covers the suite on both engines; the database tests are not quick.
  dryRunTimeoutMinutes: 30,
  timeoutMS: 10_000,

  reporters: ['clear-text', 'html', 'json', 'progress'],
  clearTextReporter: { allowColor: true, logTests: false, reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },

  // Off by default; `npm run mutate -- --incremental` reuses the last run's results for
  // unchanged code and tests. It cannot see changes outside the mutated files and the test
  // files (a harness, a migration), so run without it before quoting a score.
  incremental: false,
  incrementalFile: 'reports/mutation/incremental.json',

  // Not needed by any test: kept out of the sandbox copies.
  ignorePatterns: ['dist', 'data', 'coverage', '.ci'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
