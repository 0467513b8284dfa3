import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import { patronExists } from '../../patrons/patron.service.js'
import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import type { RecordsDb } from '../../db/schema.js'
import { conflict, notFound, validation } from '../../errors.js'
import { newId } from '../../ids.js'
import { requirePermission } from '../../staff/roles.js'
import { check } from '../../validate.js'
import { appendAudit } from '../audit.js'
import { RETENTION_RULES } from '../retention-rules.js'

export const LegalHoldSchema = Type.Object(
  {
    series: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    patronId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
)

export interface ActiveHolds {
  series: Set<string>
  patrons: string[]
}

export async function activeHolds(db: Kysely<RecordsDb>): Promise<ActiveHolds> {
  const rows = await db
    .selectFrom('legal_holds')
    .select(['series', 'patron_id'])
    .where('lifted_at', 'is', null)
    .execute()
  return {
    series: new Set(rows.flatMap((r) => (r.series === null ? [] : [r.series]))),
    patrons: rows.flatMap((r) => (r.patron_id === null ? [] : [r.patron_id])),
  }
}

/** Stops purges of a whole series, or of everything about one patron, until lifted. */
export async function placeLegalHold(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<{ id: string }> {
  requirePermission(actor, 'legal.manage')
  const input = check(LegalHoldSchema, raw)
  if ((input.series === undefined) === (input.patronId === undefined))
    throw validation('ONE_SCOPE', 'A legal hold covers either one record series or one patron.')
  if (input.series !== undefined && !Object.hasOwn(RETENTION_RULES, input.series))
    throw validation('UNKNOWN_SERIES', 'No such record series.')
  if (input.patronId !== undefined) await patronExists(ctx, input.patronId)
  const id = newId()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legal_holds')
      .values({
        id,
        series: input.series ?? null,
        patron_id: input.patronId ?? null,
        reason: input.reason,
        placed_by: actor.id,
        placed_at: ctx.clock.now().toISOString(),
        lifted_by: null,
        lifted_at: null,
      })
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'legal_hold.place',
        patronId: input.patronId ?? null,
        detail: { holdId: id, series: input.series ?? 'patron' },
      },
    ])
  })
  return { id }
}

export async function liftLegalHold(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'legal.manage')
  const hold = await ctx.db
    .selectFrom('legal_holds')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (hold === undefined) throw notFound('LEGAL_HOLD_NOT_FOUND', 'No such legal hold.')
  if (hold.lifted_at !== null) throw conflict('LEGAL_HOLD_LIFTED', 'This hold was already lifted.')
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('legal_holds')
      .set({ lifted_at: ctx.clock.now().toISOString(), lifted_by: actor.id })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      { action: 'legal_hold.lift', patronId: hold.patron_id, detail: { holdId: id } },
    ])
  })
}

export async function listLegalHolds(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'legal.manage')
  return ctx.db.selectFrom('legal_holds').selectAll().orderBy('placed_at', 'desc').execute()
}
