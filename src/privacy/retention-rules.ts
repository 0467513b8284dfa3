/**
 * How long each kind of record is kept. The inventory points every column at one of these;
 * the privacy notice and the retention sweeps read them from here.
 */
export interface RetentionRule {
  /** What starts the clock. */
  trigger: string
  /** How long after the trigger the record may be kept; null while the trigger has not happened. */
  period: { days: number } | null
  /** One plain sentence for patrons. */
  summary: string
}

export const RETENTION_RULES = {
  'patron-registration': {
    trigger: 'the card expires or the account is closed',
    period: { days: 3 * 365 },
    summary:
      'Kept while your card is current, then for three years after it expires or you close the account; then your data key is destroyed.',
  },
  'card-record': {
    trigger: 'the card is replaced or the account is closed',
    period: { days: 3 * 365 },
    summary:
      'Kept while the card is in use and for three years after it is replaced or the account closes.',
  },
  'pin-failures': {
    trigger: 'a failed PIN check',
    period: { days: 1 },
    summary: 'Failed PIN checks are kept for one day, long enough to lock a card under attack.',
  },
  'attempt-counts': {
    trigger: 'the minute the attempts are counted in',
    period: { days: 1 },
    summary:
      'Counts of wrong PINs and passwords per network address are kept for one day, and the address only as a keyed digest.',
  },
  'card-ledger': {
    trigger: 'the entry is made',
    period: { days: 3 * 365 },
    summary: 'Card balance entries are kept for three years, as financial records.',
  },
  'account-notes': {
    trigger: 'the account is closed',
    period: { days: 365 },
    summary: 'Notes about your card account are kept while it is open and for one year after.',
  },
  'audit-log': {
    trigger: 'the entry is made',
    period: { days: 3 * 365 },
    summary: 'The record of who looked at or changed an account is kept for three years.',
  },
  'staff-account': {
    trigger: 'the staff member leaves',
    period: { days: 365 },
    summary: 'Staff accounts are kept while the person works here and for one year after.',
  },
  'loan-link': {
    trigger: 'the item is returned and everything owed on the loan is settled',
    period: { days: 0 },
    summary:
      'A loan exists only while the item is out or something is owed on it; then it is deleted, unless you chose to keep a reading history.',
  },

  'reading-history': {
    trigger: 'you turn the reading history off or the account is closed',
    period: { days: 0 },
    summary: 'Kept only if you ask for it, and erased as soon as you turn it off.',
  },
  'loan-statistics': {
    trigger: 'the day counted ends',
    period: { days: 5 * 365 },
    summary:
      'Daily counts of checkouts, renewals, returns and lost items (by branch, item type and patron category, never by person or item) are kept for five years to plan the collection.',
  },

  holds: {
    trigger: 'the hold is filled, cancelled or expires',
    period: { days: 0 },
    summary:
      'A hold exists only while it is open; then it is deleted. A copy left on the hold shelf stays listed, without your name, until staff take it off the shelf.',
  },
  'hold-statistics': {
    trigger: 'the day counted ends',
    period: { days: 5 * 365 },
    summary:
      'Daily counts of holds placed, ready, collected, cancelled and expired (by pickup branch only) are kept for five years.',
  },

  fees: {
    trigger: 'the fee is paid or waived',
    period: { days: 0 },
    summary: 'A fine or fee names you only while it is owed; once paid or waived it is deleted.',
  },
  'fee-statistics': {
    trigger: 'the month counted ends',
    period: { days: 3 * 365 },
    summary:
      'Monthly totals of fines and fees charged, paid and waived, and of payments by method (never by person or item), are kept for three years as financial records.',
  },

  payments: {
    trigger: 'nothing is owed on the account any more',
    period: { days: 0 },
    summary:
      'Your payments and waivers are listed on your account while you still owe something; when the balance reaches zero they are deleted (monthly totals remain).',
  },

  'patron-requests': {
    trigger: 'the request is fulfilled, declined or cancelled',
    period: { days: 180 },
    summary:
      'Purchase suggestions and interlibrary-loan requests are kept until finished and for six months after.',
  },
  notices: {
    trigger: 'the notice is queued',
    period: { days: 30 },
    summary: 'Notices are kept for at most 30 days after they are queued, sent or not.',
  },
  'erasure-journal': {
    trigger: 'the erasure or disposal is made',
    period: { days: 31 },
    summary:
      'When a record is erased or disposed of, a line saying so (the random account number or the kind of record, and the day) is kept beside the encryption key for as long as backups may be restored, 30 days by default, so that restoring a backup can never bring it back.',
  },
  maildrop: {
    trigger: 'the message is written to the maildrop',
    period: { days: 30 },
    summary:
      'Where the library sends no email, each message a patron would have got is kept as a file for staff to see, for at most 30 days.',
  },

  'newsletter-subscriptions': {
    trigger: 'the subscriber unsubscribes, or the registration it is linked to is erased',
    period: null,
    summary:
      'A newsletter subscription is kept until you unsubscribe; unsubscribing erases it and destroys the key to the address.',
  },
  'newsletter-pending': {
    trigger: 'the sign-up is asked for',
    // The sweep reads the period from `newsletter.confirmDays`; this is its default.
    period: { days: 7 },
    summary:
      'A newsletter sign-up whose confirmation link is not followed in time (7 days unless the library sets another period) is erased.',
  },
  'newsletter-deliveries': {
    trigger: 'the message is queued',
    period: { days: 30 },
    summary:
      'Who a newsletter issue is still to go to is kept only while it is being sent; then only counts remain. A message that could not be delivered is kept at most 30 days.',
  },
  'newsletter-issues': {
    trigger: 'never: the library’s own publications',
    period: null,
    summary:
      'Newsletter issues are the library’s own publications and are kept, with how many they went to, never to whom.',
  },
  'policy-versions': {
    trigger: 'never: the library’s record of what its policy said and when',
    period: null,
    summary:
      'Every published version of the privacy policy is kept permanently and stays public; an unpublished draft is kept until staff delete or publish it.',
  },

  inquiries: {
    trigger: 'the question is answered or closed',
    // The sweep reads the period from `inquiries.keepClosedDays`; this is its default.
    period: { days: 30 },
    summary:
      'A question sent to the library (ask a librarian) or a change of address is erased, with the reply and the contact details, 30 days after it is answered or closed unless the library sets another period.',
  },
  'inquiries-unanswered': {
    trigger: 'the question is sent',
    // The sweep reads the period from `inquiries.keepUnansweredDays`; this is its default.
    period: { days: 180 },
    summary:
      'A question or change of address that is never answered or closed is erased 180 days after it was sent unless the library sets another period.',
  },

  suggestions: {
    trigger: 'the suggestion arrives',
    // The sweep reads the period from `records.suggestionDays`; this is its default.
    period: { days: 730 },
    summary:
      'Suggestions and comments sent through the public form are public records, kept two years (unless the library sets another period), then destroyed with the key to the sender’s details. One listed for a records request stays as long as that request.',
  },
  'records-requests': {
    trigger: 'the request is closed: fulfilled, denied or withdrawn',
    // The sweep reads the period from `records.requestDays`; this is its default.
    period: { days: 1095 },
    summary:
      'Requests for public records, with the list of records found, are kept three years after they are closed (unless the library sets another period), then destroyed with the key to the requester’s details.',
  },

  'computer-queue': {
    trigger: 'the day the place in the waiting list was taken',
    period: { days: 1 },
    summary:
      'A place in the waiting list for a computer is deleted as soon as you sign in, leave the list or miss your call, and every place left is deleted when the day ends.',
  },
  'guest-passes': {
    trigger: 'the branch closes on the day the pass was printed for',
    period: { days: 0 },
    summary:
      'A guest pass for the computers works until the branch closes that day and is then deleted; only a keyed digest of its code was ever stored, never who used it.',
  },

  'sip-accounts': {
    trigger: 'the machine is taken out of service',
    period: { days: 365 },
    summary:
      'Accounts of self-check machines and computer managers are kept while in use and for one year after; they hold no information about people.',
  },
  'library-setup': {
    trigger: 'the library changes it',
    period: null,
    summary:
      'How the library is set up (branches, loan rules, opening days); no information about people.',
  },
  catalogue: {
    trigger: 'the item or title is withdrawn',
    period: null,
    summary: 'The catalog of titles and copies; no information about people.',
  },
  'disposal-records': {
    trigger: 'never: proof of what was destroyed is kept',
    period: null,
    summary:
      'Records of what the retention schedule destroyed (counts and dates only) are kept permanently.',
  },
  'legal-requests': {
    trigger: 'the request is decided or released',
    period: { days: 5 * 365 },
    summary:
      'Court orders and emergency requests for patron records, and what was released, are kept for five years.',
  },
  'legal-holds': {
    trigger: 'the hold is lifted',
    period: { days: 5 * 365 },
    summary: 'Legal holds that stop destruction are kept while in force and for five years after.',
  },
  'computer-sessions': {
    trigger: 'the session starts',
    period: { days: 1 },
    summary:
      'Which public computer you are signed in on is kept only while your session runs and never longer than a day; then only anonymous counts remain.',
  },
  'computer-allowance': {
    trigger: 'the day counted ends',
    period: { days: 1 },
    summary:
      'The computer minutes you used today are counted under a name that changes every day and is made with a key deleted after that day, with the counts.',
  },
  'computer-counts': {
    trigger: 'the day counted ends',
    period: { days: 5 * 365 },
    summary:
      'Counts of computer sessions and minutes (by day, hour, branch, group of computers and patron category, never by person) are kept for five years to plan the computers.',
  },
  'computer-messages': {
    trigger: 'the message is sent',
    period: { days: 1 },
    summary:
      'A message from staff to a computer screen is deleted once it is shown, or after a day.',
  },
  'activity-statistics': {
    trigger: 'the day counted ends',
    period: { days: 5 * 365 },
    summary:
      'Daily counts of new registrations, questions to the library and interlibrary-loan and purchase requests (by branch and patron category, never by person) are kept for five years for the annual report.',
  },
  system: {
    trigger: 'never: holds no information about people',
    period: null,
    summary: 'Internal bookkeeping with no information about people.',
  },
  'website-views': {
    trigger: 'the page is viewed',
    period: { days: 30 },
    summary:
      'Each page view on the website (the page, the time, the referring site and your network address with its last part removed) is kept in the separate statistics store for 30 days, then deleted.',
  },
  'website-statistics': {
    trigger: 'never: daily counts with no address and no visitor in them',
    period: null,
    summary:
      'Daily counts of views, visits and visitors per page, referring site and page-to-page move are kept as the library’s statistics; they hold no address and nothing that tells one visitor from another.',
  },
} as const satisfies Record<string, RetentionRule>

export type RetentionRuleId = keyof typeof RETENTION_RULES
