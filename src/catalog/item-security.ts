import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { precompiled } from '../db/precompiled.js'
import type { RecordsDb } from '../db/schema.js'

/**
 * A copy's security strip, as a self-check machine needs it (SIP2 reference §6.5, §9.7): whether
 * it is magnetic media (tapes, discs: never through the magnetic desensitizer) and what kind of
 * security marker it carries. Both belong to the item type; a copy may override either.
 */
export const MAGNETIC_MEDIA = ['Y', 'N'] as const
export type MagneticMedia = (typeof MAGNETIC_MEDIA)[number]

/** 00 other · 01 none · 02 tattle-tape strip · 03 whisper tape. */
export const SECURITY_MARKERS = ['00', '01', '02', '03'] as const
export type SecurityMarker = (typeof SECURITY_MARKERS)[number]

const magneticLiterals = () => MAGNETIC_MEDIA.map((v) => Type.Literal(v))
const markerLiterals = () => SECURITY_MARKERS.map((v) => Type.Literal(v))

/** Y, N or null (not known: SIP2 sends U), for an item type or a copy's override. */
export const magneticMediaSchema = (description: string) =>
  Type.Union([...magneticLiterals(), Type.Null()], { description })
export const securityMarkerSchema = (description: string) =>
  Type.Union(markerLiterals(), { description })
/** A copy's override of its type's marker; null takes the type's. */
export const markerOverrideSchema = (description: string) =>
  Type.Union([...markerLiterals(), Type.Null()], { description })

/** What SIP2 sends: U when neither the copy nor its type says whether it is magnetic media. */
export interface ItemSecurity {
  magneticMedia: MagneticMedia | 'U'
  securityMarker: SecurityMarker
}

export const UNKNOWN_ITEM_SECURITY: ItemSecurity = { magneticMedia: 'U', securityMarker: '00' }

const isMagnetic = (v: string | null | undefined): v is MagneticMedia =>
  (MAGNETIC_MEDIA as readonly (string | null | undefined)[]).includes(v)
const isMarker = (v: string | null | undefined): v is SecurityMarker =>
  (SECURITY_MARKERS as readonly (string | null | undefined)[]).includes(v)

/** The copy's own value where it has one, else its type's. */
export function resolveItemSecurity(
  item: { magnetic_media: string | null; security_marker: string | null },
  type: { magnetic_media: string | null; security_marker: string | null } | undefined,
): ItemSecurity {
  const magnetic = isMagnetic(item.magnetic_media) ? item.magnetic_media : type?.magnetic_media
  const marker = isMarker(item.security_marker) ? item.security_marker : type?.security_marker
  return {
    magneticMedia: isMagnetic(magnetic) ? magnetic : 'U',
    securityMarker: isMarker(marker) ? marker : '00',
  }
}

/** Desensitize on lending, resensitize on return: never for magnetic media (reference §9.7). */
export const mayHandleStrip = (s: ItemSecurity): boolean => s.magneticMedia !== 'Y'

export interface ItemSecurityView extends ItemSecurity {
  barcode: string
  title: string
  homeBranch: string
}

const securityRow = precompiled((db: Kysely<RecordsDb>, v: { barcode: string }) =>
  db
    .selectFrom('items')
    .innerJoin('bib_records', 'bib_records.id', 'items.record_id')
    .leftJoin('item_types', 'item_types.code', 'items.item_type')
    .select([
      'items.barcode',
      'items.branch',
      'items.magnetic_media',
      'items.security_marker',
      'item_types.magnetic_media as type_magnetic_media',
      'item_types.security_marker as type_security_marker',
      'bib_records.title',
    ])
    .where('items.barcode', '=', v.barcode),
)

/** A copy's title, home and security strip in one read; undefined for an unknown barcode. */
export async function itemSecurity(
  db: Kysely<RecordsDb>,
  barcode: string,
): Promise<ItemSecurityView | undefined> {
  const {
    rows: [row],
  } = await securityRow(db, { barcode: barcode.trim() })
  if (row === undefined) return undefined
  return {
    barcode: row.barcode,
    title: row.title,
    homeBranch: row.branch,
    ...resolveItemSecurity(row, {
      magnetic_media: row.type_magnetic_media,
      security_marker: row.type_security_marker,
    }),
  }
}
