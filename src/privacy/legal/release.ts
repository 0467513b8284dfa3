import type { AppContext } from '../../context.js'
import { currentComputerSession } from '../../computers/my-computer-session.js'
import { NOTE_COLUMN } from '../../patrons/notes.service.js'
import { openPatronRow } from '../../patrons/patron-record.js'
import { loadLive } from '../../patrons/patron.service.js'
import type { RecordPart, ReleaseScope } from './legal-scope.js'

export interface Release {
  generatedAt: string
  registration?: Record<string, unknown>
  parts: Partial<Record<Exclude<RecordPart, 'registration'>, Record<string, unknown>[]>>
}

/** Gathers exactly what the scope names, and nothing else. */
export async function gatherRelease(
  ctx: AppContext,
  patronId: string,
  scope: ReleaseScope,
): Promise<Release> {
  const { row, cipher } = await loadLive(ctx, patronId)
  const db = ctx.db
  const release: Release = { generatedAt: ctx.clock.now().toISOString(), parts: {} }
  if (scope.parts.includes('registration')) {
    const record = openPatronRow(row, cipher)
    const card = await db
      .selectFrom('cards')
      .select('status')
      .where('patron_id', '=', patronId)
      .where('status', '!=', 'replaced')
      .executeTakeFirst()
    const all: Record<string, unknown> = { ...record, cardStatus: card?.status ?? null }
    release.registration = Object.fromEntries(scope.fields.map((f) => [f, all[f] ?? null]))
  }
  const wanted = (p: RecordPart) => scope.parts.includes(p)
  if (wanted('cards'))
    release.parts.cards = await db
      .selectFrom('cards')
      .select(['barcode', 'status', 'issued_at'])
      .where('patron_id', '=', patronId)
      .execute()
  if (wanted('loans') || wanted('reading_history')) {
    const loans = await db
      .selectFrom('loans')
      .innerJoin('bib_records', 'bib_records.id', 'loans.record_id')
      .select(['bib_records.title', 'loans.checked_out_at', 'loans.due_at', 'loans.returned_at'])
      .where('loans.patron_id', '=', patronId)
      .execute()
    if (wanted('loans')) release.parts.loans = loans.filter((l) => l.returned_at === null)
    if (wanted('reading_history'))
      release.parts.reading_history = loans.filter((l) => l.returned_at !== null)
  }
  if (wanted('holds'))
    release.parts.holds = await db
      .selectFrom('holds')
      .innerJoin('bib_records', 'bib_records.id', 'holds.record_id')
      .select(['bib_records.title', 'holds.status', 'holds.placed_at'])
      .where('holds.patron_id', '=', patronId)
      .execute()
  if (wanted('fees'))
    release.parts.fees = await db
      .selectFrom('fees')
      .leftJoin('items', 'items.id', 'fees.item_id')
      .leftJoin('bib_records', 'bib_records.id', 'items.record_id')
      .select([
        'fees.kind',
        'fees.status',
        'fees.amount_cents',
        'fees.created_at',
        'bib_records.title',
      ])
      .where('fees.patron_id', '=', patronId)
      .execute()
  if (wanted('requests')) {
    const requests = await db
      .selectFrom('patron_requests')
      .selectAll()
      .where('patron_id', '=', patronId)
      .execute()
    release.parts.requests = requests.map((r) => ({
      kind: r.kind,
      status: r.status,
      title: cipher.decrypt('patron_requests.title_enc', r.title_enc),
      created_at: r.created_at,
    }))
  }
  if (wanted('notes')) {
    const notes = await db
      .selectFrom('account_notes')
      .select(['body_enc', 'created_at'])
      .where('patron_id', '=', patronId)
      .execute()
    release.parts.notes = notes.map((n) => ({
      note: cipher.decrypt(NOTE_COLUMN, n.body_enc),
      created_at: n.created_at,
    }))
  }
  // Only a session running now: an ended one is deleted, and nothing kept says where anyone sat (P13).
  if (wanted('computer_sessions'))
    release.parts.computer_sessions = await currentComputerSession(db, patronId)
  return release
}
