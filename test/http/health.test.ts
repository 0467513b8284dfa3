import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { call, expectProblem, useApp } from './http-harness.js'

describeEngines('http: liveness and readiness', (env) => {
  const app = useApp(env)

  it('is alive and ready on a migrated library, without a token', async () => {
    const live = await call(app(), { method: 'GET', url: '/healthz' })
    expect({ status: live.status, body: live.body }).toEqual({
      status: 200,
      body: { status: 'ok' },
    })
    const ready = await call(app(), { method: 'GET', url: '/readyz' })
    expect({ status: ready.status, body: ready.body }).toEqual({
      status: 200,
      body: { status: 'ready' },
    })
    expect(ready.headers['cache-control']).toBe('no-store')
  })

  it('stays alive when the stores are gone, but is not ready, and says so without their addresses', async () => {
    const broken = await env().reopen()
    const brokenApp = await buildHttpApp(broken)
    try {
      await broken.close()
      const live = await call(brokenApp, { method: 'GET', url: '/healthz' })
      expect(live.status).toBe(200)
      const ready = await call(brokenApp, { method: 'GET', url: '/readyz' })
      expectProblem(ready, 503, 'STORE_UNAVAILABLE')
      expect((ready.body as { detail: string }).detail).toBe(
        'The records database is not answering.',
      )
      const secrets = [env().dataDir, env().databaseUrl, 'postgres', 'sqlite', 'localhost']
      for (const s of secrets) if (s !== undefined) expect(ready.raw).not.toContain(s)
    } finally {
      await brokenApp.close()
    }
  })

  it('is not ready while a store has a migration pending, and ready again once it is applied', async () => {
    const { ctx } = env()
    const stats = ctx.statistics.db.withTables<{
      kysely_migration: { name: string; timestamp: string }
    }>()
    const [last] = await stats
      .selectFrom('kysely_migration')
      .select(['name', 'timestamp'])
      .orderBy('name', 'desc')
      .limit(1)
      .execute()
    if (last === undefined) throw new Error('the statistics store has no migrations')
    await stats.deleteFrom('kysely_migration').where('name', '=', last.name).execute()
    try {
      const ready = await call(app(), { method: 'GET', url: '/readyz' })
      expectProblem(ready, 503, 'MIGRATIONS_PENDING')
      expect((ready.body as { detail: string }).detail).toContain('the statistics store 1')
      // Alive all the same: a restart would not help, a migration would.
      expect((await call(app(), { method: 'GET', url: '/healthz' })).status).toBe(200)
    } finally {
      await stats.insertInto('kysely_migration').values(last).execute()
    }
    expect((await call(app(), { method: 'GET', url: '/readyz' })).status).toBe(200)
  })

  it('is not ready when the master key does not open the key store', async () => {
    const { ctx, config, clock } = env()
    await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: {} })
    const stranger = await createContext(config, {
      masterKey: randomBytes(32),
      clock,
      logger: pino({ level: 'silent' }),
      migrate: false,
    })
    const strangerApp = await buildHttpApp(stranger)
    try {
      const ready = await call(strangerApp, { method: 'GET', url: '/readyz' })
      expectProblem(ready, 503, 'KEYSTORE_LOCKED')
      expect((await call(app(), { method: 'GET', url: '/readyz' })).status).toBe(200)
    } finally {
      await strangerApp.close()
      await stranger.close()
    }
  })
})
