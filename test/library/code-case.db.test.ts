// Codes are kept as written, so two that differ only in letter case would be two codes a person
// reads as one: the second is refused, also when both arrive at once.
import pg from 'pg'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { listGroups, saveGroup, saveRule } from '../../src/computers/computer-registry.service.js'
import { LOCKS } from '../../src/db/locks.js'
import {
  getLibraryStructure,
  saveBranch,
  saveItemType,
  savePatronCategory,
} from '../../src/library/library.service.js'
import { describeEngines } from '../harness/engines.js'
import { describePostgresOnly, outcome } from '../harness/interleave.js'

const RULE = { allowed: true, dailyMinutes: 120, sessionMinutes: 60, extensionMinutes: 0 }

describeEngines('codes that differ only in letter case', (env) => {
  it('keeps a code as written and refuses its case twin of the same kind, not of another kind', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'Main-2', name: 'Second main' })
    await expect(
      saveBranch(ctx, SYSTEM_ACTOR, { code: 'MAIN-2', name: 'Shouted' }),
    ).rejects.toMatchObject({ code: 'CODE_CASE_CONFLICT', kind: 'conflict' })
    // Another kind may use the same letters: a category is not a branch.
    await savePatronCategory(ctx, SYSTEM_ACTOR, { code: 'MAIN-2', name: 'M', maxOwedCents: 0 })
    await expect(
      saveItemType(ctx, SYSTEM_ACTOR, { code: 'Book', name: 'Book again' }),
    ).rejects.toMatchObject({ code: 'CODE_CASE_CONFLICT' })
    const s = await getLibraryStructure(ctx.db)
    expect(s.branches.filter((b) => b.code.toLowerCase() === 'main-2')).toEqual([
      { code: 'Main-2', name: 'Second main' },
    ])
    expect(s.itemTypes.filter((t) => t.code.toLowerCase() === 'book').map((t) => t.code)).toEqual([
      'book',
    ])
  })

  it('lets two saves of case twins at once make one code, never both', async () => {
    const { ctx } = env()
    const other = env().engine === 'postgres' ? await env().reopen() : ctx
    const results = await Promise.all([
      outcome(saveBranch(ctx, SYSTEM_ACTOR, { code: 'TWIN', name: 'Upper' })),
      outcome(saveBranch(other, SYSTEM_ACTOR, { code: 'twin', name: 'Lower' })),
    ])
    expect(results.filter((r) => r === 'done')).toHaveLength(1)
    expect(results.filter((r) => r.startsWith('CODE_CASE_CONFLICT'))).toHaveLength(1)
    const s = await getLibraryStructure(ctx.db)
    expect(s.branches.filter((b) => b.code.toLowerCase() === 'twin')).toHaveLength(1)
  })

  it('treats a computer group code as one code across branches, and rules name it exactly', async () => {
    const { ctx } = env()
    await saveBranch(ctx, SYSTEM_ACTOR, { code: 'BR1', name: 'Branch 1' })
    const teens = await saveGroup(ctx, SYSTEM_ACTOR, { branch: 'main', code: 'TEENS', name: 'T' })
    // The same code at another branch is the same group code: allowed.
    await saveGroup(ctx, SYSTEM_ACTOR, { branch: 'BR1', code: 'TEENS', name: 'T' })
    await expect(
      saveGroup(ctx, SYSTEM_ACTOR, { branch: 'BR1', code: 'teens', name: 'Lower' }),
    ).rejects.toMatchObject({ code: 'CODE_CASE_CONFLICT' })
    await expect(
      saveRule(ctx, SYSTEM_ACTOR, { groupCode: 'Teens', category: '*', ...RULE }),
    ).rejects.toMatchObject({ code: 'CODE_CASE_CONFLICT', details: { fields: ['groupCode'] } })
    await saveRule(ctx, SYSTEM_ACTOR, { groupCode: 'TEENS', category: '*', ...RULE })
    // A group saved again under its own code (renamed) is an update.
    await saveGroup(ctx, SYSTEM_ACTOR, { id: teens, branch: 'main', code: 'TEENS', name: 'Teens' })
    expect(
      (await listGroups(ctx.db)).filter((g) => g.code.toLowerCase() === 'teens').map((g) => g.code),
    ).toEqual(['TEENS', 'TEENS'])
    await expect(
      saveRule(ctx, SYSTEM_ACTOR, { groupCode: 'TEENS', category: 'ADULT', ...RULE }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' })
  })
})

describePostgresOnly('case twins saved at once, interleaved [postgres only]', (env) => {
  it('[postgres only] the second waits for the first to commit, then sees its code and is refused', async () => {
    const { ctx } = env()
    const holder = new pg.Client({ connectionString: env().databaseUrl })
    await holder.connect()
    const watcher = new pg.Client({ connectionString: env().databaseUrl })
    await watcher.connect()
    const waiting = async (n: number) => {
      for (let i = 0; i < 400; i++) {
        const { rows } = await watcher.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        )
        if (Number(rows[0]?.n) >= n) return
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error(`fewer than ${n} transactions waiting`)
    }
    try {
      // Both saves stop at the code lock, each having read nothing yet; let go, and the second
      // to take the lock finds the first's committed code.
      await holder.query('select pg_advisory_lock($1)', [LOCKS.libraryCodes])
      const first = outcome(saveItemType(ctx, SYSTEM_ACTOR, { code: 'AV', name: 'Audiovisual' }))
      await waiting(1)
      const second = outcome(saveItemType(ctx, SYSTEM_ACTOR, { code: 'av', name: 'Lower' }))
      await waiting(2)
      await holder.query('select pg_advisory_unlock($1)', [LOCKS.libraryCodes])
      const results = [await first, await second]
      expect(results.filter((r) => r === 'done')).toHaveLength(1)
      expect(results.filter((r) => r.startsWith('CODE_CASE_CONFLICT'))).toHaveLength(1)
    } finally {
      await holder.end()
      await watcher.end()
    }
    const s = await getLibraryStructure(ctx.db)
    expect(s.itemTypes.filter((t) => t.code.toLowerCase() === 'av')).toHaveLength(1)
  })
})
