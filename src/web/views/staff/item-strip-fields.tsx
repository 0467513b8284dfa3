import type { VNode } from 'preact'
import type { ItemRow } from '../../../catalog/catalog.service.js'
import type { MagneticMedia, SecurityMarker } from '../../../catalog/item-security.js'
import { SelectField, type Option } from '../ui.js'

/** The select value that clears a copy's own setting, so it takes its item type's. */
export const AS_ITS_TYPE = 'type'

const MAGNETIC_LABELS: Record<MagneticMedia | 'unknown', string> = {
  Y: 'Magnetic media: keep off the desensitizer',
  N: 'Not magnetic media',
  unknown: 'Not known',
}

const MARKER_LABELS: Record<SecurityMarker, string> = {
  '00': 'Other',
  '01': 'None',
  '02': 'Tattle-tape security strip',
  '03': 'Whisper tape',
}

/** The strip settings a copy's type gives it, named on the "as its type" choice. */
export interface TypeStrip {
  magneticMedia: MagneticMedia | null
  securityMarker: SecurityMarker
}

/** Magnetic media and security marker of one copy: its own value, or its item type's. */
export function ItemStripFields(p: { item: ItemRow; type: TypeStrip | undefined }): VNode {
  const typeMagnetic = p.type === undefined ? undefined : (p.type.magneticMedia ?? 'unknown')
  const magnetic: Option[] = [
    {
      value: AS_ITS_TYPE,
      label: `As its type${typeMagnetic === undefined ? '' : ` (${MAGNETIC_LABELS[typeMagnetic]})`}`,
    },
    { value: 'Y', label: MAGNETIC_LABELS.Y },
    { value: 'N', label: MAGNETIC_LABELS.N },
  ]
  const marker: Option[] = [
    {
      value: AS_ITS_TYPE,
      label: `As its type${p.type === undefined ? '' : ` (${MARKER_LABELS[p.type.securityMarker]})`}`,
    },
    ...(Object.entries(MARKER_LABELS) as [SecurityMarker, string][]).map(([value, label]) => ({
      value,
      label,
    })),
  ]
  return (
    <>
      <SelectField
        name="magneticMedia"
        label="Magnetic media (self-check)"
        hint="Discs and tapes must not go through a magnetic desensitizer."
        options={magnetic}
        value={p.item.magnetic_media ?? AS_ITS_TYPE}
      />
      <SelectField
        name="securityMarker"
        label="Security marker (self-check)"
        options={marker}
        value={p.item.security_marker ?? AS_ITS_TYPE}
      />
    </>
  )
}

/** A posted choice: absent leaves the copy as it is; "as its type" clears its own value. */
export function stripChoice(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined
  return value === AS_ITS_TYPE ? null : value
}
