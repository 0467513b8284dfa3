import type { DemoRandom } from './random.js'

const ADJECTIVES = [
  'Quiet',
  'Hidden',
  'Lantern',
  'Northern',
  'Silver',
  'Winter',
  'Borrowed',
  'Paper',
  'Restless',
  'Salt',
  'Distant',
  'Golden',
  'Patient',
  'Small',
  'Wild',
  'Amber',
  'Iron',
  'Gentle',
  'Last',
  'Open',
]
const NOUNS = [
  'Prairie',
  'Orchard',
  'Harbor',
  'Cartographer',
  'Garden',
  'River',
  'Archive',
  'Lighthouse',
  'Kitchen',
  'Migration',
  'Almanac',
  'Bridge',
  'Meadow',
  'Observatory',
  'Letters',
  'Season',
  'Workshop',
  'Tides',
  'Railway',
  'Quilt',
]
const SUBJECTS = [
  'Birds of the Midwest',
  'Everyday Bread',
  'Chicago Architecture',
  'Home Repair',
  'The Great Lakes',
  'Beginning Spanish',
  'Small Business Taxes',
  'Knitting',
  'Illinois History',
  'Gardening in Clay Soil',
  'Personal Finance',
  'Stargazing',
]
const FIRST = [
  'Ada',
  'Tomas',
  'Imani',
  'Grace',
  'Rafael',
  'Mei',
  'Jonah',
  'Priya',
  'Oskar',
  'Lucia',
  'Dev',
  'Hannah',
  'Kwame',
  'Sofia',
  'Eli',
  'Noor',
]
const LAST = [
  'Mercer',
  'Okonkwo',
  'Lindqvist',
  'Alvarez',
  'Chen',
  'Baptiste',
  'Kowalski',
  'Haddad',
  'Nakamura',
  'Ferreira',
  'Dubois',
  'Novak',
  'Oyelaran',
  'Brennan',
  'Sato',
  'Ivanova',
]

export interface DemoTitle {
  title: string
  author: string
  year: number
  materialType: 'book' | 'video' | 'audiobook'
  copies: { branch: string; itemType: string; callNumber: string; priceCents: number }[]
}

/** A made-up but plausible collection: novels, non-fiction, DVDs and audiobooks across the branches. */
export function demoCatalogue(
  rng: DemoRandom,
  count: number,
  branches: readonly string[],
): DemoTitle[] {
  const seen = new Set<string>()
  const out: DemoTitle[] = []
  while (out.length < count) {
    const kind = rng.weighted([
      ['fiction', 6],
      ['nonfiction', 3],
      ['video', 1],
      ['audio', 1],
    ] as const)
    const author = `${rng.pick(LAST)}, ${rng.pick(FIRST)}`
    const title =
      kind === 'nonfiction'
        ? `${rng.pick(SUBJECTS)}${rng.chance(0.5) ? `: A ${rng.pick(['Practical', 'Short', 'Complete', 'Friendly'])} Guide` : ''}`
        : `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}${rng.chance(0.3) ? ` of ${rng.pick(NOUNS)}s` : ''}`
    const key = `${title}/${author}`
    if (seen.has(key)) continue
    seen.add(key)
    const itemType = kind === 'video' ? 'dvd' : 'book'
    const call =
      kind === 'nonfiction'
        ? `${rng.int(100, 999)}.${rng.int(1, 99)} ${author.slice(0, 3).toUpperCase()}`
        : `FIC ${author.slice(0, 3).toUpperCase()}`
    out.push({
      title,
      author,
      year: rng.int(1995, 2026),
      materialType: kind === 'video' ? 'video' : kind === 'audio' ? 'audiobook' : 'book',
      copies: Array.from(
        {
          length: rng.weighted([
            [1, 5],
            [2, 3],
            [3, 1],
          ] as const),
        },
        () => ({
          branch: rng.pick(branches),
          itemType: rng.chance(0.03) ? 'reference' : itemType,
          callNumber: call,
          priceCents: kind === 'video' ? 2499 : rng.int(15, 40) * 100 - 1,
        }),
      ),
    })
  }
  return out
}

/** The same collection as catalogue-import CSV, so the demo goes through the real importer. */
export function catalogueCsv(titles: readonly DemoTitle[], barcodeStart: number): string {
  const rows = [
    'title,author,year,materialType,barcode,callNumber,branch,itemType,replacementPrice',
  ]
  let barcode = barcodeStart
  const q = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  for (const t of titles) {
    for (const c of t.copies) {
      barcode += 1
      rows.push(
        [
          q(t.title),
          q(t.author),
          t.year,
          t.materialType,
          `3${barcode}`,
          c.callNumber,
          c.branch,
          c.itemType,
          (c.priceCents / 100).toFixed(2),
        ].join(','),
      )
    }
  }
  return rows.join('\n')
}
