import type { AuditAction } from '../../../privacy/audit.js'
import type { AuditActorName, NamedAuditEntry } from '../../../privacy/audit.service.js'
import type { StaffRole } from '../../../staff/staff.tables.js'
import { humanise, money } from '../../format.js'

/**
 * What each audit action means, in the words of the people who read the log. Staff pages are in
 * English only; a Record, so a new action without words here does not compile.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'patron.create': 'Registered a patron',
  'patron.read': 'Opened a patron record',
  'patron.search_hit': 'Found a patron in a search',
  'patron.update': 'Changed a registration',
  'patron.export': 'Made a copy of a patron record',
  'patron.erase': 'Erased a patron record',
  'patron.erasure_warning': 'Warned a patron their record will be erased',
  'card.issue': 'Issued a library card',
  'card.replace': 'Replaced a library card',
  'card.status': 'Changed the status of a card',
  'card.pin_set': 'Set a PIN',
  'card.pin_failed': 'A wrong PIN was entered',
  'card.locked': 'Card locked after wrong PINs',
  'card.unlock': 'Unlocked a card',
  'ledger.entry': 'Changed a card balance',
  'note.create': 'Added an account note',
  'note.read': 'Read account notes',
  'staff.create': 'Added a staff account',
  'staff.update': 'Changed a staff account',
  'staff.login': 'Signed in',
  'staff.login_failed': 'Sign-in refused: wrong password',
  'staff.unlock': 'Unlocked a staff account',
  'audit.read': 'Read the audit log',
  'circ.checkout': 'Checked out an item',
  'circ.checkin': 'Checked in an item',
  'circ.renew': 'Renewed a loan',
  'circ.override': 'Lent despite a block',
  'circ.lost': 'Declared an item lost',
  'circ.lost_undo': 'Took back a lost-item charge made by mistake',
  'hold.place': 'Placed a hold',
  'hold.cancel': 'Canceled a hold',
  'hold.suspend': 'Paused a hold',
  'hold.ready': 'A hold is ready for pickup',
  'fee.payment': 'Took a payment',
  'fee.waiver': 'Waived a fine or fee',
  'history.on': 'Turned reading history on',
  'history.off': 'Turned reading history off',
  'loans.read': 'Looked at loans or holds',
  'request.create': 'Made a purchase or interlibrary loan request',
  'request.status': 'Changed a purchase or interlibrary loan request',
  'request.read': 'Read purchase and interlibrary loan requests',
  'legal_hold.place': 'Placed a legal hold',
  'legal_hold.lift': 'Lifted a legal hold',
  'legal_request.create': 'Recorded a legal request for records',
  'legal_request.decide': 'Decided a legal request',
  'legal_request.release': 'Released records under a legal request',
  'retention.run': 'Ran the retention schedule',
  'job.run': 'Ran a scheduled job',
  'mail.read': 'Read mail that was not sent',
  'newsletter.send': 'Sent a newsletter issue',
  'policy.publish': 'Published a policy version',
  'mail.print': 'Marked letters to patrons printed',
  'sip.account_create': 'Added a self-check account',
  'sip.account_update': 'Changed a self-check account',
  'sip.login': 'Self-check machine signed in',
  'sip.login_failed': 'Self-check sign-in refused',
  'inquiry.create': 'Sent a question or a change of address',
  'inquiry.read': 'Opened a question or change of address',
  'inquiry.assign': 'Assigned a question or change of address',
  'inquiry.reply': 'Sent a reply to a question',
  'inquiry.close': 'Closed a question or change of address',
  'inquiry.apply_address': 'Applied a change of address to a registration',
  'suggestion.read': 'Read a suggestion with its sender’s details',
  'suggestion.answer': 'Answered a suggestion',
  'suggestion.close': 'Closed a suggestion',
  'records_request.create': 'Entered a records request',
  'records_request.read': 'Read a records request with its requester’s details',
  'records_request.update': 'Changed a records request',
  'records_request.export': 'Exported records for a records request',
  'computer.credential': 'Issued a public computer its device credential',
  'computer.service': 'Took a public computer out of service or back in',
  'computer.session_end': 'Ended the session on a public computer',
  'computer.session_extend': 'Gave a public computer session more time',
  'computer.message': 'Sent a message to public computer screens',
  'computer.names_read': 'Saw who is signed in on the public computers',
  'computer_queue.read': 'Looked at the computer waiting list',
  'computer_queue.add': 'Added a place to the computer waiting list',
  'computer_queue.remove': 'Took a place off the computer waiting list',
  'computer_queue.call': 'Called the next person to a computer',
  'guest_passes.issue': 'Printed guest passes for the computers',
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrator',
  privacy_officer: 'Privacy officer',
  librarian: 'Librarian',
  circulation: 'Circulation desk',
}

/** An action in words; one the log no longer writes (from an older version) reads as its code. */
export const actionLabel = (action: string): string =>
  Object.hasOwn(AUDIT_ACTION_LABELS, action)
    ? AUDIT_ACTION_LABELS[action as AuditAction]
    : humanise(action)

/** A patron as the log shows them: the card number, never the record id. */
export function patronLabel(p: NamedAuditEntry['patron']): string {
  if (p === null) return ''
  if (p.kind === 'erased') return 'erased patron'
  if (p.kind === 'no_card') return 'patron with no card'
  return p.card
}

/** Who made an entry, by name. */
export function actorLabel(a: AuditActorName): string {
  switch (a.type) {
    case 'staff':
      return a.name === null
        ? 'A staff account that no longer exists'
        : `${a.name} (${a.role === null ? 'staff' : ROLE_LABELS[a.role]})`
    case 'sip':
      return a.name === null ? 'Unknown self-check login' : `Self-check machine “${a.name}”`
    case 'patron':
      return a.patron === null || a.patron.kind === 'erased'
        ? 'The patron (since erased), online'
        : `The patron, online (${patronLabel(a.patron)})`
    default:
      return 'Carrel, automatically'
  }
}

const DETAIL_KEYS: Record<string, string> = {
  staffId: 'Staff member',
  sipAccountId: 'Self-check account',
  part: 'Part of the record',
  by: 'Searched by',
  fields: 'Fields',
  branch: 'Branch',
  block: 'Block',
  until: 'Until',
  forgotten: 'Items forgotten',
  kind: 'Kind',
  from: 'From',
  to: 'To',
  method: 'Paid by',
  withPin: 'With a PIN',
  verify: 'Checked the chains',
  filters: 'Filtered by',
  export: 'Downloaded as',
  entries: 'Entries',
  reason: 'Reason',
  decision: 'Decision',
  series: 'Records series',
  requestId: 'Request number',
  holdId: 'Legal hold number',
  role: 'Role',
  identity: 'Identity checked with',
  amountCents: 'Amount',
  parts: 'Parts',
  mayBlockPatrons: 'May block and re-enable cards',
  personalFields: 'Patron fields it receives',
  unknownCommands: 'Unknown commands',
  allowedMessages: 'Messages it may send',
  institutionId: 'Institution',
  location: 'Location',
  charset: 'Character set',
  active: 'Switched on',
}

const FILTER_WORDS: Record<string, string> = {
  staffId: 'staff member',
  patronId: 'patron',
  action: 'action',
  from: 'first day',
  to: 'last day',
}

const valueText = (key: string, v: unknown): string => {
  if (key === 'filters' && typeof v === 'string') return FILTER_WORDS[v] ?? v
  if (key === 'amountCents' && typeof v === 'number') return money(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (Array.isArray(v) && v.length === 0) return 'none'
  if (Array.isArray(v)) return v.map((x) => valueText(key, x)).join(', ')
  if (typeof v === 'string')
    return key === 'role' && v in ROLE_LABELS ? ROLE_LABELS[v as StaffRole] : v
  return JSON.stringify(v)
}

/** The entry's detail as "Label: value" lines, with staff and self-check accounts by name. */
export function detailLines(e: NamedAuditEntry): string[] {
  return Object.entries(e.detail).map(
    ([k, v]) => `${DETAIL_KEYS[k] ?? humanise(k)}: ${e.detailNames[k] ?? valueText(k, v)}`,
  )
}
