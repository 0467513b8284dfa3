import type { MarcField, MarcRecordLike } from '@natlibfi/marc-record-serializers'
import type { NewRecord } from './catalog.schemas.js'

export interface MappedItem {
  barcode: string
  callNumber?: string
  branch: string
  itemType: string
  replacementPriceCents: number
}

const sub = (field: MarcField | undefined, code: string): string | undefined =>
  field?.subfields?.find((s) => s.code === code)?.value?.trim() || undefined

/** ISBD punctuation that MARC leaves at the end of a subfield. */
const clean = (v: string | undefined) => v?.replace(/[\s/:;,.=]+$/, '').trim() || undefined

function materialType(leader: string): NewRecord['materialType'] {
  if (leader[7] === 's') return 'serial'
  switch (leader[6]) {
    case 'g':
      return 'video'
    case 'j':
      return 'music'
    case 'i':
      return 'audiobook'
    case 'e':
    case 'f':
      return 'map'
    case 'o':
      return 'kit'
    case 'm':
      return 'other'
    default:
      return 'book'
  }
}

/** Maps a MARC 21 bibliographic record (and Koha-style 952 holdings) to Carrel's fields. */
export function mapMarc(record: MarcRecordLike): {
  record: Partial<NewRecord> & { materialType: NewRecord['materialType'] }
  items: MappedItem[]
} {
  const f245 = record.get(/^245$/)[0]
  const title = [sub(f245, 'a'), sub(f245, 'b')].filter(Boolean).map(clean).join(' : ')
  const author = clean(
    sub(record.get(/^100$/)[0], 'a') ??
      sub(record.get(/^110$/)[0], 'a') ??
      sub(record.get(/^700$/)[0], 'a'),
  )
  const isbn = sub(record.get(/^020$/)[0], 'a')?.split(/[\s(]/)[0]
  const published = record.get(/^26[04]$/).find((f) => f.tag === '260' || f.ind2 === '1')
  const year = sub(published, 'c')?.match(/\d{4}/)?.[0]
  const items = record.get(/^952$/).map((f) => {
    const price = sub(f, 'v')
    return {
      barcode: sub(f, 'p') ?? '',
      callNumber: sub(f, 'o'),
      // Codes are taken as written: a library migrating from Koha keeps its CPL and BK.
      branch: sub(f, 'a') ?? '',
      itemType: sub(f, 'y') ?? 'book',
      replacementPriceCents:
        price !== undefined && /^\d+(\.\d{1,2})?$/.test(price)
          ? Math.round(Number(price) * 100)
          : 0,
    }
  })
  return {
    record: {
      ...(title !== '' && { title }),
      ...(author !== undefined && { author }),
      ...(isbn !== undefined && { isbn }),
      ...(year !== undefined && { year: Number(year) }),
      materialType: materialType(record.leader),
    },
    items,
  }
}
