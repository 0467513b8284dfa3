import { blindIndex } from '../privacy/crypto.js'
import type { LookupKind } from './patron.tables.js'

/** Surname prefixes are indexed up to this many letters; longer queries are narrowed after decryption. */
export const PREFIX_MAX = 6
export const PREFIX_MIN = 2

export const normaliseEmail = (v: string) => v.trim().toLowerCase()
export const normalisePhone = (v: string) => v.replace(/\D/g, '')
export const normaliseLicence = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '')
export function normaliseSurname(v: string): string {
  return v
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
}

export interface LookupDigest {
  kind: LookupKind
  digest: string
}

/** The blind-index rows for one patron's searchable fields. */
export function lookupDigests(
  key: Buffer,
  fields: {
    email?: string | null
    phone?: string | null
    licenceNumber?: string | null
    familyName?: string | null
  },
): LookupDigest[] {
  const out: LookupDigest[] = []
  const add = (kind: LookupKind, value: string) => {
    if (value.length > 0) out.push({ kind, digest: blindIndex(key, kind, value) })
  }
  if (fields.email) add('email', normaliseEmail(fields.email))
  if (fields.phone) add('phone', normalisePhone(fields.phone))
  if (fields.licenceNumber) add('licence', normaliseLicence(fields.licenceNumber))
  if (fields.familyName) {
    const surname = normaliseSurname(fields.familyName)
    add('surname', surname)
    const chars = [...surname]
    for (let n = PREFIX_MIN; n <= Math.min(PREFIX_MAX, chars.length); n++)
      add('surname_prefix', chars.slice(0, n).join(''))
  }
  return out
}
