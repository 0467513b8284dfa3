import { INVENTORY } from '../../privacy/inventory.js'
import { newsletterKeep } from './notice-newsletter.js'
import { inquiryKeep } from './notice-inquiries.js'
import { PUBLIC_RECORD_TABLES } from '../../privacy/inventory-records.js'
import { recordsKeep } from './notice-records.js'
import { computersKeep } from './notice-computers.js'
import { computerQueueKeep, computerQueueNotice } from './notice-computer-queue.js'
import { websiteBrowsing, websiteKeep } from './notice-website.js'
import { WEBSITE_TABLES } from '../../privacy/inventory-website.js'

const shown = Object.entries(INVENTORY).flatMap(([table, entry]) =>
  Object.entries(entry.columns)
    .filter(
      ([, c]) =>
        c.classification === 'confidential' ||
        c.classification === 'anonymous_statistic' ||
        (c.classification === 'public_record' && PUBLIC_RECORD_TABLES.includes(table)) ||
        (c.classification === 'operational' && WEBSITE_TABLES.includes(table)),
    )
    .map(([column, c]) => ({ table, column, entry: c })),
)

/**
 * Why each column is kept, keyed on the inventory (table, then column): in English these are the
 * inventory's own words, so the notice cannot drift from it; every other language must give a
 * text for every key (test/i18n/catalog.test.ts and test/web/privacy-notice-es.test.ts).
 */
const purpose: Record<string, Record<string, string>> = {}
for (const { table, column, entry } of shown) (purpose[table] ??= {})[column] = entry.purpose

/** What each category is, keyed as `categoryKey` in src/policy/privacy-notice.ts builds it. */
const category: Record<string, string> = Object.fromEntries(
  shown.map(({ entry }) => [
    entry.category.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
    entry.category.charAt(0).toUpperCase() + entry.category.slice(1),
  ]),
)

/** The privacy notice: its plain summary and the detail generated from the data inventory. */
export const notice = {
  title: 'Privacy notice',
  heading: 'How we protect your privacy',
  lead: 'Your library records are confidential. Here is the short version; the full list of what we keep follows.',
  summary: {
    heading: 'In short',
    keep: {
      heading: 'What we keep',
      registration:
        'Your registration: your name, address and the other details you give us when you sign up, and your library card.',
      borrowing:
        'What you have checked out now, your holds, and any fines or fees you owe, with what you have paid toward them.',
      notKept:
        'We do not keep a list of what you have returned. Once an item is back and nothing is owed on it, the link between you and the item is deleted, unless you turn on your reading history.',
      counts:
        'What is left afterwards are counts with no names, such as how many books were checked out at each branch each day.',
    },
    why: {
      heading: 'Why',
      text: 'To lend to you, keep your place in line for holds, keep your account right, and reach you about it.',
    },
    howLong: {
      heading: 'For how long',
      registration:
        'Your registration: while your card is valid (a new card is valid for {{validity}}), and {{after}} after it expires, if nothing is still out or owed. Then the key that unlocks your personal details is destroyed.',
      borrowing:
        'A checkout, a hold or a fine: only while the item is out, the hold is open or something is owed. Then it is deleted.',
      accessLog: 'The record of which staff opened your account: {{period}}.',
      awaitingApproval:
        'The library has not yet recorded the state approval it needs to destroy some of these records, so for now they are kept longer. The list below says which.',
      legalHold:
        'A legal hold, for example during a lawsuit, stops the records it covers from being destroyed until it is lifted.',
    },
    who: {
      heading: 'Who can see it',
      staff:
        'Library staff, each with their own sign-in, and only what their work needs. Every time staff open, search, change or export your record, it is written to a log that shows if anyone tampers with it.',
      law: 'We do not sell your information or give it away. We release records only under a court order, or in the narrow emergency the law allows, when police may learn who you are and how to reach you, but never what you borrowed. The privacy officer decides each request.',
      transparency: 'How many requests we receive',
    },
    rights: {
      heading: 'Your choices and rights',
      myData: 'See and download everything we hold about you',
      accesses: 'See when staff looked at your record',
      history:
        'Turn your reading history on or off at any time (it is off unless you turn it on; turning it off erases it)',
      correct: 'Ask at the desk to correct your details.',
      erase:
        'Ask the privacy officer to erase your registration: the key to your personal details is destroyed, so they can never be read again.',
    },
    contact: {
      heading: 'Whom to contact',
      text: 'For questions or requests about your privacy, ask at any desk of {{library}} for the privacy officer.',
      named: 'For questions or requests about your privacy, get in touch with {{name}}:',
      email: 'by email at',
      phone: 'by phone at',
      desk: 'or at any desk of {{library}}.',
    },
  },
  about: {
    heading: 'About this notice',
    text: 'This notice describes Carrel {{version}}, the software {{library}} uses for its records, with this library’s settings. The list below is made by that software from its own description of the data it stores and of how long it keeps it, so it changes when they do.',
    made: 'This copy was made on {{date}}.',
  },
  detail: {
    heading: 'What we keep, why, and for how long',
    intro:
      'Each part below lists a kind of record, why we keep it and how long it stays. Details this library does not collect are left out.',
    what: 'What',
    why: 'Why we keep it',
    howLong: 'For how long',
    encrypted: 'Encrypted',
    yes: 'Yes',
    no: 'No',
    sections: {
      registration: 'Your registration and library card',
      borrowing: 'Borrowing, holds and fines',
      afterwards: 'What is left afterwards: counts with no names',
      other: 'Other records',
      publicRecords: 'Suggestions and records requests: public records',
      computers: 'Public computers',
      website: 'Website statistics',
    },
  },
  computers: {
    heading: 'Using the public computers',
    sessions:
      'You sign in on a library computer with your card and PIN, or with a guest pass that names nobody. While you are signed in, the library knows which computer is yours so it can count your time; your PIN is checked and never stored. When you log off or your time runs out, that link is deleted, and within a day nothing is left but counts of sessions and minutes per hour, with no names.',
  },
  browsing: websiteBrowsing,
  elsewhere: {
    heading: 'Online databases and other websites',
    before: 'Some services we offer, such as our',
    link: 'online databases',
    after:
      ', are run by other companies. They set their own cookies when you use them and have their own privacy policies. When a link takes you off our site we say so first, and we do not tell the other site which of our pages you came from.',
  },
  wifi: {
    heading: 'Our wireless network',
    before:
      'The library’s Wi-Fi is not encrypted. Before you use it for anything private, read the',
    link: 'Wi-Fi notice',
    after: '.',
  },
  period: {
    days_one: '{{count}} day',
    days_other: '{{count}} days',
    months_one: '{{count}} month',
    months_other: '{{count}} months',
    years_one: '{{count}} year',
    years_other: '{{count}} years',
  },
  /** How long each series stays, built around the schedule's own period. */
  keep: {
    'patron-registration':
      'While the card is valid, then {{period}} after it expires, if nothing is still out or owed. Then the key to the personal details is destroyed.',
    'card-record':
      'While the card is in use, then {{period}} after it is replaced. Every card goes when the registration is erased.',
    'card-ledger': '{{period}} from each entry, as financial records.',
    'account-notes': 'Until the registration is erased; deleted with it.',
    'reading-history':
      'Kept only if you turn your reading history on, and erased as soon as you turn it off.',
    'loan-link':
      'Only while the item is out or something is owed on it. Then it is deleted, unless you keep a reading history.',
    holds:
      'Only while the hold is open. Then it is deleted. A copy left on the hold shelf stays listed, without your name, until staff take it off the shelf.',
    fees: 'Only while it is owed. Once it is paid or waived it is deleted.',
    payments:
      'While you still owe something. When your balance reaches zero they are deleted (monthly totals remain).',
    'patron-requests': 'Until the request is finished, then {{period}}.',
    notices: 'At most {{period}} after it is written, whether it was sent or not.',
    maildrop:
      'At most {{period}} after it is written; then the file is deleted. Only while the library sends no email.',
    'erasure-journal':
      'At most {{period}}: as long as a backup may still be restored, so that restoring one never brings back what was erased or disposed of. Then the line is deleted.',
    'legal-requests': '{{period}} after the request is decided or the records are released.',
    'loan-statistics': '{{period}}, to plan the collection.',
    'hold-statistics': '{{period}}.',
    'fee-statistics': '{{period}}, as financial records.',
    'activity-statistics': '{{period}}, for the library’s annual report.',
    catalogue: 'As long as the copy is in the catalog.',
    ...newsletterKeep,
    ...inquiryKeep,
    ...recordsKeep,
    ...computersKeep,
    ...computerQueueKeep,
    ...websiteKeep,
    awaitingApproval: 'Until the library records its approval, these are not destroyed.',
  },
  category,
  purpose,
  computerQueue: computerQueueNotice,
}
