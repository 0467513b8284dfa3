import type { AppError } from '../errors.js'
import type { Form } from './forms.js'
import type { AuditFilterField } from './views/staff/admin.js'

/** The audit filters an address may carry. The patron is a session-held token, never a card or an id. */
export interface AuditQuery {
  staff?: string | undefined
  action?: string | undefined
  from?: string | undefined
  to?: string | undefined
  patron?: string | undefined
}

const QUERY_KEYS = ['staff', 'action', 'from', 'to', 'patron'] as const

export const auditQueryOf = (form: Form): AuditQuery =>
  Object.fromEntries(QUERY_KEYS.map((k) => [k, form.text(k)]))

/** An address for the filtered log (or its download); parameters that are absent stay out. */
export function auditHref(path: string, q: AuditQuery, page: Record<string, number> = {}): string {
  const params = new URLSearchParams()
  for (const k of QUERY_KEYS) {
    const v = q[k]
    if (v !== undefined) params.set(k, v)
  }
  for (const [k, v] of Object.entries(page)) params.set(k, String(v))
  const query = params.toString()
  return query === '' ? path : `${path}?${query}`
}

/** What the service is asked for; its field names are mapped back to the form's in `formField`. */
export const serviceFilter = (q: AuditQuery, patronId: string | undefined) => ({
  ...(q.staff !== undefined && { staffId: q.staff }),
  ...(patronId !== undefined && { patronId }),
  ...(q.action !== undefined && { action: q.action }),
  ...(q.from !== undefined && { from: q.from }),
  ...(q.to !== undefined && { to: q.to }),
})

const FORM_FIELDS: Record<string, AuditFilterField> = {
  staffId: 'staff',
  action: 'action',
  from: 'from',
  to: 'to',
  card: 'card',
}

export const formField = (err: AppError): AuditFilterField | undefined => {
  const fields: unknown = err.details?.fields
  const first = Array.isArray(fields) ? (fields as unknown[])[0] : undefined
  return typeof first === 'string'
    ? FORM_FIELDS[first]
    : err.code === 'CARD_NOT_FOUND'
      ? 'card'
      : undefined
}

/** A page number from a link: a positive whole number, or a sign the link was tampered with. */
export function cursorOf(form: Form): { before?: number; after?: number } | 'bad' {
  const before = form.text('before')
  const after = form.text('after')
  if (before === undefined && after === undefined) return {}
  if (before !== undefined && after !== undefined) return 'bad'
  const text = before ?? after ?? ''
  if (!/^\d{1,15}$/.test(text)) return 'bad'
  const n = Number(text)
  if (before !== undefined) return n >= 1 ? { before: n } : 'bad'
  return { after: n }
}
