import {
  MAX_FIELD_LENGTH,
  type Field,
  type FixedFields,
  type MessageCode,
  type SipMessage,
} from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import type { BaseContext } from './types.js'

export type FieldInput = Field | readonly Field[] | undefined | false

/** Builds a response: fixed fields by name, then id'd fields in order (undefined ones left out). */
export function reply<C extends MessageCode>(
  code: C,
  fixed: FixedFields<C>,
  ...fields: FieldInput[]
): SipMessage<C> {
  const out: Field[] = []
  for (const f of fields) {
    if (f === undefined || f === false) continue
    if (isField(f)) out.push(f)
    else out.push(...f)
  }
  return { code, fixed, fields: out } as unknown as SipMessage<C>
}

const isField = (f: Field | readonly Field[]): f is Field => typeof f[0] === 'string'

export const field = (id: string, value: string | number | null | undefined): Field | undefined =>
  value === undefined || value === null ? undefined : [id, String(value)]

/** Screen messages longer than a field holds go out as several AF fields. */
export function screen(text: string | undefined): Field[] {
  if (text === undefined || text === '') return []
  const chars = [...text]
  const out: Field[] = []
  for (let i = 0; i < chars.length; i += MAX_FIELD_LENGTH)
    out.push(['AF', chars.slice(i, i + MAX_FIELD_LENGTH).join('')])
  return out
}

/** The institution id answers carry: the account's, or the request's before login. */
export function institution(req: SipMessage, hc: BaseContext): Field {
  return ['AO', hc.account?.institutionId ?? fieldValue(req, 'AO') ?? '']
}

/** A request field echoed back (required fields are sent even when empty). */
export const echo = (req: SipMessage, id: string): Field => [id, fieldValue(req, id) ?? '']

export const yn = (b: boolean): 'Y' | 'N' => (b ? 'Y' : 'N')

export const count4 = (n: number): string => String(Math.min(n, 9999)).padStart(4, '0')

/** Carrel keeps money in cents of one currency. */
export const CURRENCY = 'USD'
export const amount = (cents: number): string => (cents / 100).toFixed(2)

/** Language: the request's, when it is three digits; else unspecified. */
export const language = (value: string | undefined): string =>
  value !== undefined && /^\d{3}$/.test(value) ? value : '000'
