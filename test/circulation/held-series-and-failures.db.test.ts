import { sql } from 'kysely'
import { expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { checkin } from '../../src/circulation/checkin.service.js'
import { checkout } from '../../src/circulation/checkout.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { placeLegalHold } from '../../src/privacy/retention/legal-holds.service.js'
import type { Engine } from '../../src/db/dialect.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

/** A real fault from the database itself: every insert into the table fails with `message`. */
async function failInsertsInto(ctx: AppContext, engine: Engine, table: string, message: string) {
  if (engine === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(ctx.db)
    return
  }
  await sql
    .raw(
      `CREATE FUNCTION fail_${table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
    )
    .execute(ctx.db)
  await sql
    .raw(
      `CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_${table}()`,
    )
    .execute(ctx.db)
}

describeEngines(
  'circulation: legal holds on a series, and faults that are not duplicates',
  (env) => {
    it('a legal hold on the loan-link series keeps a returned loan naming its borrower; one on another series does not', async () => {
      const { ctx } = env()
      const lib = await setUpLibrary(ctx)
      const officer = await staffActor(ctx, 'privacy_officer')
      const p = await lib.patron()
      const { items } = await lib.title([{}, {}])
      const lend = (i: number) =>
        checkout(ctx, lib.desk, {
          patronBarcode: p.barcode,
          itemBarcode: items[i]!.barcode,
          branch: 'main',
        })
      const give = (i: number) =>
        checkin(ctx, lib.desk, { itemBarcode: items[i]!.barcode, branch: 'main' })

      await placeLegalHold(ctx, officer, { series: 'holds', reason: 'Preservation letter 4' })
      await lend(0)
      expect((await give(0)).forgotten).toBe(true)

      await placeLegalHold(ctx, officer, { series: 'loan-link', reason: 'Preservation letter 5' })
      await lend(1)
      expect((await give(1)).forgotten).toBe(false)
      const kept = await ctx.db
        .selectFrom('loans')
        .select(['patron_id', 'returned_at'])
        .where('patron_id', '=', p.id)
        .execute()
      expect(kept).toEqual([{ patron_id: p.id, returned_at: expect.any(String) as unknown }])
    })

    it('a checkout the database refuses for another reason is not reported as "already on loan"', async () => {
      const { ctx, engine } = env()
      const lib = await setUpLibrary(ctx)
      const p = await lib.patron()
      const { items } = await lib.title()
      await failInsertsInto(ctx, engine, 'loans', 'storage is read-only')
      const err: unknown = await checkout(ctx, lib.desk, {
        patronBarcode: p.barcode,
        itemBarcode: items[0]!.barcode,
        branch: 'main',
      }).catch((e: unknown) => e)
      expect(String(err)).toMatch(/storage is read-only/)
      expect(err).not.toHaveProperty('code', 'ITEM_ALREADY_ON_LOAN')
    })

    it('a hold the database refuses for another reason is not reported as "already on hold"', async () => {
      const { ctx, engine } = env()
      const lib = await setUpLibrary(ctx)
      const p = await lib.patron()
      const { record } = await lib.title()
      await failInsertsInto(ctx, engine, 'holds', 'storage is read-only')
      const err: unknown = await placeHold(ctx, lib.desk, {
        patronId: p.id,
        recordId: record.id,
        pickupBranch: 'main',
      }).catch((e: unknown) => e)
      expect(String(err)).toMatch(/storage is read-only/)
      expect(err).not.toHaveProperty('code', 'ALREADY_ON_HOLD')
    })
  },
)
