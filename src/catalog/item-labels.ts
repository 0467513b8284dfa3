import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'

/** What the desk shows for a copy it names by barcode: catalog data only, nobody's loan. */
export interface ItemLabel {
  barcode: string
  title: string
  callNumber: string | null
  itemType: string
}

/** The labels of many copies in one query; unknown barcodes are simply missing from the map. */
export async function itemLabels(
  db: Kysely<RecordsDb>,
  barcodes: readonly string[],
): Promise<Map<string, ItemLabel>> {
  if (barcodes.length === 0) return new Map()
  const rows = await db
    .selectFrom('items')
    .innerJoin('bib_records', 'bib_records.id', 'items.record_id')
    .select(['items.barcode', 'bib_records.title', 'items.call_number', 'items.item_type'])
    .where('items.barcode', 'in', [...new Set(barcodes)])
    .execute()
  return new Map(
    rows.map((r) => [
      r.barcode,
      { barcode: r.barcode, title: r.title, callNumber: r.call_number, itemType: r.item_type },
    ]),
  )
}
