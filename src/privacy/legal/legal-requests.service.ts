import { Type } from '@sinclair/typebox'
import { patronExists } from '../../patrons/patron.service.js'
import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import { conflict, notFound, ruleViolation, validation } from '../../errors.js'
import { newId } from '../../ids.js'
import { requirePermission } from '../../staff/roles.js'
import { check } from '../../validate.js'
import { appendAudit } from '../audit.js'
import {
  checkEmergencyScope,
  EMERGENCY_CONDITIONS,
  RECORD_PARTS,
  REGISTRATION_FIELDS,
  type ReleaseScope,
} from './legal-scope.js'
import { gatherRelease, type Release } from './release.js'

const Str = (max: number) => Type.String({ minLength: 1, maxLength: max })
export const ScopeSchema = Type.Object(
  {
    parts: Type.Array(Type.Union(RECORD_PARTS.map((p) => Type.Literal(p))), {
      minItems: 1,
      uniqueItems: true,
    }),
    fields: Type.Array(Type.Union(REGISTRATION_FIELDS.map((f) => Type.Literal(f))), {
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
)

export const NewLegalRequestSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('court_order'),
      Type.Literal('emergency'),
      Type.Literal('other'),
    ]),
    requesterName: Str(200),
    requesterAgency: Str(200),
    requesterBadge: Type.Optional(Str(60)),
    requesterContact: Type.Optional(Str(200)),
    documents: Str(2000),
    orderReference: Type.Optional(Str(300)),
    patronId: Type.Optional(Str(64)),
    scope: ScopeSchema,
    conditions: Type.Optional(
      Type.Object(Object.fromEntries(EMERGENCY_CONDITIONS.map((c) => [c, Type.Boolean()])), {
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
)

export const DecisionSchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    note: Str(2000),
    acknowledgementSigned: Type.Optional(Type.Boolean()),
    judicialReview: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** Registers a request for patron records as it arrives; nothing is released yet. */
export async function registerLegalRequest(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<{ id: string; status: string }> {
  requirePermission(actor, 'legal.manage')
  const input = check(NewLegalRequestSchema, raw)
  const scope: ReleaseScope = input.scope
  if (input.kind === 'emergency') {
    checkEmergencyScope(scope)
    if (input.conditions === undefined)
      throw validation(
        'CONDITIONS_REQUIRED',
        'Record each statutory condition of an emergency request.',
      )
    if (input.requesterBadge === undefined)
      throw validation('BADGE_REQUIRED', "Record the officer's badge number.")
  }
  if (input.kind === 'court_order' && input.orderReference === undefined)
    throw validation('ORDER_REFERENCE_REQUIRED', "Record the order's court, case number and date.")
  if (input.patronId !== undefined) await patronExists(ctx, input.patronId)
  const id = newId()
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legal_requests')
      .values({
        id,
        kind: input.kind,
        status: 'received',
        received_at: ctx.clock.now().toISOString(),
        requester_name: input.requesterName,
        requester_agency: input.requesterAgency,
        requester_badge: input.requesterBadge ?? null,
        requester_contact: input.requesterContact ?? null,
        documents: input.documents,
        order_reference: input.orderReference ?? null,
        scope: JSON.stringify(scope),
        conditions: input.conditions === undefined ? null : JSON.stringify(input.conditions),
        patron_id: input.patronId ?? null,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        acknowledgement_signed: 0,
        judicial_review: 0,
        released_at: null,
        released_by: null,
      })
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'legal_request.create',
        patronId: input.patronId ?? null,
        detail: { requestId: id, kind: input.kind },
      },
    ])
  })
  return { id, status: 'received' }
}

async function getRequest(ctx: AppContext, id: string) {
  const row = await ctx.db
    .selectFrom('legal_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined) throw notFound('LEGAL_REQUEST_NOT_FOUND', 'No such legal request.')
  return row
}

/**
 * The privacy officer's decision. Only a court order or a qualifying emergency can be approved;
 * anything else (a subpoena without an order, a relative, an employer, a vendor) is refused by law.
 */
export async function decideLegalRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<{ status: string }> {
  requirePermission(actor, 'legal.manage')
  const input = check(DecisionSchema, raw)
  const req = await getRequest(ctx, id)
  if (req.status !== 'received')
    throw conflict('ALREADY_DECIDED', 'This request has already been decided.')
  if (input.decision === 'approve') {
    if (req.kind === 'other')
      throw ruleViolation(
        'NOT_PERMITTED_BY_LAW',
        'Patron records are released only under a court order or the emergency exception of 75 ILCS 70/1(a)(2).',
      )
    if (req.kind === 'emergency') {
      const conditions = JSON.parse(req.conditions ?? '{}') as Record<string, boolean>
      const missing = EMERGENCY_CONDITIONS.filter((c) => conditions[c] !== true)
      if (missing.length > 0)
        throw ruleViolation(
          'CONDITIONS_NOT_MET',
          `Every statutory condition must hold; not met: ${missing.join(', ')}.`,
        )
    }
    if (req.patron_id === null)
      throw validation(
        'PATRON_REQUIRED',
        'Name the patron the release concerns before approving it.',
      )
  }
  const status = input.decision === 'approve' ? 'approved' : 'refused'
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('legal_requests')
      .set({
        status,
        decided_by: actor.id,
        decided_at: ctx.clock.now().toISOString(),
        decision_note: input.note,
        acknowledgement_signed: input.acknowledgementSigned ? 1 : 0,
        judicial_review: input.judicialReview ? 1 : 0,
      })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'legal_request.decide',
        patronId: req.patron_id,
        detail: { requestId: id, decision: status },
      },
    ])
  })
  return { status }
}

/** Produces the release for an approved request: only the fields and parts within its scope. */
export async function releaseLegalRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<Release> {
  requirePermission(actor, 'legal.manage')
  const req = await getRequest(ctx, id)
  if (req.status !== 'approved' || req.patron_id === null)
    throw conflict('NOT_APPROVED', 'Only an approved request can be released.')
  const scope = JSON.parse(req.scope) as ReleaseScope
  // Checked again at release: a stored scope cannot widen an emergency release either.
  if (req.kind === 'emergency') checkEmergencyScope(scope)
  const release = await gatherRelease(ctx, req.patron_id, scope)
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('legal_requests')
      .set({
        status: 'released',
        released_at: ctx.clock.now().toISOString(),
        released_by: actor.id,
      })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, ctx.engine, ctx.clock, actor, [
      {
        action: 'legal_request.release',
        patronId: req.patron_id,
        detail: { requestId: id, kind: req.kind, parts: scope.parts, fields: scope.fields },
      },
      { action: 'patron.export', patronId: req.patron_id, detail: { by: 'legal_request' } },
    ])
  })
  return release
}

/** The acknowledgement the officer signs on receiving an emergency disclosure. */
export async function acknowledgementForm(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<string> {
  requirePermission(actor, 'legal.manage')
  const req = await getRequest(ctx, id)
  if (req.kind !== 'emergency')
    throw validation('NOT_EMERGENCY', 'The acknowledgement form is for emergency disclosures.')
  const scope = JSON.parse(req.scope) as ReleaseScope
  const conditions = JSON.parse(req.conditions ?? '{}') as Record<string, boolean>
  const tick = (c: string) => (conditions[c] === true ? '[x]' : '[ ]')
  return [
    `${ctx.config.library.name}`,
    'Acknowledgement of an emergency disclosure of library records (75 ILCS 70/1(a)(2))',
    '',
    `Request ${req.id}, received ${req.received_at}`,
    `Officer: ${req.requester_name}, ${req.requester_agency}, badge ${req.requester_badge ?? ''}`,
    `Contact: ${req.requester_contact ?? ''}`,
    '',
    'The officer stated that:',
    `${tick('swornOfficer')} I am a sworn law-enforcement officer.`,
    `${tick('courtOrderImpractical')} Obtaining a court order is impractical because of an emergency.`,
    `${tick('imminentPhysicalHarm')} I have probable cause to believe there is an imminent danger of physical harm.`,
    `${tick('identifySuspectWitnessOrVictim')} The information is sought only to identify a suspect, witness or victim of a crime.`,
    '',
    `Fields disclosed: ${scope.fields.join(', ')}`,
    'No record of materials borrowed, resources reviewed or services used was disclosed.',
    '',
    'I acknowledge receipt of the information listed above.',
    '',
    'Officer signature: ______________________    Date: ____________',
    'Library staff:     ______________________    Date: ____________',
  ].join('\n')
}

export async function listLegalRequests(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'legal.manage')
  return ctx.db
    .selectFrom('legal_requests')
    .selectAll()
    .orderBy('received_at', 'desc')
    .limit(500)
    .execute()
}

export interface TransparencyRow {
  year: string
  kind: string
  received: number
  released: number
  refused: number
}

/** P8: the public report — counts by kind and year, nothing more. */
export async function transparencyReport(ctx: AppContext): Promise<TransparencyRow[]> {
  const rows = await ctx.db
    .selectFrom('legal_requests')
    .select(['kind', 'status', 'received_at'])
    .execute()
  const table = new Map<string, TransparencyRow>()
  for (const r of rows) {
    const year = r.received_at.slice(0, 4)
    const key = `${year}/${r.kind}`
    const row = table.get(key) ?? { year, kind: r.kind, received: 0, released: 0, refused: 0 }
    row.received += 1
    if (r.status === 'released') row.released += 1
    if (r.status === 'refused') row.refused += 1
    table.set(key, row)
  }
  return [...table.values()].sort(
    (a, b) => b.year.localeCompare(a.year) || a.kind.localeCompare(b.kind),
  )
}
