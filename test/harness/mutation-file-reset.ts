// Setup file of the mutation runs (vitest.mutate.config.ts), run before each test file.
//
// Those runs keep a worker's loaded modules from one test file to the next (isolate: false), so
// Stryker's global namespace outlives a file too. In its first run Stryker records which mutants
// each test reaches in one object there (each instrumented module keeps a reference to it), and
// its own after-all hook attaches that object to each file's result. Left alone, every file would
// carry the record of all the files before it, and those copies exhaust the heap within minutes.
//
// Here, when that hook reads the object at the end of a file, it gets a copy holding only what
// was recorded since the last file ended, and the shared object is emptied in place for the next
// file. This file's after-all hook runs before Stryker's (Vitest runs after-hooks in reverse
// order of registration, and Stryker's setup file comes first), and arms the swap for that one
// read; any other read (a module recording its first hit) gets the shared object itself.
//
// Queries built with precompiled() are compiled once per database and reused; before each test
// they are made to compile again, so Stryker credits a mutant in a query's builder to every test
// that runs the query rather than only to the first (src/db/precompiled.ts).
import { afterAll, beforeEach, inject } from 'vitest'
import { forgetCompiledQueries } from '../../src/db/precompiled.js'

interface Coverage {
  static: Record<string, number>
  perTest: Record<string, Record<string, number>>
}

interface Swap {
  /** Set by the after-all hook below; the next read of the record gets this file's copy. */
  fileEnding: boolean
}

const ns = (globalThis as Record<string, unknown>)['__stryker__'] as
  { mutantCoverage?: Coverage; carrelSwap?: Swap } | undefined

if (ns !== undefined && ns.carrelSwap === undefined) {
  const swap: Swap = { fileEnding: false }
  let shared = ns.mutantCoverage
  Object.defineProperty(ns, 'mutantCoverage', {
    configurable: true,
    enumerable: true,
    get(): Coverage | undefined {
      if (!swap.fileEnding || shared === undefined) return shared
      swap.fileEnding = false
      const copy = structuredClone(shared)
      for (const key of Object.keys(shared.static)) delete shared.static[key]
      for (const key of Object.keys(shared.perTest)) delete shared.perTest[key]
      return copy
    },
    set(value: Coverage | undefined) {
      shared = value
    },
  })
  ns.carrelSwap = swap
}

// Only the first run reads the record; the runs with a mutant leave it alone.
if ((inject as (key: string) => unknown)('mode') === 'dry-run')
  afterAll(() => {
    if (ns?.carrelSwap !== undefined) ns.carrelSwap.fileEnding = true
  })

beforeEach(() => {
  forgetCompiledQueries()
})
