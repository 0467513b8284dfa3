import { Type } from '@sinclair/typebox'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { conflict, validation } from '../errors.js'
import { newId } from '../ids.js'
import type { Address } from '../patrons/patron.schemas.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadLive, updatePatron } from '../patrons/patron.service.js'
import { appendAudit } from '../privacy/audit.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { loadRow, sealerOf } from './inquiry-desk.js'
import { eraseInquiryRows } from './inquiry-erasure.js'
import { COLUMNS } from './inquiry-submit.js'
import { today } from './newsletter-store.js'

export const REPLY_MAX = 5000

export const ReplySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: REPLY_MAX }) },
  { additionalProperties: false },
)

/**
 * Queues a reply by email, sealed like the question, in the inquiry's language; the
 * inquiry-reply worker sends it. A public inquiry's reply goes to its own sealed address, a
 * patron's to the address on the registration.
 */
export async function replyToInquiry(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<void> {
  const { body } = check(ReplySchema, raw)
  const text = body.trim()
  if (text === '') throw validation('INVALID_INPUT', 'Write the reply.', { fields: ['body'] })
  const row = await loadRow(ctx, id)
  requirePermission(actor, 'inquiries.manage')
  if (row.kind !== 'question')
    throw conflict('NOT_A_QUESTION', 'Only questions are answered by email.')
  if (row.status === 'closed') throw conflict('INQUIRY_CLOSED', 'This inquiry is closed.')
  if (row.reply_by !== 'email')
    throw conflict(
      'REPLY_AT_DESK',
      'This person will ask at the desk or by phone; close it when answered.',
    )
  const sealer = await sealerOf(ctx, row)
  if (row.patron_id !== null) {
    const live = await loadLive(ctx, row.patron_id)
    if (openPatronRow(live.row, live.cipher).email === null)
      throw conflict('REPLY_NO_EMAIL', 'The registration has no email address to answer.')
  } else if (row.email_enc === null) {
    throw conflict('REPLY_NO_EMAIL', 'No email address was given.')
  }
  const day = today(ctx)
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('inquiries')
      .set({ status: 'answered', settled_on: day })
      .where('id', '=', id)
      .where('status', '!=', 'closed')
      .executeTakeFirst()
    if (res.numUpdatedRows === 0n) throw conflict('INQUIRY_CLOSED', 'This inquiry is closed.')
    await trx
      .insertInto('inquiry_replies')
      .values({
        id: newId(),
        inquiry_id: id,
        body_enc: sealer.encrypt(COLUMNS.reply, text),
        language: row.language,
        created_on: day,
        sent_on: null,
        next_attempt_at: null,
        claimed_by: null,
        lease_until: null,
        failure: null,
      })
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'inquiry.reply', patronId: row.patron_id, detail: { kind: row.kind } },
    ])
  })
}

/**
 * Applies a checked change of address to the registration (the registration's own update,
 * audited as such) and erases the request in the same transaction: once applied, its content has no purpose left.
 * Applying twice is harmless: the same address is written again.
 */
export async function applyAddressChange(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'address.review')
  const row = await loadRow(ctx, id)
  if (row.kind !== 'address' || row.patron_id === null)
    throw conflict('NOT_AN_ADDRESS_CHANGE', 'This is not a change of address.')
  if (row.status === 'closed') throw conflict('INQUIRY_CLOSED', 'This request is closed.')
  const sealer = await sealerOf(ctx, row)
  const address = JSON.parse(sealer.decrypt(COLUMNS.body, row.body_enc) ?? '{}') as Address
  // One transaction: the registration never changes without the request going, nor the reverse.
  await updatePatron(ctx, actor, row.patron_id, { address }, async (trx) => {
    await eraseInquiryRows(trx, undefined, undefined, [row])
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'inquiry.apply_address', patronId: row.patron_id },
    ])
  })
}
