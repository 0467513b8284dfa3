// Patron workloads: each through Carrel's service and as the raw limit (the same statements
// straight through the driver, with the crypto the job needs), plus the statements alone.
import { SYSTEM_ACTOR, type Actor } from '../src/actor.js'
import type { AppContext } from '../src/context.js'
import { generateBarcode } from '../src/patrons/barcode.js'
import { normaliseSurname, PREFIX_MAX } from '../src/patrons/normalise.js'
import { findPatrons, registerPatron } from '../src/patrons/patron.service.js'
import type { AuditEvent } from '../src/privacy/audit.js'
import { blindIndex, unseal } from '../src/privacy/crypto.js'
import { PatronCipher } from '../src/privacy/field-cipher.js'
import { newId } from '../src/ids.js'
import type { Case } from './harness.js'
import { personInput, rng } from './people.js'
import { insert, sql, type Plan, type RawStores, type Row, type Step } from './raw.js'
import {
  auditSeqs,
  chainAudit,
  chainHead,
  saveHead,
  registrationEvents,
  sealPatron,
  wrapAad,
  type PatronBundle,
  type Seeded,
} from './seed-patrons.js'

export interface PatronBench {
  ctx: AppContext
  raw: RawStores
  /** A circulation-desk staff member: the usual searcher. */
  desk: Actor
  seeded: Seeded
}

/** What a search returns, minus what only Carrel's views add. */
interface Hit {
  id: string
  givenName: string | null
  familyName: string | null
  barcode: string | null
}

// findPatrons reads up to SEARCH_LIMIT * 4 ids, sorts them by name and shows (and audits) the first 50.
const SEARCH_CAP = 200
const SHOWN = 50
const collator = new Intl.Collator('en', { sensitivity: 'base' })

function* appendAudit(actor: Actor, events: readonly AuditEvent[], hashing: boolean): Plan<void> {
  if (events.length === 0) return
  const head = yield* chainHead()
  const seqs = yield* auditSeqs(events.length)
  yield insert(
    'records',
    'audit_log',
    chainAudit(head, seqs, actor, new Date().toISOString(), events, hashing),
  )
  yield* saveHead(head)
}

function* rawRegister(
  b: PatronBundle,
  actor: Actor,
  withCard: boolean,
  hashing: boolean,
): Plan<string> {
  yield insert('keys', 'patron_keys', [b.key])
  if (withCard) yield sql('records', 'SELECT 1 FROM cards WHERE barcode = ?', b.card.barcode)
  yield sql('records', 'BEGIN')
  yield insert('records', 'patrons', [b.patron])
  yield insert('records', 'patron_lookup', b.lookups)
  if (withCard) yield insert('records', 'cards', [b.card])
  yield* appendAudit(actor, registrationEvents(b.patron.id, withCard), hashing)
  yield sql('records', 'COMMIT')
  return b.patron.id
}

/** The same rows with fresh ids and barcode, reusing ciphertexts and digests: no crypto at all. */
function reissue(t: PatronBundle, cards: AppContext['config']['cards']): PatronBundle {
  const id = newId()
  const at = new Date().toISOString()
  return {
    key: { ...t.key, patron_id: id, created_at: at },
    patron: { ...t.patron, id, created_at: at, updated_at: at },
    lookups: t.lookups.map((l) => ({ ...l, patron_id: id })),
    card: { ...t.card, id: newId(), patron_id: id, barcode: generateBarcode(cards) },
  }
}

/**
 * The search after its first statement (which found the ids): rows, keys, names, cards, audit.
 * With `crypto` off it runs the same statements but decrypts, sorts and hashes nothing.
 */
function* rawFind(
  ctx: AppContext,
  actor: Actor,
  match: Step,
  by: string,
  crypto: boolean,
): Plan<Hit[]> {
  const ids = (yield match).map((r) => r.patron_id as string)
  if (ids.length === 0) return []
  const rows = yield sql(
    'records',
    'SELECT id, given_name_enc, family_name_enc FROM patrons WHERE id IN (?*)',
    ids,
  )
  const keys = yield sql(
    'keys',
    'SELECT patron_id, wrapped_key FROM patron_keys WHERE patron_id IN (?*)',
    ids,
  )
  const hits = rows.map((r: Row): Hit => ({
    id: r.id as string,
    givenName: null,
    familyName: null,
    barcode: null,
  }))
  if (crypto) {
    const wrapped = new Map(keys.map((k) => [k.patron_id as string, k.wrapped_key as string]))
    rows.forEach((r, i) => {
      const hit = hits[i] as Hit
      const cipher = new PatronCipher(
        hit.id,
        unseal(ctx.keyring.wrapKey, wrapped.get(hit.id) ?? '', wrapAad(hit.id)),
      )
      hit.givenName = cipher.decrypt('given_name_enc', r.given_name_enc as string | null)
      hit.familyName = cipher.decrypt('family_name_enc', r.family_name_enc as string | null)
    })
    hits.sort(
      (a, b) =>
        collator.compare(a.familyName ?? '', b.familyName ?? '') ||
        collator.compare(a.givenName ?? '', b.givenName ?? ''),
    )
  }
  hits.splice(SHOWN)
  const cards = yield sql(
    'records',
    "SELECT patron_id, barcode FROM cards WHERE patron_id IN (?*) AND status = 'active'",
    hits.map((h) => h.id),
  )
  const barcodes = new Map(cards.map((c) => [c.patron_id as string, c.barcode as string]))
  for (const hit of hits) hit.barcode = barcodes.get(hit.id) ?? null
  yield sql('records', 'BEGIN')
  yield* appendAudit(
    actor,
    hits.map((h) => ({ action: 'patron.search_hit', patronId: h.id, detail: { by } })),
    crypto,
  )
  yield sql('records', 'COMMIT')
  return hits
}

/** A rotating list of inputs. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0
  return () => items[i++ % items.length] as T
}

function registrationCase(b: PatronBench, withCard: boolean): Case {
  const random = rng(withCard ? 31 : 37)
  const inputs = Array.from({ length: 2000 }, (_, i) => personInput(random, 1_000_000 + i))
  const [a, r] = [cycle(inputs), cycle(inputs)]
  const template = sealPatron(b.ctx, personInput(random, 0), new Date())
  const card = withCard ? { card: {} } : {}
  return {
    name: withCard ? 'register + card (no PIN)' : 'register (no card)',
    contenders: {
      carrel: () => registerPatron(b.ctx, SYSTEM_ACTOR, { ...a(), ...card }),
      raw: () =>
        b.raw.run(rawRegister(sealPatron(b.ctx, r(), new Date()), SYSTEM_ACTOR, withCard, true)),
      sql: () =>
        b.raw.run(
          rawRegister(reissue(template, b.ctx.config.cards), SYSTEM_ACTOR, withCard, false),
        ),
    },
  }
}

interface Lookup<Q> {
  name: string
  queries: readonly Q[]
  carrel: (q: Q) => Promise<Hit[]>
  /** The statement that finds the ids; `crypto` off means a precomputed digest. */
  match: (q: Q, crypto: boolean) => Step
  by: string
}

function lookupCase<Q>(b: PatronBench, l: Lookup<Q>): Case {
  const raw = (q: Q, crypto: boolean) =>
    b.raw.run(rawFind(b.ctx, b.desk, l.match(q, crypto), l.by, crypto))
  const [a, r, s] = [cycle(l.queries), cycle(l.queries), cycle(l.queries)]
  return {
    name: l.name,
    contenders: {
      carrel: () => l.carrel(a()),
      raw: () => raw(r(), true),
      sql: () => raw(s(), false),
    },
    // Before timing: both sides must return the same patrons in the same order.
    check: async () => {
      let hits = 0
      let mismatches = 0
      const sample = l.queries.slice(0, 100)
      for (const q of sample) {
        const mine = await l.carrel(q)
        const theirs = await raw(q, true)
        hits += mine.length
        const same = mine.every((x, i) => {
          const y = theirs[i]
          return (
            x.familyName === y?.familyName && x.givenName === y.givenName && x.barcode === y.barcode
          )
        })
        const ids = new Set([...mine, ...theirs].map((x) => x.id))
        if (mine.length !== theirs.length || !same || ids.size !== mine.length) mismatches += 1
      }
      return { hitsPerQuery: hits / sample.length, mismatches }
    },
  }
}

type NameKind = 'surname' | 'surname_prefix'

interface NameQuery {
  /** What the desk types. */
  value: string
  /** The digest of its normalised form, precomputed for the statements-only variant. */
  digest: string
}

/** The blind index a name search probes, made the way matchIds makes it. */
function nameDigest(b: PatronBench, kind: NameKind, value: string): string {
  const normalised = normaliseSurname(value)
  const probe = kind === 'surname' ? normalised : [...normalised].slice(0, PREFIX_MAX).join('')
  return blindIndex(b.ctx.keyring.indexKey, kind, probe)
}

/** Names a patron at the desk would give: drawn per patron, so common surnames come up often. */
function nameQueries(b: PatronBench, kind: NameKind): NameQuery[] {
  const random = rng(kind === 'surname' ? 7 : 11)
  return Array.from({ length: SAMPLE }, () => {
    const name = b.seeded.surnames[Math.floor(random() * b.seeded.count)] ?? 'Smith'
    const value = kind === 'surname' ? name : normaliseSurname(name).slice(0, 3)
    return { value, digest: nameDigest(b, kind, value) }
  })
}

function nameLookup(b: PatronBench, kind: NameKind): Case {
  const by = kind === 'surname' ? 'surname' : 'surnamePrefix'
  const digest = (q: NameQuery, crypto: boolean) =>
    crypto ? nameDigest(b, kind, q.value) : q.digest
  return lookupCase<NameQuery>(b, {
    name: kind === 'surname' ? 'lookup by surname' : 'lookup by surname prefix (3 letters)',
    queries: nameQueries(b, kind),
    carrel: (q) => findPatrons(b.ctx, b.desk, { [by]: q.value }),
    match: (q, crypto) =>
      sql(
        'records',
        'SELECT patron_id FROM patron_lookup WHERE kind = ? AND digest = ? LIMIT ?',
        kind,
        digest(q, crypto),
        SEARCH_CAP,
      ),
    by,
  })
}

const SAMPLE = 1000

export function patronCases(b: PatronBench): Case[] {
  const random = rng(5)
  const barcodes = Array.from(
    { length: SAMPLE },
    () => b.seeded.barcodes[Math.floor(random() * b.seeded.count)] ?? '',
  )
  return [
    lookupCase<string>(b, {
      name: 'lookup by barcode',
      queries: barcodes,
      carrel: (barcode) => findPatrons(b.ctx, b.desk, { barcode }),
      match: (barcode) => sql('records', 'SELECT patron_id FROM cards WHERE barcode = ?', barcode),
      by: 'barcode',
    }),
    nameLookup(b, 'surname'),
    nameLookup(b, 'surname_prefix'),
    registrationCase(b, false),
    registrationCase(b, true),
  ]
}
