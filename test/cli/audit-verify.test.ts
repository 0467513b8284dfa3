import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { loadConfig } from '../../src/config/config.js'
import { createContext } from '../../src/context.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { AUDIT_CHAINS, recordAudit } from '../../src/privacy/audit.js'
import type { AuditLogTable } from '../../src/privacy/privacy.tables.js'
import { ENGINES, pgUrl } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'
import { runCli, STACK_LINE, tempDir } from './run-cli.js'

const COLUMNS = [
  'seq',
  'chain',
  'chain_seq',
  'at',
  'actor_type',
  'actor_id',
  'action',
  'patron_id',
  'detail',
  'prev_hash',
  'hash',
] as const

/** Raw access to the audit table, below Carrel, as someone tampering with the files would have. */
interface Tamperer {
  rows(): Promise<AuditLogTable[]>
  run(sql: string, params: unknown[]): Promise<void>
  close(): Promise<void>
}

function sqliteTamperer(dataDir: string): Tamperer {
  const open = () => new Database(join(dataDir, 'records.sqlite'))
  return {
    rows: () => {
      const db = open()
      try {
        return Promise.resolve(
          db.prepare('select * from audit_log order by seq').all() as AuditLogTable[],
        )
      } finally {
        db.close()
      }
    },
    run: (sql, params) => {
      const db = open()
      try {
        db.prepare(sql.replace(/\$\d+/g, '?')).run(...params)
      } finally {
        db.close()
      }
      return Promise.resolve()
    },
    close: () => Promise.resolve(),
  }
}

function pgTamperer(url: string): Tamperer {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  return {
    rows: async () =>
      (await pool.query<AuditLogTable>('select * from audit_log order by seq')).rows,
    run: async (sql, params) => {
      await pool.query(sql, params)
    },
    close: () => pool.end(),
  }
}

for (const engine of ENGINES) {
  describe(`carrel audit verify [${engine}]`, () => {
    const cwd = tempDir()
    const dataDir = join(cwd, 'data')
    const databaseUrl =
      engine === 'postgres' ? pgUrl(`carrel_cli_${randomBytes(5).toString('hex')}`) : undefined
    const env: Record<string, string> = {
      CARREL_DATA_DIR: dataDir,
      ...(databaseUrl && { CARREL_DATABASE_URL: databaseUrl }),
    }
    let tamper: Tamperer
    let original: AuditLogTable[] = []
    /** The first three entries of the chain holding the most. */
    let three: [AuditLogTable, AuditLogTable, AuditLogTable]
    const name = (r: AuditLogTable) =>
      `log entry ${r.seq} (entry ${r.chain_seq} of chain ${r.chain})`

    const verify = () => runCli(['audit', 'verify'], { cwd, env })
    const restore = async () => {
      await tamper.run('delete from audit_log', [])
      for (const r of original) {
        await tamper.run(
          `insert into audit_log (${COLUMNS.join(', ')}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
          COLUMNS.map((c) => r[c]),
        )
      }
    }

    beforeAll(async () => {
      // Some history to protect: a staff account, two registrations, a card.
      const config = loadConfig({
        env: {},
        overrides: {
          dataDir,
          ...(databaseUrl && { databaseUrl }),
          security: { argon2MemoryKiB: 256, argon2TimeCost: 1 },
        },
      })
      const ctx = await createContext(config, {
        masterKey: randomBytes(32),
        logger: pino({ level: 'silent' }),
      })
      try {
        const desk = await staffActor(ctx, 'circulation')
        await registerPatron(ctx, desk, { ...patronInput(), card: { pin: '4826' } })
        const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
        // More entries than twice the chains, so that (on PostgreSQL, where writers spread over
        // the chains) some chain holds at least three.
        for (let i = 0; i < 2 * AUDIT_CHAINS + 1; i++)
          await recordAudit(ctx.db, ctx.engine, ctx.clock, desk, [
            { action: 'patron.read', patronId: p.id },
          ])
      } finally {
        await ctx.close()
      }
      tamper = engine === 'postgres' ? pgTamperer(databaseUrl ?? '') : sqliteTamperer(dataDir)
      original = await tamper.rows()
      const byChain = new Map<number, AuditLogTable[]>()
      for (const r of original) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r])
      const longest = [...byChain.values()].sort((a, b) => b.length - a.length)[0] ?? []
      three = longest.sort((a, b) => a.chain_seq - b.chain_seq).slice(0, 3) as typeof three
    })

    afterAll(async () => {
      await tamper.close()
      rmSync(cwd, { recursive: true, force: true })
    })

    it('reports an intact log with its number of entries', async () => {
      expect(original.length).toBeGreaterThanOrEqual(4)
      const result = await verify()
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout.trim()).toBe(`audit log intact: ${original.length} entries`)
    })

    it('catches an edited entry', async () => {
      const [, , edited] = three
      await tamper.run('update audit_log set detail = $1 where seq = $2', [
        '{"withPin":false}',
        edited.seq,
      ])
      const result = await verify()
      await restore()
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`${name(edited)} was changed`)
      expect(result.stderr).not.toMatch(STACK_LINE)
    })

    it('catches a deleted entry', async () => {
      const [, gone] = three
      await tamper.run('delete from audit_log where seq = $1', [gone.seq])
      const result = await verify()
      await restore()
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`entry 2 of chain ${gone.chain} is missing`)
    })

    it('catches two entries whose contents were swapped', async () => {
      // Everything but the entries' places (seq, chain, chain_seq) changes places.
      const [first, a, b] = three
      const content = COLUMNS.slice(3)
      const swap = `update audit_log set ${content
        .map((c, i) => `${c} = $${i + 1}`)
        .join(', ')} where seq = $${content.length + 1}`
      await tamper.run(swap, [...content.map((c) => b[c]), a.seq])
      await tamper.run(swap, [...content.map((c) => a[c]), b.seq])
      const result = await verify()
      await restore()
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `${name(a)} does not follow entry ${first.chain_seq} of chain ${first.chain}`,
      )
      expect(result.stderr).toContain('reordered')
    })
  })
}
