import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'
import { addDays } from '../library/calendar.js'
import type { ItemRow } from '../catalog/catalog.service.js'
import { enqueueNotice, type CircPolicy } from './circ-support.js'
import { nextOpenDay } from './loan-policy.js'
import { newPickupCode } from './pickup-code.js'
import { countHold } from './counts.js'

export type Route =
  | { action: 'shelve'; branch: string }
  | { action: 'transit'; branch: string; forHold: boolean }
  | { action: 'hold_shelf'; branch: string; pickupCode: string; expiresOn: string }

/**
 * Decides where an item in hand at `branch` goes next: to a hold already waiting for it, to the
 * oldest active hold on its title (here or in transit to its pickup branch), or back to its shelf.
 * Claims are conditional updates, so two desks checking in copies of one title fill a hold once.
 */
// What every check-in runs, each built and compiled once (db/precompiled.ts).
const dropExpiredHolds = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db.deleteFrom('holds').where('item_id', '=', v.itemId).where('status', '=', 'expired'),
)
const assignedHold = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db
    .selectFrom('holds')
    .selectAll()
    .where('item_id', '=', v.itemId)
    .where('status', 'in', ['in_transit', 'ready']),
)
const queuedHolds = precompiled((db: Kysely<RecordsDb>, v: { recordId: string; today: string }) =>
  db
    .selectFrom('holds')
    .select(['id', 'patron_id', 'pickup_branch'])
    .where('record_id', '=', v.recordId)
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('suspended_until', 'is', null), eb('suspended_until', '<=', v.today)]))
    .orderBy('placed_at')
    .orderBy('id')
    .limit(20),
)
const shelve = precompiled((db: Kysely<RecordsDb>, v: { itemId: string }) =>
  db.updateTable('items').set({ status: 'available', transit_to: null }).where('id', '=', v.itemId),
)

export async function routeItem(
  ctx: AppContext,
  trx: Kysely<RecordsDb>,
  policy: CircPolicy,
  item: ItemRow,
  branch: string,
): Promise<Route> {
  const now = ctx.clock.now()
  const at = now.toISOString()
  const today = policy.today(now)

  // An item in hand is no longer waiting on the shelf for a hold that expired: that hold is done.
  await dropExpiredHolds(trx, { itemId: item.id })
  const {
    rows: [assigned],
  } = await assignedHold(trx, { itemId: item.id })
  if (assigned !== undefined) {
    if (assigned.pickup_branch !== branch)
      return moveInTransit(trx, item, assigned.pickup_branch, at, true)
    if (
      assigned.status === 'ready' &&
      assigned.pickup_code !== null &&
      assigned.expires_on !== null
    ) {
      return {
        action: 'hold_shelf',
        branch,
        pickupCode: assigned.pickup_code,
        expiresOn: assigned.expires_on,
      }
    }
    return makeReady(ctx, trx, policy, item, assigned.id, assigned.patron_id, branch, at, today)
  }

  const { rows: candidates } = await queuedHolds(trx, { recordId: item.record_id, today })
  for (const hold of candidates) {
    const next = hold.pickup_branch === branch ? 'ready' : 'in_transit'
    const claimed = await trx
      .updateTable('holds')
      .set({ status: next, item_id: item.id })
      .where('id', '=', hold.id)
      .where('status', '=', 'queued')
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) continue
    if (next === 'in_transit') return moveInTransit(trx, item, hold.pickup_branch, at, true)
    return makeReady(ctx, trx, policy, item, hold.id, hold.patron_id, branch, at, today)
  }

  if (item.branch === branch) {
    await shelve(trx, { itemId: item.id })
    return { action: 'shelve', branch }
  }
  return moveInTransit(trx, item, item.branch, at, false)
}

async function moveInTransit(
  trx: Kysely<RecordsDb>,
  item: ItemRow,
  to: string,
  at: string,
  forHold: boolean,
): Promise<Route> {
  await trx
    .updateTable('items')
    .set({ status: 'in_transit', transit_to: to })
    .where('id', '=', item.id)
    .execute()
  return { action: 'transit', branch: to, forHold }
}

async function makeReady(
  ctx: AppContext,
  trx: Kysely<RecordsDb>,
  policy: CircPolicy,
  item: ItemRow,
  holdId: string,
  patronId: string | null,
  branch: string,
  at: string,
  today: string,
): Promise<Route> {
  const expiresOn = nextOpenDay(
    addDays(today, ctx.config.circulation.holdShelfDays),
    policy.isClosed(branch),
  )
  const pickupCode = await unusedPickupCode(trx)
  await trx
    .updateTable('holds')
    .set({
      status: 'ready',
      item_id: item.id,
      pickup_code: pickupCode,
      ready_at: at,
      expires_on: expiresOn,
    })
    .where('id', '=', holdId)
    .execute()
  await trx
    .updateTable('items')
    .set({ status: 'on_hold_shelf', transit_to: null })
    .where('id', '=', item.id)
    .execute()
  await countHold(trx, { day: today, branch }, 'ready')
  if (patronId !== null)
    await enqueueNotice(trx, patronId, 'hold_ready', { pickupCode, branch, expiresOn }, at)
  return { action: 'hold_shelf', branch, pickupCode, expiresOn }
}

async function unusedPickupCode(trx: Kysely<RecordsDb>): Promise<string> {
  for (;;) {
    const code = newPickupCode()
    const taken = await trx
      .selectFrom('holds')
      .select('id')
      .where('pickup_code', '=', code)
      .where('status', '=', 'ready')
      .executeTakeFirst()
    if (taken === undefined) return code
  }
}
