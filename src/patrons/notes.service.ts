import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { newId } from '../ids.js'
import { appendAudit, recordAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { staffIdOf } from '../actor.js'
import { loadLive } from './patron.service.js'

export const NOTE_COLUMN = 'account_notes.body_enc'

export const NoteInputSchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
)

export interface AccountNote {
  id: string
  body: string
  authorStaffId: string | null
  createdAt: string
}

/** Adds an informational note on a card-account matter, encrypted under the patron's key. */
export async function addNote(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
  raw: unknown,
): Promise<AccountNote> {
  requirePermission(actor, 'note.write')
  const { body } = check(NoteInputSchema, raw)
  const { cipher } = await loadLive(ctx, patronId)
  const note = {
    id: newId(),
    patron_id: patronId,
    body_enc: cipher.encrypt(NOTE_COLUMN, body.trim()),
    author_staff_id: staffIdOf(actor),
    created_at: ctx.clock.now().toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('account_notes').values(note).execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [{ action: 'note.create', patronId }])
  })
  return {
    id: note.id,
    body: body.trim(),
    authorStaffId: note.author_staff_id,
    createdAt: note.created_at,
  }
}

export async function listNotes(
  ctx: AppContext,
  actor: Actor,
  patronId: string,
): Promise<AccountNote[]> {
  requirePermission(actor, 'note.read')
  const { cipher } = await loadLive(ctx, patronId)
  const rows = await ctx.db
    .selectFrom('account_notes')
    .selectAll()
    .where('patron_id', '=', patronId)
    .orderBy('created_at')
    .execute()
  await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [{ action: 'note.read', patronId }])
  return rows.map((r) => ({
    id: r.id,
    body: cipher.decrypt(NOTE_COLUMN, r.body_enc) ?? '',
    authorStaffId: r.author_staff_id,
    createdAt: r.created_at,
  }))
}
