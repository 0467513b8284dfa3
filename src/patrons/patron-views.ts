import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { maskFor, openPatronRow, type MaskedRecord, type PatronRecord } from './patron-record.js'
import { balanceCents, listCards, type CardRow, type PatronRow } from './patron.repository.js'

export interface CardView {
  barcode: string
  status: CardRow['status']
  issuedAt: string
  statusChangedAt: string
  hasPin: boolean
}

export type PatronView = MaskedRecord & { cards: CardView[]; balanceCents: number }

export const toCardView = (c: CardRow): CardView => ({
  barcode: c.barcode,
  status: c.status,
  issuedAt: c.issued_at,
  statusChangedAt: c.status_changed_at,
  hasPin: c.pin_hash !== null,
})

/** Decrypts rows with their patrons' data keys (one key-store query for all of them). */
export async function openRows(
  ctx: AppContext,
  rows: readonly PatronRow[],
): Promise<PatronRecord[]> {
  const ciphers = await loadPatronCiphers(
    ctx.keys,
    ctx.keyring,
    rows.map((r) => r.id),
  )
  return rows.map((r) => openPatronRow(r, ciphers.get(r.id)))
}

export async function buildView(
  ctx: AppContext,
  actor: Actor,
  row: PatronRow,
): Promise<PatronView> {
  const [[record], cards, balance] = await Promise.all([
    openRows(ctx, [row]),
    listCards(ctx.db, [row.id]),
    balanceCents(ctx.db, row.id),
  ])
  if (record === undefined) throw new Error('unreachable: one row in, one record out')
  return { ...maskFor(actor, record), cards: cards.map(toCardView), balanceCents: balance }
}
