import type { Config } from '../config/config.js'
import type { PatronFieldSwitches } from '../config/config.schema.js'
import { validation } from '../errors.js'
import { isCalendarDate } from '../validate.js'

const SWITCHABLE: (keyof PatronFieldSwitches)[] = ['phone', 'sex', 'licenceNumber', 'birthDate']

/** Refuses any field the library has switched off: it must never reach storage. */
export function refuseDisabledFields(config: Config, input: Record<string, unknown>): void {
  const refused = SWITCHABLE.filter(
    (f) => !config.patrons.fields[f] && input[f] !== undefined && input[f] !== null,
  )
  if (refused.length > 0) {
    throw validation('FIELD_DISABLED', `This library does not collect: ${refused.join(', ')}.`, {
      fields: refused,
    })
  }
}

export interface KnownCodes {
  branches: readonly string[]
  categories: readonly string[]
}

export function checkRegistrationRules(
  known: KnownCodes,
  today: string,
  input: { category?: string; homeBranch?: string; birthDate?: string | null; expiresOn?: string },
): void {
  if (input.category !== undefined && !known.categories.includes(input.category))
    throw validation(
      'UNKNOWN_CATEGORY',
      `Patron category must be one of ${known.categories.join(', ')}.`,
    )
  if (input.homeBranch !== undefined && !known.branches.includes(input.homeBranch))
    throw validation('UNKNOWN_BRANCH', `Home branch must be one of ${known.branches.join(', ')}.`)
  if (
    input.birthDate != null &&
    (!isCalendarDate(input.birthDate) || input.birthDate > today || input.birthDate < '1900-01-01')
  )
    throw validation('INVALID_BIRTH_DATE', 'The date of birth must be a real date in the past.')
  if (input.expiresOn !== undefined && !isCalendarDate(input.expiresOn))
    throw validation('INVALID_EXPIRY', 'The card expiry must be a real date.')
}
