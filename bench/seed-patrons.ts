// Seeds patrons fast, writing exactly the rows registerPatron would (data key, sealed fields,
// blind indexes, card, hash-chained audit entries) in large batched transactions, then checks
// once that the service can find and decrypt what was written.
import type { Actor } from '../src/actor.js'
import { DAY, isoDate } from '../src/clock.js'
import type { AppContext } from '../src/context.js'
import type { Engine } from '../src/db/dialect.js'
import { newId } from '../src/ids.js'
import { generateBarcode } from '../src/patrons/barcode.js'
import { lookupDigests, normaliseSurname } from '../src/patrons/normalise.js'
import { sealPersonal } from '../src/patrons/patron-record.js'
import type { CardRow, PatronRow } from '../src/patrons/patron.repository.js'
import type { NewPatron } from '../src/patrons/patron.schemas.js'
import { findPatrons } from '../src/patrons/patron.service.js'
import { entryHash, GENESIS_HASH, verifyAuditChain, type AuditEvent } from '../src/privacy/audit.js'
import { newDataKey, seal } from '../src/privacy/crypto.js'
import { PatronCipher } from '../src/privacy/field-cipher.js'
import type { AuditLogTable } from '../src/privacy/privacy.tables.js'
import { personInput, rng } from './people.js'
import { insert, sql, type Plan, type RawStores, type Row } from './raw.js'

/** Everything one registration (with a card, no PIN) writes. */
export interface PatronBundle {
  key: { patron_id: string; wrapped_key: string; created_at: string }
  patron: PatronRow
  lookups: Row[]
  card: CardRow
}

type SealContext = Pick<AppContext, 'keyring' | 'config'>

/** The associated data field-cipher.ts wraps a data key under (checked by checkSeed). */
export const wrapAad = (patronId: string) => `patron-key/${patronId}`

/** Seals one registration the way registerPatron does (field-cipher.ts's key wrapping included). */
export function sealPatron(ctx: SealContext, input: NewPatron, now: Date): PatronBundle {
  const id = newId()
  const at = now.toISOString()
  const dataKey = newDataKey()
  const cipher = new PatronCipher(id, dataKey)
  const days = ctx.config.patrons.cardValidityDays
  return {
    key: {
      patron_id: id,
      wrapped_key: seal(ctx.keyring.wrapKey, dataKey, wrapAad(id)),
      created_at: at,
    },
    patron: {
      id,
      status: 'active',
      category: input.category,
      home_branch: input.homeBranch,
      expires_on: isoDate(new Date(now.getTime() + days * DAY)),
      given_name_enc: null,
      family_name_enc: null,
      address_enc: null,
      phone_enc: null,
      email_enc: null,
      licence_number_enc: null,
      sex_enc: null,
      birth_date_enc: null,
      ...sealPersonal(cipher, {
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        address: input.address,
        phone: input.phone ?? null,
        email: input.email ?? null,
        licenceNumber: input.licenceNumber ?? null,
        sex: input.sex ?? null,
        birthDate: input.birthDate ?? null,
      }),
      notify_notices: 0,
      notify_newsletter: 0,
      notify_policy_changes: 0,
      keep_history: 0,
      created_at: at,
      updated_at: at,
      erased_at: null,
      erasure_warned_at: null,
      notice_titles: 0,
      policy_version: null,
      notices_declined: null,
      card_expiry_noticed: null,
      erasure_warning_delivered: 0,
      session_version: 0,
      language: null,
    },
    lookups: lookupDigests(ctx.keyring.indexKey, input).map((d) => ({ patron_id: id, ...d })),
    card: {
      id: newId(),
      patron_id: id,
      barcode: generateBarcode(ctx.config.cards),
      pin_hash: null,
      status: 'active',
      issued_at: at,
      status_changed_at: at,
      replaced_by: null,
    },
  }
}

export const registrationEvents = (patronId: string, withCard: boolean): AuditEvent[] => [
  { action: 'patron.create', patronId },
  ...(withCard ? [{ action: 'card.issue' as const, patronId, detail: { withPin: false } }] : []),
]

export interface ChainHead {
  chain: number
  chainSeq: number
  hash: string
}

/** Audit rows continuing the chain from `head` (which is advanced), as appendAudit builds them. */
export function chainAudit(
  head: ChainHead,
  seqs: readonly number[],
  actor: Actor,
  at: string,
  events: readonly AuditEvent[],
  hashing = true,
): AuditLogTable[] {
  return events.map((ev, i) => {
    head.chainSeq += 1
    const row = {
      seq: seqs[i] as number,
      chain: head.chain,
      chain_seq: head.chainSeq,
      at,
      actor_type: actor.type,
      actor_id: actor.id,
      action: ev.action,
      patron_id: ev.patronId ?? null,
      detail: JSON.stringify(ev.detail ?? {}),
      prev_hash: head.hash,
    }
    head.hash = hashing ? entryHash(row) : head.hash
    return { ...row, hash: head.hash }
  })
}

/** Takes a free audit chain's lock and reads that chain's newest entry, as appendAudit does. */
export function* chainHead(): Plan<ChainHead> {
  const [lock] = yield { op: 'auditLock' }
  const chain = Number(lock?.chain ?? 0)
  let [last] = yield sql(
    'records',
    'SELECT chain_seq, hash FROM audit_chains WHERE chain = ?',
    chain,
  )
  if (last === undefined)
    [last] = yield sql(
      'records',
      'SELECT chain_seq, hash FROM audit_log WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1',
      chain,
    )
  return {
    chain,
    chainSeq: Number(last?.chain_seq ?? 0),
    hash: (last?.hash as string | undefined) ?? GENESIS_HASH,
  }
}

/** `count` new audit seq numbers. */
export function* auditSeqs(count: number): Plan<number[]> {
  const rows = yield { op: 'auditSeq', count }
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b)
}

/** Records the chain's new newest entry. */
export function* saveHead(head: ChainHead): Plan<void> {
  yield sql(
    'records',
    'INSERT INTO audit_chains (chain, chain_seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash',
    head.chain,
    head.chainSeq,
    head.hash,
  )
}

function* writeBatch(bundles: PatronBundle[], audit: AuditLogTable[]): Plan<void> {
  yield insert(
    'keys',
    'patron_keys',
    bundles.map((b) => b.key),
  )
  yield insert(
    'records',
    'patrons',
    bundles.map((b) => b.patron),
  )
  yield insert(
    'records',
    'patron_lookup',
    bundles.flatMap((b) => b.lookups),
  )
  yield insert(
    'records',
    'cards',
    bundles.map((b) => b.card),
  )
  yield insert('records', 'audit_log', audit)
}

/** What the workloads need to know about the seeded patrons. */
export interface Seeded {
  count: number
  barcodes: string[]
  surnames: string[]
  /** Patrons per normalised surname. */
  surnameCounts: Map<string, number>
  seconds: number
}

/** A store pair to seed; every target must share one master key, as the rows are sealed once. */
export interface SeedTarget {
  ctx: AppContext
  raw: RawStores
}

const BATCH = 2000

/**
 * Seeds every target with the same patrons, registered by `actor`. Each batch is sealed once;
 * PostgreSQL's server writes it while SQLite (synchronous) writes it here and the next is sealed.
 */
export async function seedPatrons(
  targets: readonly SeedTarget[],
  actor: Actor,
  count: number,
): Promise<Seeded> {
  const started = performance.now()
  const sealer = targets[0]?.ctx
  if (sealer === undefined) throw new Error('seedPatrons: no target')
  const random = rng(20_260_115)
  const seen = new Set<string>()
  const out: Seeded = { count, barcodes: [], surnames: [], surnameCounts: new Map(), seconds: 0 }
  // One transaction per store: the random inserts into the blind-index key dirty pages all
  // over it, and committing per batch would write them again and again.
  const heads = await Promise.all(
    targets.map(async (t) => {
      await t.raw.run(statements([...SEED_SETTINGS[t.ctx.engine].during, 'BEGIN']))
      return t.raw.run(chainHead())
    }),
  )
  const writing: Promise<void>[] = targets.map(() => Promise.resolve())
  // PostgreSQL's batch is sent first, so its server works while SQLite's runs here.
  const order = [...targets.keys()].sort(
    (a, b) =>
      Number(targets[a]?.ctx.engine === 'sqlite') - Number(targets[b]?.ctx.engine === 'sqlite'),
  )
  for (let done = 0; done < count; done += BATCH) {
    const now = new Date()
    const bundles: PatronBundle[] = []
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const input = personInput(random, i)
      const bundle = sealPatron(sealer, input, now)
      while (seen.has(bundle.card.barcode))
        bundle.card.barcode = generateBarcode(sealer.config.cards)
      seen.add(bundle.card.barcode)
      bundles.push(bundle)
      out.barcodes.push(bundle.card.barcode)
      out.surnames.push(input.familyName)
      const key = normaliseSurname(input.familyName)
      out.surnameCounts.set(key, (out.surnameCounts.get(key) ?? 0) + 1)
    }
    const events = bundles.flatMap((b) => registrationEvents(b.patron.id, true))
    for (const i of order) {
      const t = targets[i] as SeedTarget
      await writing[i]
      const seqs = await t.raw.run(auditSeqs(events.length))
      const audit = chainAudit(
        heads[i] ?? { chain: 0, chainSeq: 0, hash: GENESIS_HASH },
        seqs,
        actor,
        now.toISOString(),
        events,
      )
      writing[i] = Promise.resolve(t.raw.run(writeBatch(bundles, audit)))
    }
  }
  await Promise.all(writing)
  await Promise.all(
    targets.map(async (t, i) => {
      const head = heads[i]
      if (head !== undefined) await t.raw.run(saveHead(head))
      await t.raw.run(statements(['COMMIT', ...SEED_SETTINGS[t.ctx.engine].after]))
    }),
  )
  out.seconds = (performance.now() - started) / 1000
  return out
}

/**
 * SQLite: a big page cache while loading (then back to better-sqlite3's default, so the timed
 * raw path runs with Carrel's settings), fresh planner statistics and a checkpointed WAL.
 * PostgreSQL: statistics and a vacuumed visibility map, as autovacuum would leave them.
 */
const SEED_SETTINGS: Record<Engine, { during: string[]; after: string[] }> = {
  sqlite: {
    during: ['PRAGMA cache_size = -262144'],
    after: ['PRAGMA cache_size = -16000', 'ANALYZE', 'PRAGMA wal_checkpoint(TRUNCATE)'],
  },
  postgres: { during: [], after: ['VACUUM ANALYZE'] },
}

function* statements(texts: readonly string[]): Plan<void> {
  for (const text of texts) for (const store of ['records', 'keys'] as const) yield sql(store, text)
}

/** The one assertion: the service finds, decrypts and audits what the seed wrote. */
export async function checkSeed(ctx: AppContext, actor: Actor, seeded: Seeded): Promise<void> {
  const fail = (what: string) => {
    throw new Error(`Seed check failed: ${what}`)
  }
  const i = Math.floor(seeded.count / 2)
  const barcode = seeded.barcodes[i] ?? ''
  const familyName = seeded.surnames[i] ?? ''
  const byCard = await findPatrons(ctx, actor, { barcode })
  if (byCard.length !== 1 || byCard[0]?.familyName !== familyName || byCard[0].barcode !== barcode)
    fail(`barcode ${barcode} did not find ${familyName}`)
  const wanted = normaliseSurname(familyName)
  // Carrel shows (and audits) at most fifty hits per search.
  const expected = Math.min(50, seeded.surnameCounts.get(wanted) ?? 0)
  const bySurname = await findPatrons(ctx, actor, { surname: familyName })
  if (bySurname.length !== expected)
    fail(`surname ${familyName}: ${bySurname.length} hits, expected ${expected}`)
  if (bySurname.some((p) => normaliseSurname(p.familyName ?? '') !== wanted))
    fail(`surname ${familyName}: a wrong name came back`)
  const prefix = wanted.slice(0, 3)
  const byPrefix = await findPatrons(ctx, actor, { surnamePrefix: prefix })
  if (
    byPrefix.length === 0 ||
    byPrefix.some((p) => !normaliseSurname(p.familyName ?? '').startsWith(prefix))
  )
    fail(`surname prefix ${prefix}`)
  const chain = await verifyAuditChain(ctx.db)
  if (!chain.ok) fail(`audit chain: ${chain.message}`)
}
