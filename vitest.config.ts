import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { SlowFilesFirst } from './test/harness/sequencer.js'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
    sequence: { sequencer: SlowFilesFirst },
  },
})
