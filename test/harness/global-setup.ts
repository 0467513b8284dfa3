// Vitest globalSetup: starts one throwaway PostgreSQL cluster for the whole
// run and provides its address to tests as inject('postgres').
//
// Without PostgreSQL binaries, local runs carry on with inject('postgres')
// === null (after a loud warning); CI runs fail.

import type { TestProject } from 'vitest/node'
import { buildCliForTests } from './cli-build.js'
import { findPgBinDir, startPgCluster } from './postgres-cluster.js'
import type { PgServer } from './postgres-cluster.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PgServer | null
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildCliForTests()
  // Mutation runs (vitest.mutate.config.ts) may ask for SQLite alone; never in CI.
  if (process.env.CARREL_TEST_POSTGRES === 'off' && process.env.CI !== 'true') {
    process.stderr.write('CARREL_TEST_POSTGRES=off: the database tests run on SQLite only.\n')
    project.provide('postgres', null)
    return async () => {}
  }
  const binDir = findPgBinDir()

  if (binDir === undefined) {
    const bar = '!'.repeat(78)
    process.stderr.write(
      [
        '',
        bar,
        '!!!  PostgreSQL server binaries (initdb, pg_ctl, postgres) were NOT found.',
        '!!!',
        '!!!  The PostgreSQL half of EVERY database test is NOT running;',
        '!!!  only the SQLite half is being tested.',
        '!!!',
        '!!!  To fix, install the server, e.g. on Debian/Ubuntu:',
        '!!!      apt-get install postgresql',
        '!!!  or point CARREL_TEST_PG_BIN at the directory containing initdb.',
        bar,
        '',
        '',
      ].join('\n'),
    )
    if (process.env.CI === 'true') {
      throw new Error(
        'PostgreSQL server binaries not found, and CI=true: refusing to skip the ' +
          'PostgreSQL database tests. Install postgresql or set CARREL_TEST_PG_BIN.',
      )
    }
    project.provide('postgres', null)
    return async () => {}
  }

  const cluster = await startPgCluster(binDir)
  project.provide('postgres', cluster.server)
  return async () => {
    await cluster.stop()
  }
}
