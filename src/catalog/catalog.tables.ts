import type { Generated } from 'kysely'
import type { MagneticMedia, SecurityMarker } from './item-security.js'
export type ItemStatus =
  'available' | 'on_loan' | 'on_hold_shelf' | 'in_transit' | 'lost' | 'not_for_loan' | 'withdrawn'

export interface BibRecordsTable {
  id: string
  title: string
  author: string | null
  isbn: string | null
  year: number | null
  material_type: string
  /** Lower-cased title and author, for case-insensitive search on both engines. */
  search_text: string
  created_at: string
  updated_at: string
}

export interface ItemsTable {
  id: string
  record_id: string
  barcode: string
  call_number: string | null
  branch: string
  item_type: string
  status: ItemStatus
  /** Where an item in transit is going. */
  transit_to: string | null
  replacement_price_cents: number
  /** How many times the copy has been lent, ever: a count with no dates and no borrowers. */
  times_lent: Generated<number>
  /** Overrides the item type's magnetic media for this copy; NULL takes the type's. */
  magnetic_media: MagneticMedia | null
  /** Overrides the item type's security marker for this copy; NULL takes the type's. */
  security_marker: SecurityMarker | null
  created_at: string
  /** The catalogue's last change to the copy (circulation never dates a copy). */
  updated_at: string
}

export interface CatalogTables {
  bib_records: BibRecordsTable
  items: ItemsTable
}
