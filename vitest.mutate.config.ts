// Vitest configuration for mutation runs (`npm run mutate`, see stryker.config.mjs).
//
// The same suite as vitest.config.ts — including the globalSetup that starts the throwaway
// PostgreSQL cluster, so every database test still runs on both engines — minus the browser
// tests: they drive Chromium through whole pages, are slow, and test nothing the mutated
// code does that the HTTP tests do not already cover.
//
// Stryker's Vitest runner overrides the pool (it runs one worker thread per Stryker worker)
// and turns coverage off; everything else here is used as written.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/browser/**'],
    },
  }),
)
