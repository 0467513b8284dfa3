import { Type, type Static } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { validation } from '../errors.js'
import { addDays, fromWallClock } from '../library/calendar.js'
import { isCalendarDate } from '../validate.js'
import type { AuditAction } from './audit.js'

/** Every action the log records: a Record, so an action added to AuditAction must be listed here. */
const ACTIONS: Record<AuditAction, true> = {
  'patron.create': true,
  'patron.read': true,
  'patron.search_hit': true,
  'patron.update': true,
  'patron.export': true,
  'patron.erase': true,
  'card.issue': true,
  'card.replace': true,
  'card.status': true,
  'card.pin_set': true,
  'card.pin_failed': true,
  'card.locked': true,
  'ledger.entry': true,
  'note.create': true,
  'note.read': true,
  'staff.create': true,
  'staff.update': true,
  'staff.login': true,
  'staff.login_failed': true,
  'staff.unlock': true,
  'card.unlock': true,
  'audit.read': true,
  'circ.checkout': true,
  'circ.checkin': true,
  'circ.renew': true,
  'circ.override': true,
  'circ.lost': true,
  'circ.lost_undo': true,
  'hold.place': true,
  'hold.cancel': true,
  'hold.suspend': true,
  'hold.ready': true,
  'fee.payment': true,
  'fee.waiver': true,
  'history.on': true,
  'history.off': true,
  'loans.read': true,
  'request.create': true,
  'request.status': true,
  'request.read': true,
  'patron.erasure_warning': true,
  'legal_hold.place': true,
  'legal_hold.lift': true,
  'legal_request.create': true,
  'legal_request.decide': true,
  'legal_request.release': true,
  'retention.run': true,
  'job.run': true,
  'mail.read': true,
  'newsletter.send': true,
  'policy.publish': true,
  'mail.print': true,
  'sip.account_create': true,
  'sip.account_update': true,
  'sip.login': true,
  'sip.login_failed': true,
  'inquiry.create': true,
  'inquiry.read': true,
  'inquiry.assign': true,
  'inquiry.reply': true,
  'inquiry.close': true,
  'inquiry.apply_address': true,
  'suggestion.read': true,
  'suggestion.answer': true,
  'suggestion.close': true,
  'records_request.create': true,
  'records_request.read': true,
  'records_request.update': true,
  'records_request.export': true,
  'computer.credential': true,
  'computer.service': true,
  'computer.session_end': true,
  'computer.session_extend': true,
  'computer.message': true,
  'computer.names_read': true,
  'computer_queue.read': true,
  'computer_queue.add': true,
  'computer_queue.remove': true,
  'computer_queue.call': true,
  'guest_passes.issue': true,
}

export const AUDIT_ACTIONS = Object.keys(ACTIONS) as AuditAction[]
export const isAuditAction = (v: string): v is AuditAction => Object.hasOwn(ACTIONS, v)

const filterFields = {
  /** Entries made by this staff member. */
  staffId: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  /** Entries about this patron. */
  patronId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  // Generous lengths: a value that is too long gets the same plain refusal as any unknown one.
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  /** The library's local dates (YYYY-MM-DD), both included. */
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
}

export const AuditFilterSchema = Type.Object(filterFields, { additionalProperties: false })
export type AuditFilter = Static<typeof AuditFilterSchema>

export const AuditSearchSchema = Type.Object(
  {
    ...filterFields,
    /** Older than this entry number (the next page). */
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    /** Newer than this entry number (the page before). */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)
export type AuditSearch = Static<typeof AuditSearchSchema>

/** A filter checked and turned into what the query needs: instants for the local dates. */
export interface ResolvedFilter {
  staffId?: string
  patronId?: string
  action?: AuditAction
  fromAt?: string
  toAt?: string
}

const startOfLocalDay = (date: string, timeZone: string): string => {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return fromWallClock(Date.UTC(y, m - 1, d), timeZone).toISOString()
}

/** A real date from 1970 on: earlier years cannot hold an entry, and two-digit years misread. */
const goodDate = (v: string) => isCalendarDate(v) && v >= '1970-01-01'

/**
 * Checks the filter's words and dates, with a code and the field for each refusal. The staff
 * member must exist (any role, active or not); a patron is given by id, already resolved.
 */
export async function resolveFilter(
  db: Kysely<RecordsDb>,
  timeZone: string,
  f: AuditFilter,
): Promise<ResolvedFilter> {
  if (f.from !== undefined && !goodDate(f.from))
    throw validation('AUDIT_BAD_DATE', 'The first day is not a real date. Use year-month-day.', {
      fields: ['from'],
    })
  if (f.to !== undefined && !goodDate(f.to))
    throw validation('AUDIT_BAD_DATE', 'The last day is not a real date. Use year-month-day.', {
      fields: ['to'],
    })
  if (f.from !== undefined && f.to !== undefined && f.to < f.from)
    throw validation('AUDIT_DATE_ORDER', 'The last day comes before the first day.', {
      fields: ['to'],
    })
  if (f.action !== undefined && !isAuditAction(f.action))
    throw validation('AUDIT_UNKNOWN_ACTION', 'The log records no action of that kind.', {
      fields: ['action'],
    })
  if (f.staffId !== undefined) {
    const found = await db
      .selectFrom('staff')
      .select('id')
      .where('id', '=', f.staffId)
      .executeTakeFirst()
    if (found === undefined)
      throw validation('AUDIT_UNKNOWN_STAFF', 'There is no such staff member.', {
        fields: ['staffId'],
      })
  }
  return {
    ...(f.staffId !== undefined && { staffId: f.staffId }),
    ...(f.patronId !== undefined && { patronId: f.patronId }),
    ...(f.action !== undefined && { action: f.action }),
    ...(f.from !== undefined && { fromAt: startOfLocalDay(f.from, timeZone) }),
    ...(f.to !== undefined && { toAt: startOfLocalDay(addDays(f.to, 1), timeZone) }),
  }
}
