import type { Actor } from '../actor.js'
import type { PatronCipher } from '../privacy/field-cipher.js'
import { parseDeclined, type OptionalNotice } from '../comms/notice-types.js'
import { columnEntry } from '../privacy/inventory.js'
import type { PatronRow } from './patron.repository.js'
import type { Address } from './patron.schemas.js'

/** Personal fields and the encrypted column each lives in. */
export const PERSONAL_COLUMNS = {
  givenName: 'given_name_enc',
  familyName: 'family_name_enc',
  address: 'address_enc',
  phone: 'phone_enc',
  email: 'email_enc',
  licenceNumber: 'licence_number_enc',
  sex: 'sex_enc',
  birthDate: 'birth_date_enc',
} as const satisfies Record<string, keyof PatronRow>

export type PersonalField = keyof typeof PERSONAL_COLUMNS

export interface PersonalData {
  givenName: string | null
  familyName: string | null
  address: Address | null
  phone: string | null
  email: string | null
  licenceNumber: string | null
  sex: string | null
  birthDate: string | null
}

export interface PatronRecord extends PersonalData {
  id: string
  status: PatronRow['status']
  category: string
  homeBranch: string
  expiresOn: string
  notify: { notices: boolean; newsletter: boolean; policyChanges: boolean }
  /** The language chosen for the library's pages; null follows the browser. */
  language: string | null
  /** Whether the patron chose to keep a list of what they return. */
  keepHistory: boolean
  /** Whether the patron chose to have titles named in their notices (P10). */
  noticeTitles: boolean
  /** The optional notice types the patron turned off. */
  noticesDeclined: OptionalNotice[]
  createdAt: string
  updatedAt: string
  erasedAt: string | null
  /** The privacy policy version in force when the patron registered (P12); null before any. */
  policyVersion: number | null
}

/** Decrypts a row; without a cipher (the key is destroyed) every personal field is null. */
export function openPatronRow(row: PatronRow, cipher: PatronCipher | undefined): PatronRecord {
  const dec = (field: PersonalField) =>
    cipher === undefined
      ? null
      : cipher.decrypt(PERSONAL_COLUMNS[field], row[PERSONAL_COLUMNS[field]])
  const address = dec('address')
  return {
    id: row.id,
    status: row.status,
    category: row.category,
    homeBranch: row.home_branch,
    expiresOn: row.expires_on,
    givenName: dec('givenName'),
    familyName: dec('familyName'),
    address: address === null ? null : (JSON.parse(address) as Address),
    phone: dec('phone'),
    email: dec('email'),
    licenceNumber: dec('licenceNumber'),
    sex: dec('sex'),
    birthDate: dec('birthDate'),
    notify: {
      notices: row.notify_notices === 1,
      newsletter: row.notify_newsletter === 1,
      policyChanges: row.notify_policy_changes === 1,
    },
    language: row.language,
    keepHistory: row.keep_history === 1,
    noticeTitles: row.notice_titles === 1,
    noticesDeclined: parseDeclined(row.notices_declined),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    erasedAt: row.erased_at,
    policyVersion: row.policy_version === null ? null : Number(row.policy_version),
  }
}

export function sealPersonal(
  cipher: PatronCipher,
  data: Partial<PersonalData>,
): Partial<Record<(typeof PERSONAL_COLUMNS)[PersonalField], string | null>> {
  const out: Partial<Record<(typeof PERSONAL_COLUMNS)[PersonalField], string | null>> = {}
  for (const [field, column] of Object.entries(PERSONAL_COLUMNS) as [
    PersonalField,
    (typeof PERSONAL_COLUMNS)[PersonalField],
  ][]) {
    if (!(field in data)) continue
    const value = data[field]
    out[column] = cipher.encrypt(
      column,
      value === null || value === undefined
        ? null
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    )
  }
  return out
}

export type MaskedRecord = Omit<PatronRecord, PersonalField> &
  Partial<PersonalData> & { restricted: PersonalField[] }

/** Applies the inventory's per-role access: masked values show their last four characters, hidden ones are left out. */
export function maskFor(actor: Actor, record: PatronRecord): MaskedRecord {
  if (actor.type !== 'staff' || actor.role === undefined) return { ...record, restricted: [] }
  const role = actor.role
  const out: MaskedRecord = { ...record, restricted: [] }
  for (const [field, column] of Object.entries(PERSONAL_COLUMNS) as [PersonalField, string][]) {
    const access = columnEntry('patrons', column).access[role]
    if (access === 'full') continue
    out.restricted.push(field)
    const value = record[field]
    if (access === 'masked' && typeof value === 'string') {
      Object.assign(out, {
        [field]:
          value.length <= 4
            ? '•'.repeat(value.length)
            : '•'.repeat(value.length - 4) + value.slice(-4),
      })
    } else {
      delete out[field]
    }
  }
  return out
}
