import type { Actor } from '../actor.js'
import { SYSTEM_ACTOR } from '../actor.js'
import type { AppContext } from '../context.js'
import { getLibraryStructure } from '../library/library.service.js'
import { replaceCard, setCardStatus } from '../patrons/card.service.js'
import { addLedgerEntry } from '../patrons/ledger.service.js'
import { addNote } from '../patrons/notes.service.js'
import type { NewPatron } from '../patrons/patron.schemas.js'
import { registerPatron } from '../patrons/patron.service.js'
import { seedDemoPolicy } from './demo-policy.js'
import type { PatronView } from '../patrons/patron-views.js'
import { createStaff } from '../staff/staff.service.js'
import type { StaffRole } from '../staff/staff.tables.js'
import { CREDIT_REASONS, DEBITS, NOTES } from './demo-names.js'
import { demoRegistrations } from './demo-patrons.js'
import { DemoRandom } from './random.js'
import { seedCirculation, type CirculationSeed } from './seed-circulation.js'
import { barcodeProblem } from '../patrons/barcode.js'
import { createSipAccount } from '../selfcheck/sip-account.service.js'
import { seedDemoComputers } from './demo-computers.js'

export interface DemoStaff {
  username: string
  displayName: string
  password: string
  role: StaffRole
}

/** Published on purpose: these accounts exist only in a demo library and must never guard real data. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    username: 'demo-admin',
    displayName: 'Ada Admin (demo)',
    password: 'demo-only-admin',
    role: 'admin',
  },
  {
    username: 'demo-privacy',
    displayName: 'Pat Privacy (demo)',
    password: 'demo-only-privacy',
    role: 'privacy_officer',
  },
  {
    username: 'demo-librarian',
    displayName: 'Lee Librarian (demo)',
    password: 'demo-only-librarian',
    role: 'librarian',
  },
  {
    username: 'demo-desk',
    displayName: 'Cam Circulation (demo)',
    password: 'demo-only-desk',
    role: 'circulation',
  },
]

export const DEMO_PATRON_COUNT = 250

export interface DemoSeedResult {
  staff: { username: string; password: string; role: StaffRole }[]
  patrons: number
  circulation: CirculationSeed
  /** Public computers added, each with a published credential (see demo-computers.ts). */
  computers: number
  /** A patron whose card and PIN are published, to try the patron pages. */
  demoPatron: { barcode: string; pin: string }
}

/** A self-check login for trying SIP2 against the demo library; as published as the rest. */
export const DEMO_SIP_ACCOUNT = {
  login: 'demo-selfcheck',
  password: 'demo-only-selfcheck',
  institutionId: 'DEMO',
}

/** Published on purpose, like the staff passwords: it opens only a demo patron's account. */
export const DEMO_PATRON_PIN = '2580'
/** Fits the default card format (prefix 2, 14 digits, Luhn); a library with another format gets a generated number. */
export const DEMO_PATRON_BARCODE = '20000000000014'

// Hashing the PINs is most of the work; a few registrations at once overlap it with the
// database writes (measured about a fifth faster than one at a time).
const CONCURRENCY = 4

/**
 * Fills an empty records database with a believable small library, entirely through the
 * services, so every value is encrypted and every write audited as in real use.
 */
export async function seedDemo(
  ctx: AppContext,
  patronCount = DEMO_PATRON_COUNT,
): Promise<DemoSeedResult> {
  const rng = new DemoRandom(20260115)
  const actors = new Map<StaffRole, Actor>()
  for (const s of DEMO_STAFF) {
    const view = await createStaff(ctx, SYSTEM_ACTOR, s)
    actors.set(s.role, { type: 'staff', id: view.id, role: s.role })
  }
  const librarian = actors.get('librarian') ?? SYSTEM_ACTOR
  const desk = actors.get('circulation') ?? SYSTEM_ACTOR
  // Published first, so every demo registration records the version it was shown.
  await seedDemoPolicy(ctx, actors.get('privacy_officer') ?? actors.get('admin') ?? SYSTEM_ACTOR)

  // Registration checks codes against the library's structure (seeded from the configuration).
  const structure = await getLibraryStructure(ctx.db)
  const codes = {
    categories: structure.patronCategories.map((c) => c.code),
    branches: structure.branches.map((b) => b.code),
  }
  const registrations = demoRegistrations(ctx.config, codes, ctx.clock.now(), patronCount, rng)
  const patrons = await inBatches(registrations, CONCURRENCY, (input: NewPatron, i) =>
    registerPatron(ctx, i % 3 === 0 ? desk : librarian, input),
  )

  for (const [i, patron] of patrons.entries()) {
    if (i % 19 === 4) await addNote(ctx, librarian, patron.id, { body: rng.pick(NOTES) })
    if (i % 13 === 7) await ledgerHistory(ctx, desk, patron, rng)
  }
  const lost = patrons.find((p) => p.cards.length > 0 && p.status === 'active')
  const barcode = lost?.cards[0]?.barcode
  if (lost !== undefined && barcode !== undefined) {
    await setCardStatus(ctx, desk, barcode, 'lost')
    await replaceCard(ctx, desk, barcode, {})
    await addNote(ctx, desk, lost.id, {
      body: 'Reported the card lost; a new card was issued and the old number stopped.',
    })
  }
  const demoPatron = await registerPatron(ctx, librarian, {
    givenName: 'Dana',
    familyName: 'Demo',
    address: { line1: '1 Library Plaza', city: 'Thornton', region: 'IL', postcode: '60476' },
    email: 'dana.demo@example.org',
    category: codes.categories.includes('adult') ? 'adult' : (codes.categories[0] ?? 'adult'),
    homeBranch: codes.branches[0] ?? 'main',
    card: {
      pin: DEMO_PATRON_PIN,
      ...(barcodeProblem(ctx.config.cards, DEMO_PATRON_BARCODE) === undefined && {
        barcode: DEMO_PATRON_BARCODE,
      }),
    },
  })
  const borrowers = [demoPatron, ...patrons]
    .filter((p) => p.status === 'active' && p.cards.some((c) => c.status === 'active'))
    .map((p) => ({ id: p.id, barcode: p.cards.find((c) => c.status === 'active')?.barcode ?? '' }))
  const circulation = await seedCirculation(ctx, desk, borrowers, rng)
  await createSipAccount(ctx, SYSTEM_ACTOR, {
    ...DEMO_SIP_ACCOUNT,
    location: codes.branches[0] ?? 'main',
  })
  const computers = await seedDemoComputers(ctx, actors.get('admin') ?? SYSTEM_ACTOR)
  return {
    staff: DEMO_STAFF.map(({ username, password, role }) => ({ username, password, role })),
    patrons: patrons.length + 1,
    circulation,
    computers,
    demoPatron: { barcode: demoPatron.cards[0]?.barcode ?? '', pin: DEMO_PATRON_PIN },
  }
}

async function ledgerHistory(
  ctx: AppContext,
  actor: Actor,
  patron: PatronView,
  rng: DemoRandom,
): Promise<void> {
  const [reason, amountCents] = rng.pick(DEBITS)
  await addLedgerEntry(ctx, actor, patron.id, { kind: 'debit', amountCents, reason })
  if (rng.chance(0.6)) {
    const paid = rng.chance(0.7) ? amountCents : Math.ceil(amountCents / 2)
    await addLedgerEntry(ctx, actor, patron.id, {
      kind: 'credit',
      amountCents: paid,
      reason: rng.pick(CREDIT_REASONS),
    })
  }
}

/** Maps items with at most `limit` calls in flight, keeping the input order in the result. */
async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The published demo patron card, if this database has it. */
export async function demoPatronCard(
  ctx: AppContext,
): Promise<{ barcode: string; pin: string } | undefined> {
  const card = await ctx.db
    .selectFrom('cards')
    .select('id')
    .where('barcode', '=', DEMO_PATRON_BARCODE)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return card === undefined ? undefined : { barcode: DEMO_PATRON_BARCODE, pin: DEMO_PATRON_PIN }
}
