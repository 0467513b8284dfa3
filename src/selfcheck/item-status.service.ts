import type { Actor } from '../actor.js'
import type { ItemStatus } from '../catalog/catalog.tables.js'
import { resolveItemSecurity, type ItemSecurity } from '../catalog/item-security.js'
import type { AppContext } from '../context.js'
import { forbidden, notFound } from '../errors.js'
import { can } from '../staff/roles.js'

/** What a self-check may learn about a copy: never who has it or who is waiting for it. */
export interface ItemStatusView extends ItemSecurity {
  barcode: string
  recordId: string
  title: string
  materialType: string
  status: ItemStatus
  homeBranch: string
  /** Where the copy is headed while in transit, else its home. */
  currentBranch: string
  callNumber: string | null
  dueAt: string | null
  holdQueueLength: number
  /** The last day a filled hold waits on the shelf for its copy. */
  holdShelfUntil: string | null
}

export interface TitleStatusView {
  recordId: string
  title: string
  availableCopies: number
}

function requireDesk(actor: Actor): void {
  if (!can(actor, 'circ.desk')) throw forbidden('FORBIDDEN', 'Your role may not see item status.')
}

export async function itemStatus(
  ctx: AppContext,
  actor: Actor,
  barcode: string,
): Promise<ItemStatusView> {
  requireDesk(actor)
  const item = await ctx.db
    .selectFrom('items')
    .innerJoin('bib_records', 'bib_records.id', 'items.record_id')
    .leftJoin('item_types', 'item_types.code', 'items.item_type')
    .select([
      'items.id',
      'items.magnetic_media',
      'items.security_marker',
      'item_types.magnetic_media as type_magnetic_media',
      'item_types.security_marker as type_security_marker',
      'items.barcode',
      'items.record_id',
      'items.status',
      'items.branch',
      'items.transit_to',
      'items.call_number',
      'bib_records.title',
      'bib_records.material_type',
    ])
    .where('items.barcode', '=', barcode.trim())
    .executeTakeFirst()
  if (item === undefined) throw notFound('ITEM_NOT_FOUND', 'No item has that barcode.')
  const [loan, queue, shelf] = await Promise.all([
    ctx.db
      .selectFrom('loans')
      .select('due_at')
      .where('item_id', '=', item.id)
      .where('returned_at', 'is', null)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('holds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_id', '=', item.record_id)
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('holds')
      .select('expires_on')
      .where('item_id', '=', item.id)
      .where('status', '=', 'ready')
      .executeTakeFirst(),
  ])
  return {
    barcode: item.barcode,
    recordId: item.record_id,
    title: item.title,
    materialType: item.material_type,
    status: item.status,
    homeBranch: item.branch,
    currentBranch: item.transit_to ?? item.branch,
    callNumber: item.call_number,
    dueAt: loan?.due_at ?? null,
    holdQueueLength: Number(queue.n),
    holdShelfUntil: shelf?.expires_on ?? null,
    ...resolveItemSecurity(item, {
      magnetic_media: item.type_magnetic_media,
      security_marker: item.type_security_marker,
    }),
  }
}

/** A title by its record id, with how many copies could be picked up now. */
export async function titleStatus(
  ctx: AppContext,
  actor: Actor,
  recordId: string,
): Promise<TitleStatusView> {
  requireDesk(actor)
  const record = await ctx.db
    .selectFrom('bib_records')
    .select(['id', 'title'])
    .where('id', '=', recordId.trim())
    .executeTakeFirst()
  if (record === undefined) throw notFound('RECORD_NOT_FOUND', 'No such catalog record.')
  const available = await ctx.db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', record.id)
    .where('status', '=', 'available')
    .executeTakeFirstOrThrow()
  return { recordId: record.id, title: record.title, availableCopies: Number(available.n) }
}
