import type { Config } from '../config/config.js'
import type { NewPatron } from '../patrons/patron.schemas.js'
import { pinProblem } from '../patrons/pin-policy.js'
import {
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  SECOND_LINES,
  STREETS,
  TOWN,
} from './demo-names.js'
import type { DemoRandom } from './random.js'

/** Relative weights of the default categories; a library's own categories count as 1. */
const CATEGORY_WEIGHTS: Record<string, number> = { adult: 60, child: 18, senior: 18, staff: 3 }
const AGES: Record<string, readonly [number, number]> = {
  child: [5, 16],
  senior: [65, 92],
  staff: [22, 64],
}

export interface DemoCodes {
  categories: readonly string[]
  branches: readonly string[]
}

/** Registrations (each with a card and a PIN) for made-up residents of a made-up town. */
export function demoRegistrations(
  config: Config,
  codes: DemoCodes,
  today: Date,
  count: number,
  rng: DemoRandom,
): NewPatron[] {
  const categories = codes.categories.map((c) => [c, CATEGORY_WEIGHTS[c] ?? 1] as const)
  const branches = codes.branches.map((b, i) => [b, i === 0 ? 3 : 1] as const)
  const fields = config.patrons.fields
  const out: NewPatron[] = []
  for (let i = 0; i < count; i++) {
    const givenName = rng.pick(GIVEN_NAMES)
    const familyName = rng.pick(FAMILY_NAMES)
    const category = rng.weighted(categories)
    const [minAge, maxAge] = AGES[category] ?? [18, 80]
    const birthDate =
      fields.birthDate && rng.chance(0.85)
        ? dateYearsAgo(today, rng.int(minAge, maxAge), rng)
        : undefined
    const phone = fields.phone && rng.chance(0.7) ? `(217) 555-01${rng.digits(2)}` : undefined
    const email = rng.chance(category === 'child' ? 0.2 : 0.65)
      ? emailFor(givenName, familyName, rng)
      : undefined
    const expired = rng.chance(0.05)
    out.push({
      givenName,
      familyName,
      address: {
        line1: `${rng.int(1, 2400)} ${rng.pick(STREETS)}`,
        ...(rng.chance(0.15) && { line2: rng.pick(SECOND_LINES) }),
        city: TOWN.city,
        region: TOWN.region,
        postcode: rng.pick(TOWN.postcodes),
      },
      ...(phone !== undefined && { phone }),
      ...(email !== undefined && { email }),
      ...(fields.licenceNumber &&
        category !== 'child' &&
        rng.chance(0.25) && {
          licenceNumber: `${initial(familyName)}${rng.digits(3)}-${rng.digits(4)}-${rng.digits(4)}`,
        }),
      ...(fields.sex &&
        rng.chance(0.5) && {
          sex: rng.weighted([
            ['F', 10],
            ['M', 10],
            ['X', 1],
          ] as const),
        }),
      ...(birthDate !== undefined && { birthDate }),
      category,
      homeBranch: rng.weighted(branches),
      ...(expired && { expiresOn: dateYearsAgo(today, 0, rng) }),
      // Mostly off, as they are unless a patron asks.
      notify: {
        notices: rng.chance(0.35),
        newsletter: rng.chance(0.12),
        policyChanges: rng.chance(0.1),
      },
      card: { pin: demoPin(config, rng, birthDate, phone) },
    })
  }
  return out
}

function demoPin(
  config: Config,
  rng: DemoRandom,
  birthDate: string | undefined,
  phone: string | undefined,
): string {
  for (;;) {
    const pin = rng.digits(config.cards.pinMinLength)
    if (pinProblem(config.cards, pin, { birthDate, phone }) === undefined) return pin
  }
}

/** A date `years` before today, on a random day earlier that year (or in the last months for 0). */
function dateYearsAgo(today: Date, years: number, rng: DemoRandom): string {
  const d = new Date(
    Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()),
  )
  d.setUTCDate(d.getUTCDate() - rng.int(1, 360))
  return d.toISOString().slice(0, 10)
}

const ascii = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('ø', 'o')
    .replaceAll('æ', 'ae')
    .replaceAll('ß', 'ss')
    .replaceAll('ł', 'l')
    .replace(/[^a-z0-9]/g, '')

const initial = (name: string): string => ascii(name).charAt(0).toUpperCase() || 'X'

function emailFor(given: string, family: string, rng: DemoRandom): string {
  const g = ascii(given)
  const f = ascii(family)
  const local = rng.pick([
    `${g}.${f}`,
    `${g.charAt(0)}${f}`,
    `${f}${rng.digits(2)}`,
    `${g}${f.charAt(0)}`,
  ])
  return `${local}@${rng.pick(EMAIL_DOMAINS)}`
}
