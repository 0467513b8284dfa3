import { PERMISSIONS, type Permission } from '../../src/staff/roles.js'
import { STAFF_ROLES } from '../../src/staff/staff.tables.js'

/** What each permission lets a role do, in the README's words. */
const WORDS: Record<Permission, string> = {
  'patron.read': 'look up and read patron records',
  'patron.register': 'register patrons',
  'patron.update': 'edit registrations',
  'patron.export': 'give patrons a copy of their whole record (identity checked)',
  'patron.erase': 'erase a patron record',
  'card.manage': 'issue and replace cards, set and change PINs',
  'card.verify': 'check a card and PIN',
  'ledger.read': 'read card balances',
  'ledger.write': 'change card balances',
  'note.read': 'read account notes',
  'note.write': 'write account notes',
  'audit.read': 'read and verify the audit log',
  'staff.manage': 'manage staff accounts',
  'library.manage': 'set up branches, item types, categories, loan rules and closed days',
  'sip.manage': 'manage self-check (SIP2) accounts',
  'legal.manage': 'legal holds and legal requests',
  'retention.run': 'preview and run the retention schedule',
  'jobs.run': 'list and run scheduled jobs',
  'catalog.manage': 'edit the catalog',
  'circ.desk': 'check out, check in, renew, holds, declare lost',
  'fees.pay': 'take payments',
  'fees.waive': 'waive fines and fees',
  'requests.manage': 'handle purchase and interlibrary-loan requests',
  'mail.read': 'read mail that was not sent (the maildrop) and notices that failed',
  'mail.print': 'print letters for patrons without email, and mark them printed',
  'newsletter.manage': 'write, preview and send newsletter issues',
  'policy.manage': 'write, preview and publish versions of the privacy policy',
  'inquiries.manage': 'answer, assign and close questions sent to the library',
  'address.review': 'check changes of address sent from the account and apply them',
  'suggestions.manage': 'read, answer and close suggestions from the public form',
  'records.manage': 'track records requests (FOIA), export redacted, denial letters',
  'computers.manage': 'set up public computers, their rules and device credentials',
  'computers.desk': 'end, extend, message public computers; queue and guest passes',
  'computers.names': 'see who is signed in on a public computer',
  'statistics.read': 'read website and library statistics and the annual report',
}

/** The roles table, generated from the permissions the services enforce. */
export function rolesTable(): string {
  const head = `| may | ${STAFF_ROLES.map((r) => `\`${r}\``).join(' | ')} |`
  const rule = `| --- | ${STAFF_ROLES.map(() => ':-:').join(' | ')} |`
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) =>
      `| ${WORDS[p]} | ${STAFF_ROLES.map((r) => ((PERMISSIONS[p] as readonly string[]).includes(r) ? 'yes' : '')).join(' | ')} |`,
  )
  return [head, rule, ...rows].join('\n')
}
