import { randomBytes } from 'node:crypto'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { newId } from '../../src/ids.js'
import { saveBranch } from '../../src/library/library.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { patronInput } from '../harness/factories.js'

export const PIN = '4826'

/**
 * Groups and computers written straight into their tables (the registry service is another
 * part's), and card holders with a PIN.
 */
export function computerFixtures(ctx: AppContext) {
  return {
    async branch(code: string) {
      const known = await ctx.db
        .selectFrom('branches')
        .select('code')
        .where('code', '=', code)
        .executeTakeFirst()
      if (known === undefined) await saveBranch(ctx, SYSTEM_ACTOR, { code, name: `${code} branch` })
    },
    async group(
      branch = 'main',
      code = `adult-${randomBytes(3).toString('hex')}`,
      name = `Adult ${randomBytes(3).toString('hex')}`,
    ) {
      await this.branch(branch)
      const id = newId()
      await ctx.db.insertInto('computer_groups').values({ id, branch, code, name }).execute()
      return { id, branch, code, name }
    },
    async computer(
      group: { id: string; branch: string },
      name = `PC-${randomBytes(2).toString('hex')}`,
    ) {
      const id = newId()
      await ctx.db
        .insertInto('computers')
        .values({
          id,
          branch: group.branch,
          group_id: group.id,
          name,
          in_service: 1,
          token_hash: null,
          token_issued_on: null,
          last_seen_at: null,
        })
        .execute()
      return { id, name }
    },
    /** Someone signed in on the computer (the row pc's startSession writes). */
    async occupy(computerId: string, who: { patronId?: string; guestPassId?: string } = {}) {
      const now = ctx.clock.now()
      await ctx.db
        .insertInto('computer_sessions')
        .values({
          id: newId(),
          computer_id: computerId,
          patron_id: who.patronId ?? null,
          guest_pass_id: who.guestPassId ?? null,
          category: 'adult',
          started_at: now.toISOString(),
          ends_at: new Date(now.getTime() + 3_600_000).toISOString(),
          extensions: 0,
          lock_code_hash: null,
          locked_until: null,
        })
        .execute()
    },
    async free(computerId: string) {
      await ctx.db.deleteFrom('computer_sessions').where('computer_id', '=', computerId).execute()
    },
    async patron(overrides: Parameters<typeof patronInput>[0] = {}) {
      const input = patronInput(overrides)
      const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: { pin: PIN } })
      return { id: p.id, barcode: p.cards[0]?.barcode ?? '', givenName: input.givenName }
    },
  }
}
