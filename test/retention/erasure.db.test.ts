import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { DAY } from '../../src/clock.js'
import type { RecordsDb } from '../../src/db/schema.js'
import { openSqlite } from '../../src/db/sqlite.js'
import type { AppContext } from '../../src/context.js'
import { setReadingHistory } from '../../src/circulation/loans.service.js'
import { registerPatron, updatePatron } from '../../src/patrons/patron.service.js'
import { updateOwnChoices } from '../../src/patrons/self-service.js'
import { openPatronRow } from '../../src/patrons/patron-record.js'
import { loadPatronCipher } from '../../src/privacy/field-cipher.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { runRetention } from '../../src/privacy/retention/retention.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

const AUTHORITY = {
  retention: { authorities: { 'patron-registration': { application: '24-017', item: '3' } } },
}

describeEngines(
  'erasing lapsed registrations',
  (env) => {
    it('warns an inactive patron through the outbox, then erases them by destroying their key', async () => {
      const { ctx, clock } = env()
      const officer = await staffActor(ctx, 'privacy_officer')
      const lapsed = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput({
          expiresOn: '2026-02-01',
          givenName: 'Philippa',
          familyName: 'Vanderhoeven',
        }),
        card: { pin: '4826' },
      })
      const current = await registerPatron(
        ctx,
        SYSTEM_ACTOR,
        patronInput({ expiresOn: '2031-01-01' }),
      )
      // Three years after expiry, less a day: not yet.
      clock.set(new Date(Date.parse('2029-01-31T12:00:00Z')))
      expect(
        (await runRetention(ctx, officer)).find((r) => r.series === 'patron-registration'),
      ).toMatchObject({ warned: 0, disposed: 0 })
      clock.advance(2 * DAY)
      expect(
        (await runRetention(ctx, officer)).find((r) => r.series === 'patron-registration'),
      ).toMatchObject({ warned: 1, disposed: 0 })
      const warning = await ctx.db
        .selectFrom('notice_outbox')
        .selectAll()
        .where('patron_id', '=', lapsed.id)
        .where('kind', '=', 'erasure_warning')
        .execute()
      expect(warning).toHaveLength(1)

      // The copy an attacker or an old backup would hold, taken before the erasure.
      const before = await ctx.db
        .selectFrom('patrons')
        .selectAll()
        .where('id', '=', lapsed.id)
        .executeTakeFirstOrThrow()
      let fileCopy: string | undefined
      if (env().engine === 'sqlite') {
        await ctx.db.selectFrom('patrons').select('id').limit(1).execute()
        fileCopy = mkdtempSync(join(tmpdir(), 'carrel-backup-'))
        for (const f of readdirSync(env().dataDir))
          if (f.startsWith('records.sqlite'))
            copyFileSync(join(env().dataDir, f), join(fileCopy, f))
      }

      // Erasure waits for the warning to be delivered: here, to the maildrop.
      await deliverNotices(ctx)
      clock.advance(29 * DAY)
      expect(
        (await runRetention(ctx, officer)).find((r) => r.series === 'patron-registration')
          ?.disposed,
      ).toBe(0)
      clock.advance(2 * DAY)
      expect(
        (await runRetention(ctx, officer)).find((r) => r.series === 'patron-registration')
          ?.disposed,
      ).toBe(1)

      expect(await loadPatronCipher(ctx.keys, ctx.keyring, lapsed.id)).toBeUndefined()
      expect(openPatronRow(before, undefined).givenName).toBeNull()
      // No key left in the key store opens the old ciphertext.
      const keys = await ctx.keys.selectFrom('patron_keys').select('patron_id').execute()
      for (const { patron_id } of keys) {
        const cipher = await loadPatronCipher(ctx.keys, ctx.keyring, patron_id)
        expect(() => cipher?.decrypt('given_name_enc', before.given_name_enc)).toThrow()
      }
      expect(JSON.stringify(before)).not.toMatch(/Philippa|Vanderhoeven/)
      if (fileCopy !== undefined) {
        const old = new Kysely<RecordsDb>({
          dialect: new SqliteDialect({
            database: openSqlite(join(fileCopy, 'records.sqlite')).kysely,
          }),
        })
        const row = await old
          .selectFrom('patrons')
          .selectAll()
          .where('id', '=', lapsed.id)
          .executeTakeFirstOrThrow()
        expect(row.given_name_enc).not.toBeNull()
        expect(await loadPatronCipher(ctx.keys, ctx.keyring, row.id)).toBeUndefined()
        await old.destroy()
      }
      expect(
        (
          await ctx.db
            .selectFrom('patrons')
            .select('status')
            .where('id', '=', current.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('active')
      const disposal = await ctx.db
        .selectFrom('disposal_records')
        .selectAll()
        .where('series', '=', 'patron-registration')
        .executeTakeFirstOrThrow()
      expect(disposal).toMatchObject({
        method: 'crypto-shred',
        count: 1,
        covered_from: '2026-02-01',
        covered_to: '2026-02-01',
      })
    })

    it('keeps a patron who changes their registration after the warning', async () => {
      const { ctx, clock } = env()
      clock.set('2026-01-15T10:00:00Z')
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ expiresOn: '2026-02-01' }))
      clock.set('2029-03-01T12:00:00Z')
      await runRetention(ctx, officer)
      const { updatePatron } = await import('../../src/patrons/patron.service.js')
      await updatePatron(ctx, SYSTEM_ACTOR, p.id, { expiresOn: '2032-03-01' })
      clock.advance(60 * DAY)
      await runRetention(ctx, officer)
      expect(
        (
          await ctx.db
            .selectFrom('patrons')
            .select('status')
            .where('id', '=', p.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('active')
    })

    // A warning speaks of the registration as it stood: once the patron changes anything, it is
    // spent, and the record lapsing again (three years after the change) needs a fresh warning
    // before erasure. Only one thing changes each time, so the expiry date keeps nothing alive.
    const changes: [string, (ctx: AppContext, patronId: string) => Promise<unknown>][] = [
      [
        'only the phone',
        (ctx, id) => updatePatron(ctx, SYSTEM_ACTOR, id, { phone: '708-555-0177' }),
      ],
      [
        'only their communication choices',
        (ctx, id) =>
          updateOwnChoices(
            ctx,
            { type: 'patron', id },
            { notices: true, newsletter: true, policyChanges: false },
          ),
      ],
      [
        'only the reading-history choice',
        (ctx, id) => setReadingHistory(ctx, { type: 'patron', id }, id, true),
      ],
    ]
    for (const [what, change] of changes) {
      it(`warns afresh before erasing a patron who changed ${what} after a warning`, async () => {
        const { ctx, clock } = env()
        const officer = await staffActor(ctx, 'privacy_officer')
        clock.set('2026-01-15T10:00:00Z')
        const p = await registerPatron(ctx, SYSTEM_ACTOR, patronInput({ expiresOn: '2026-02-01' }))
        const warnings = () =>
          ctx.db
            .selectFrom('notice_outbox')
            .select('created_at')
            .where('patron_id', '=', p.id)
            .where('kind', '=', 'erasure_warning')
            .orderBy('created_at')
            .execute()
        const status = async () =>
          (
            await ctx.db
              .selectFrom('patrons')
              .select(['status', 'expires_on'])
              .where('id', '=', p.id)
              .executeTakeFirstOrThrow()
          ).status
        clock.set('2029-03-01T12:00:00Z')
        await runRetention(ctx, officer)
        expect(await warnings()).toHaveLength(1)
        clock.set('2029-03-10T12:00:00Z')
        await change(ctx, p.id)
        // More than three years after the change, the registration has lapsed again.
        clock.set('2032-03-12T12:00:00Z')
        await runRetention(ctx, officer)
        expect(await status()).toBe('active')
        expect((await warnings()).map((w) => w.created_at)).toEqual([
          '2029-03-01T12:00:00.000Z',
          '2032-03-12T12:00:00.000Z',
        ])
        // Erasure waits for the warning to be delivered: here, to the maildrop.
        await deliverNotices(ctx)
        clock.advance(29 * DAY)
        await runRetention(ctx, officer)
        expect(await status()).toBe('active')
        clock.advance(2 * DAY)
        await runRetention(ctx, officer)
        expect(await status()).toBe('erased')
      })
    }
  },
  AUTHORITY,
)
