import { Type, type Static } from '@sinclair/typebox'
import { validation } from '../errors.js'
import { check, isCalendarDate } from '../validate.js'

export const BODY_MAX = 100_000
export const CHANGES_MAX = 1_000
const DAY = '^\\d{4}-\\d{2}-\\d{2}$'

/** A draft as staff submit it: every field capped; the Spanish texts may be left out. */
export const PolicyDraftSchema = Type.Object(
  {
    body: Type.String({ maxLength: BODY_MAX }),
    bodyEs: Type.Optional(Type.Union([Type.String({ maxLength: BODY_MAX }), Type.Null()])),
    changes: Type.String({ maxLength: CHANGES_MAX }),
    changesEs: Type.Optional(Type.Union([Type.String({ maxLength: CHANGES_MAX }), Type.Null()])),
    adoptedOn: Type.String({ maxLength: 10 }),
    effectiveOn: Type.String({ maxLength: 10 }),
    reviewOn: Type.String({ maxLength: 10 }),
    material: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export type PolicyDraft = Static<typeof PolicyDraftSchema>

/** The columns a checked draft writes. */
export interface DraftColumns {
  body: string
  body_es: string | null
  changes: string
  changes_es: string | null
  adopted_on: string
  effective_on: string
  review_on: string
  material: number
}

const fail = (code: string, message: string, field: string) =>
  validation(code, message, { fields: [field] })

const text = (v: string | null | undefined): string => (v ?? '').replace(/\r\n/g, '\n')
const orNull = (v: string): string | null => (v.trim() === '' ? null : v)

/** Checks a draft; throws with a stable code naming the field. */
export function checkPolicyDraft(raw: unknown): DraftColumns {
  const draft = check(PolicyDraftSchema, raw)
  const body = text(draft.body)
  const changes = text(draft.changes).trim()
  if (body.trim() === '') throw fail('POLICY_BODY_REQUIRED', 'Write the policy’s text.', 'body')
  if (changes === '')
    throw fail(
      'POLICY_CHANGES_REQUIRED',
      'Say in a sentence or two what this version changes (for a first version, say so).',
      'changes',
    )
  for (const field of ['adoptedOn', 'effectiveOn', 'reviewOn'] as const) {
    const day = draft[field]
    if (!new RegExp(DAY).test(day) || !isCalendarDate(day))
      throw fail('INVALID_DATE', 'Give each date as a real calendar date (YYYY-MM-DD).', field)
  }
  if (draft.effectiveOn < draft.adoptedOn)
    throw fail(
      'POLICY_EFFECTIVE_BEFORE_ADOPTION',
      'A version cannot take effect before it is adopted.',
      'effectiveOn',
    )
  if (draft.reviewOn <= draft.effectiveOn)
    throw fail(
      'POLICY_REVIEW_TOO_EARLY',
      'The next review comes after the version takes effect.',
      'reviewOn',
    )
  return {
    body,
    body_es: orNull(text(draft.bodyEs)),
    changes,
    changes_es: orNull(text(draft.changesEs).trim()),
    adopted_on: draft.adoptedOn,
    effective_on: draft.effectiveOn,
    review_on: draft.reviewOn,
    material: draft.material === true ? 1 : 0,
  }
}
