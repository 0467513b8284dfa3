import { validation } from '../../errors.js'

/** The parts of a patron's records a release can cover. */
export const RECORD_PARTS = [
  'registration',
  'cards',
  'loans',
  'reading_history',
  'holds',
  'fees',
  'requests',
  'notes',
  'computer_sessions',
] as const
export type RecordPart = (typeof RECORD_PARTS)[number]

export const REGISTRATION_FIELDS = [
  'givenName',
  'familyName',
  'address',
  'phone',
  'email',
  'licenceNumber',
  'sex',
  'birthDate',
  'cardStatus',
] as const
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number]

/**
 * 75 ILCS 70/1(a)(2): an emergency disclosure may identify a suspect, witness or victim, but must
 * not show materials borrowed, resources reviewed or services used. These are the only fields it
 * can ever carry; nothing else can be added to it.
 */
export const EMERGENCY_FIELDS: readonly RegistrationField[] = [
  'givenName',
  'familyName',
  'address',
  'phone',
  'email',
  'cardStatus',
]

export interface ReleaseScope {
  parts: RecordPart[]
  fields: RegistrationField[]
}

export const EMERGENCY_CONDITIONS = [
  'swornOfficer',
  'courtOrderImpractical',
  'imminentPhysicalHarm',
  'identifySuspectWitnessOrVictim',
] as const
export type EmergencyCondition = (typeof EMERGENCY_CONDITIONS)[number]

/** Enforced in code, not by staff judgement: an emergency release is identifying fields and nothing more. */
export function checkEmergencyScope(scope: ReleaseScope): void {
  const extraParts = scope.parts.filter((p) => p !== 'registration')
  const extraFields = scope.fields.filter((f) => !EMERGENCY_FIELDS.includes(f))
  if (extraParts.length > 0 || extraFields.length > 0) {
    throw validation(
      'EMERGENCY_SCOPE_LIMITED',
      'An emergency release may only identify the person: name, address, phone, email and card status. Loans, history, holds, fines, requests, notes and computer use can never be included.',
      { fields: [...extraParts, ...extraFields] },
    )
  }
}
