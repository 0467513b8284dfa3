import type { Compilable, CompiledQuery, DialectAdapter, Kysely, QueryResult } from 'kysely'
import type { Engine } from './dialect.js'
import { engineOf } from './sequence.js'

const SLOT = Symbol('precompiled value')

/** A stand-in for a value: the builder sees it where the value goes and compiles it as one parameter. */
interface Slot {
  readonly [SLOT]: string
}

const isSlot = (value: unknown): value is Slot =>
  typeof value === 'object' && value !== null && SLOT in value

/** Where each parameter of the compiled text comes from: a named value, or a constant of the query. */
type Source = { name: string } | { constant: unknown }

interface Compiled {
  query: CompiledQuery
  sources: Source[]
  /** The value of `generation` when it was compiled. */
  generation: number
}

let generation = 0

/**
 * Makes every precompiled query compile afresh at its next use. Only the mutation runs call it,
 * before each test (test/harness/mutation-file-reset.ts): a mutant planted in a builder is then
 * reached by every test that runs the query, not just by the first one after the database opened,
 * so Stryker's per-test coverage sends it to all the tests that can notice it.
 */
export function forgetCompiledQueries(): void {
  generation++
}

/**
 * A query whose text is built and compiled once per database and then run with new values.
 *
 * Kysely builds every query as a tree of frozen nodes and compiles that tree to text on each
 * call; on the self-check hot paths that is about a quarter of the time of a message, for
 * statements whose text never changes. `build` receives stand-ins for the values of `P`, which
 * it may use only where a value is bound (a comparison, an inserted or updated value, a limit),
 * never to choose the query's shape: the shape is fixed at the first call. A query that would
 * need a varying shape (a list of varying length) is not a candidate.
 */
export function precompiled<DB, P extends object, R>(
  build: (db: Kysely<DB>, values: P, engine: Engine) => Compilable<R>,
): (db: Kysely<DB>, values: P) => Promise<QueryResult<R>> {
  const byDatabase = new WeakMap<DialectAdapter, Compiled>()
  const compile = (db: Kysely<DB>, names: readonly string[], engine: Engine): Compiled => {
    const slots = Object.fromEntries(names.map((name) => [name, { [SLOT]: name }])) as P
    const query = build(db, slots, engine).compile()
    const sources = query.parameters.map((value): Source =>
      isSlot(value) ? { name: value[SLOT] } : { constant: value },
    )
    for (const name of names)
      if (!sources.some((s) => 'name' in s && s.name === name))
        throw new Error(`precompiled: the value "${name}" is not bound in ${query.sql}`)
    return { query, sources, generation }
  }
  return async (db, values) => {
    const adapter = db.getExecutor().adapter
    let compiled = byDatabase.get(adapter)
    if (compiled === undefined || compiled.generation !== generation) {
      compiled = compile(db, Object.keys(values), engineOf(db as Kysely<unknown>))
      byDatabase.set(adapter, compiled)
    }
    const { query, sources } = compiled
    const named = values as Record<string, unknown>
    const parameters = sources.map((s) => ('name' in s ? named[s.name] : s.constant))
    return db.executeQuery<R>({ ...query, parameters })
  }
}
