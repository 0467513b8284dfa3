import { deleteLinkedSubscription } from '../comms/newsletter-store.js'
import { deletePatronInquiries } from '../comms/inquiry-erasure.js'
import type { Actor } from '../actor.js'
import { DAY, isoDate } from '../clock.js'
import type { AppContext } from '../context.js'
import { isUniqueViolation } from '../db/dialect.js'
import type { Transaction } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { conflict, notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit, type AuditEvent } from '../privacy/audit.js'
import {
  createPatronCipher,
  destroyPatronKey,
  loadPatronCipher,
  loadPatronCiphers,
  type PatronCipher,
} from '../privacy/field-cipher.js'
import { appendJournal } from '../privacy/erasure-journal.js'
import { setJournalMark } from '../privacy/journal-mark.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { prepareNewCard } from './card.service.js'
import {
  lookupDigests,
  normaliseEmail,
  normaliseLicence,
  normalisePhone,
  normaliseSurname,
  PREFIX_MAX,
} from './normalise.js'
import { checkRegistrationRules, refuseDisabledFields } from './patron-input.js'
import {
  openPatronRow,
  PERSONAL_COLUMNS,
  sealPersonal,
  type PersonalField,
} from './patron-record.js'
import { raisePatronSessionVersion } from './patron-sessions.js'
import { buildView, toCardView, type PatronView } from './patron-views.js'
import * as repo from './patron.repository.js'
import {
  NewPatronSchema,
  PatronChangesSchema,
  PatronQuerySchema,
  type NewPatron,
  type PatronChanges,
  type PatronQuery,
} from './patron.schemas.js'
import type { LookupKind } from './patron.tables.js'
import { blindIndex } from '../privacy/crypto.js'
import { NOTE_COLUMN } from './notes.service.js'
import { getLibraryStructure } from '../library/library.service.js'
import type { KnownCodes } from './patron-input.js'
import { columnEntry } from '../privacy/inventory.js'
import { versionInForce } from '../policy/policy-versions.js'
import { localDate } from '../library/calendar.js'
import { countActivity } from '../reports/activity-counts.js'

/** Registers a patron (and, when asked, issues the first card) with every personal field encrypted. */
export async function registerPatron(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<PatronView> {
  requirePermission(actor, 'patron.register')
  const input: NewPatron = check(NewPatronSchema, raw)
  refuseDisabledFields(ctx.config, input)
  const now = ctx.clock.now()
  const today = isoDate(now)
  checkRegistrationRules(await knownCodes(ctx), today, input)
  const id = newId()
  const at = now.toISOString()
  const card = input.card
    ? await prepareNewCard(ctx, id, input.card, { birthDate: input.birthDate, phone: input.phone })
    : undefined

  const cipher = await createPatronCipher(ctx.keys, ctx.keyring, id, at)
  const row: repo.PatronRow = {
    id,
    status: 'active',
    category: input.category,
    home_branch: input.homeBranch,
    expires_on:
      input.expiresOn ??
      isoDate(new Date(now.getTime() + ctx.config.patrons.cardValidityDays * DAY)),
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
    notify_notices: input.notify?.notices ? 1 : 0,
    notify_newsletter: input.notify?.newsletter ? 1 : 0,
    notify_policy_changes: input.notify?.policyChanges ? 1 : 0,
    keep_history: 0,
    created_at: at,
    updated_at: at,
    erased_at: null,
    erasure_warned_at: null,
    notice_titles: 0,
    notices_declined: null,
    card_expiry_noticed: null,
    erasure_warning_delivered: 0,
    session_version: 0,
    language: null,
    // The version in force today is the one the registration form showed (P12).
    policy_version:
      (await versionInForce(ctx.db, localDate(now, ctx.config.library.timezone)))?.number ?? null,
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertPatron(trx, row)
      await repo.replaceLookups(trx, id, lookupDigests(ctx.keyring.indexKey, input))
      const events: AuditEvent[] = [{ action: 'patron.create', patronId: id }]
      if (card) {
        await repo.insertCard(trx, card)
        events.push({
          action: 'card.issue',
          patronId: id,
          detail: { withPin: card.pin_hash !== null },
        })
      }
      await appendAudit(trx, ctx.engine, ctx.clock, actor, events)
      await countActivity(
        trx,
        {
          day: localDate(now, ctx.config.library.timezone),
          branch: input.homeBranch,
          patronCategory: input.category,
        },
        'registered',
      )
    })
  } catch (err) {
    await destroyPatronKey(ctx.keys, id)
    if (isUniqueViolation(err))
      throw conflict('BARCODE_TAKEN', 'That card number is already in use.')
    throw err
  }
  return buildView(ctx, actor, row)
}

/** Reads one patron record; the read is audited. */
export async function getPatron(ctx: AppContext, actor: Actor, id: string): Promise<PatronView> {
  requirePermission(actor, 'patron.read')
  const row = await repo.findPatron(ctx.db, id)
  if (row === undefined) throw notFound('PATRON_NOT_FOUND', 'No such patron.')
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [{ action: 'patron.read', patronId: id }])
  return buildView(ctx, actor, row)
}

export interface PatronSummary {
  id: string
  givenName: string | null
  familyName: string | null
  barcode: string | null
  status: string
  category: string
  expiresOn: string
}

const SEARCH_LIMIT = 50

/** Finds patrons by exactly one criterion; every hit is audited. */
export async function findPatrons(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<PatronSummary[]> {
  requirePermission(actor, 'patron.read')
  const query: PatronQuery = check(PatronQuerySchema, raw)
  const given = Object.entries(query).filter(([, v]) => v !== undefined)
  const [by, value] = given[0] ?? []
  if (given.length !== 1 || by === undefined || value === undefined)
    throw validation(
      'ONE_CRITERION',
      'Search by exactly one of: barcode, email, phone, licenceNumber, surname, surnamePrefix.',
    )
  const ids = await matchIds(ctx, by as keyof PatronQuery, value)
  const rows = await repo.findPatrons(ctx.db, ids)
  // A result list needs the names only: the other fields stay sealed.
  const ciphers = await loadPatronCiphers(
    ctx.keys,
    ctx.keyring,
    rows.map((r) => r.id),
  )
  let hits = rows.map((r) => {
    const c = ciphers.get(r.id)
    return {
      row: r,
      givenName: c?.decrypt('given_name_enc', r.given_name_enc) ?? null,
      familyName: c?.decrypt('family_name_enc', r.family_name_enc) ?? null,
    }
  })
  if (by === 'surnamePrefix' && [...normaliseSurname(value)].length > PREFIX_MAX) {
    const wanted = normaliseSurname(value)
    hits = hits.filter(
      (h) => h.familyName !== null && normaliseSurname(h.familyName).startsWith(wanted),
    )
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base' })
  hits.sort(
    (a, b) =>
      collator.compare(a.familyName ?? '', b.familyName ?? '') ||
      collator.compare(a.givenName ?? '', b.givenName ?? ''),
  )
  hits = hits.slice(0, SEARCH_LIMIT)
  const cards = new Map(
    (
      await repo.listCards(
        ctx.db,
        hits.map((h) => h.row.id),
      )
    )
      .filter((c) => c.status === 'active')
      .map((c) => [c.patron_id, c.barcode]),
  )
  await recordAudit(
    ctx.db,
    ctx.engine,
    ctx.clock,
    actor,
    hits.map((h) => ({ action: 'patron.search_hit', patronId: h.row.id, detail: { by } })),
  )
  const shown = (column: string) =>
    actor.type !== 'staff' ||
    actor.role === undefined ||
    columnEntry('patrons', column).access[actor.role] !== 'hidden'
  return hits.map((h) => ({
    id: h.row.id,
    givenName: shown('given_name_enc') ? h.givenName : null,
    familyName: shown('family_name_enc') ? h.familyName : null,
    barcode: cards.get(h.row.id) ?? null,
    status: h.row.status,
    category: h.row.category,
    expiresOn: h.row.expires_on,
  }))
}

async function matchIds(ctx: AppContext, by: keyof PatronQuery, value: string): Promise<string[]> {
  const digest = (kind: LookupKind, normalised: string) =>
    repo.findPatronIdsByDigest(
      ctx.db,
      kind,
      blindIndex(ctx.keyring.indexKey, kind, normalised),
      SEARCH_LIMIT * 4,
    )
  switch (by) {
    case 'barcode': {
      const card = await repo.findCardByBarcode(ctx.db, value.trim())
      return card ? [card.patron_id] : []
    }
    case 'email':
      return digest('email', normaliseEmail(value))
    case 'phone':
      return digest('phone', normalisePhone(value))
    case 'licenceNumber':
      return digest('licence', normaliseLicence(value))
    case 'surname':
      return digest('surname', normaliseSurname(value))
    case 'surnamePrefix': {
      const letters = [...normaliseSurname(value)]
      if (letters.length < 2)
        throw validation('PREFIX_TOO_SHORT', 'Give at least two letters of the surname.')
      return digest('surname_prefix', letters.slice(0, PREFIX_MAX).join(''))
    }
  }
}

/** Changes registration fields; lookups follow the new values. */
export async function updatePatron(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
  /** More writes that stand or fall with the update, in its transaction. */
  alongside?: (trx: Transaction<RecordsDb>) => Promise<void>,
): Promise<PatronView> {
  requirePermission(actor, 'patron.update')
  const changes: PatronChanges = check(PatronChangesSchema, raw)
  refuseDisabledFields(ctx.config, changes)
  checkRegistrationRules(await knownCodes(ctx), isoDate(ctx.clock.now()), changes)
  const { row, cipher } = await loadLive(ctx, id)
  const personal = Object.fromEntries(
    (Object.keys(PERSONAL_COLUMNS) as PersonalField[])
      .filter((f) => f in changes)
      .map((f) => [f, changes[f] ?? null]),
  )
  const now = ctx.clock.now().toISOString()
  const patch = {
    ...sealPersonal(cipher, personal),
    ...(changes.category !== undefined && { category: changes.category }),
    ...(changes.homeBranch !== undefined && { home_branch: changes.homeBranch }),
    ...(changes.expiresOn !== undefined && { expires_on: changes.expiresOn }),
    ...(changes.notify?.notices !== undefined && {
      notify_notices: changes.notify.notices ? 1 : 0,
    }),
    ...(changes.notify?.newsletter !== undefined && {
      notify_newsletter: changes.notify.newsletter ? 1 : 0,
    }),
    ...(changes.notify?.policyChanges !== undefined && {
      notify_policy_changes: changes.notify.policyChanges ? 1 : 0,
    }),
    updated_at: now,
    // Any change to the registration shows the patron is still here.
    erasure_warned_at: null,
  }
  const merged = openPatronRow({ ...row, ...patch }, cipher)
  const kinds: LookupKind[] = []
  if ('email' in changes) kinds.push('email')
  if ('phone' in changes) kinds.push('phone')
  if ('licenceNumber' in changes) kinds.push('licence')
  if ('familyName' in changes) kinds.push('surname', 'surname_prefix')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePatronRow(trx, id, patch)
    await repo.replaceLookups(trx, id, lookupDigests(ctx.keyring.indexKey, merged), kinds)
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'patron.update', patronId: id, detail: { fields: Object.keys(changes) } },
    ])
    if (alongside !== undefined) await alongside(trx)
  })
  return buildView(ctx, actor, { ...row, ...patch })
}

/** A clear 404 for an unknown patron (erased ones exist), instead of an empty answer. */
export async function patronExists(ctx: AppContext, id: string): Promise<void> {
  if ((await repo.findPatron(ctx.db, id)) === undefined)
    throw notFound('PATRON_NOT_FOUND', 'No such patron.')
}

/** A live (not erased) patron with its cipher, or a clear error. */
export async function loadLive(
  ctx: AppContext,
  id: string,
): Promise<{ row: repo.PatronRow; cipher: PatronCipher }> {
  const row = await repo.findPatron(ctx.db, id)
  if (row === undefined) throw notFound('PATRON_NOT_FOUND', 'No such patron.')
  const cipher =
    row.status === 'erased' ? undefined : await loadPatronCipher(ctx.keys, ctx.keyring, id)
  if (cipher === undefined)
    throw conflict('PATRON_ERASED', "This patron's personal data has been erased.")
  return { row, cipher }
}

/**
 * Erases a patron: the data key is destroyed first (from then on every copy of their ciphertext,
 * backups included, is unreadable), then the lookups, cards and notes go.
 */
/**
 * Erases a patron: the data key first (crypto-shredding), then every personal field and linked
 * row. The erasure journal gets its entry before either, so a backup restored later can never
 * bring the patron back (`journal: false` only when re-applying an entry already there).
 */
export async function erasePatron(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: { journal?: boolean } = {},
): Promise<void> {
  requirePermission(actor, 'patron.erase')
  const row = await repo.findPatron(ctx.db, id)
  if (row === undefined) throw notFound('PATRON_NOT_FOUND', 'No such patron.')
  const entry =
    options.journal === false
      ? undefined
      : await appendJournal(
          ctx.config.dataDir,
          { kind: 'erasure', patron: id },
          ctx.clock.now(),
          ctx.config.backup.keystoreDays,
        )
  await destroyPatronKey(ctx.keys, id)
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    if (entry !== undefined) await setJournalMark(trx, entry.id)
    await repo.updatePatronRow(trx, id, {
      status: 'erased',
      erased_at: row.erased_at ?? now,
      language: null,
      updated_at: now,
      ...Object.fromEntries(Object.values(PERSONAL_COLUMNS).map((c) => [c, null])),
    })
    await repo.deleteLookups(trx, id)
    await raisePatronSessionVersion(trx, id)
    await trx.deleteFrom('cards').where('patron_id', '=', id).execute()
    await trx.deleteFrom('account_notes').where('patron_id', '=', id).execute()
    // A newsletter subscription from the account goes with it (it holds no address of its own).
    await deleteLinkedSubscription(trx, id)
    // Questions and address changes sent from the account are part of the borrower record.
    await deletePatronInquiries(trx, id)
    // So are purchase suggestions and interlibrary-loan requests: their text is unreadable once
    // the key is gone, and nothing else is left to act on.
    await trx.deleteFrom('patron_requests').where('patron_id', '=', id).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [{ action: 'patron.erase', patronId: id }])
  })
}

export interface PatronExport {
  patron: ReturnType<typeof openPatronRow>
  cards: ReturnType<typeof toCardView>[]
  ledger: { amountCents: number; reason: string; createdAt: string }[]
  notes: { body: string; createdAt: string }[]
  exportedAt: string
}

/** How staff made sure the person asking for a record is the patron it is about. */
export const IDENTITY_CHECKS = ['library_card', 'photo_id'] as const
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number]

/**
 * Everything held about one patron, in full, for the patron themselves: a copy of their own
 * record, asked for in person, after staff checked who is asking (recorded in the audit entry).
 * It is not a way to release records to anyone else: that goes only through the legal-request
 * register, which keeps the request, the decision and exactly what left.
 */
export async function exportPatron(
  ctx: AppContext,
  actor: Actor,
  id: string,
  identity: IdentityCheck,
): Promise<PatronExport> {
  requirePermission(actor, 'patron.export')
  if (!(IDENTITY_CHECKS as readonly string[]).includes(identity))
    throw validation('IDENTITY_NOT_CHECKED', 'Say how the patron proved who they are.', {
      fields: ['identity'],
    })
  const { row, cipher } = await loadLive(ctx, id)
  const [cards, ledger, notes] = await Promise.all([
    repo.listCards(ctx.db, [id]),
    ctx.db
      .selectFrom('card_ledger')
      .select(['amount_cents', 'reason', 'created_at'])
      .where('patron_id', '=', id)
      .orderBy('created_at')
      .execute(),
    ctx.db
      .selectFrom('account_notes')
      .select(['body_enc', 'created_at'])
      .where('patron_id', '=', id)
      .orderBy('created_at')
      .execute(),
  ])
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
    { action: 'patron.export', patronId: id, detail: { by: 'staff_for_patron', identity } },
  ])
  return {
    patron: openPatronRow(row, cipher),
    cards: cards.map(toCardView),
    ledger: ledger.map((l) => ({
      amountCents: l.amount_cents,
      reason: l.reason,
      createdAt: l.created_at,
    })),
    notes: notes.map((n) => ({
      body: cipher.decrypt(NOTE_COLUMN, n.body_enc) ?? '',
      createdAt: n.created_at,
    })),
    exportedAt: ctx.clock.now().toISOString(),
  }
}

async function knownCodes(ctx: AppContext): Promise<KnownCodes> {
  const s = await getLibraryStructure(ctx.db)
  return {
    branches: s.branches.map((b) => b.code),
    categories: s.patronCategories.map((c) => c.code),
  }
}
