import type { TableEntry } from './inventory.js'
import { only, uniformTable } from './inventory-helpers.js'

/**
 * Personal data kept as files in the data directory rather than in a database. The live-schema
 * check (inventory-check.ts) compares databases only; these entries feed the privacy notice, the
 * retention schedule and the staff-access rules like any table. Each "column" is a part of the
 * file.
 */
export const MAILDROP_INVENTORY: Record<string, TableEntry> = {
  maildrop: {
    ...uniformTable(
      'Messages written to <data dir>/mail/ instead of being sent, when no mail server is set up',
      'confidential',
      'notification and contact',
      'maildrop',
      {
        file_name:
          'The day it was written, the patron (or newsletter subscription) and the message, so it can be deleted on time.',
        recipient:
          'The email address the message would have gone to: a patron’s, or a newsletter subscriber’s.',
        subject: 'What the message is about.',
        body: 'What it says, in plain text and HTML: the patron’s first name and the notice (never a title), or a newsletter issue or sign-up confirmation.',
        headers:
          'Sender, date, language, message id and, for the newsletter, the unsubscribe link.',
      },
      Object.fromEntries(
        ['file_name', 'recipient', 'subject', 'body', 'headers'].map((c) => [
          c,
          // Read on the "Mail not sent" staff page, by those who run the scheduled jobs.
          { access: only('admin') },
        ]),
      ),
    ),
    store: 'files',
  },
}

/**
 * The erasure journal (src/privacy/erasure-journal.ts): outside every database and every backup,
 * beside the master key, so a restored backup can be brought back to what was destroyed since.
 */
export const JOURNAL_INVENTORY: Record<string, TableEntry> = {
  erasure_journal: {
    ...uniformTable(
      'Erasures and disposals to apply again after a backup is restored, one file per day in <data dir>/erasure-journal/',
      'operational',
      'erasure journal',
      'erasure-journal',
      {
        file_name: 'The day the lines in it were written, so whole days are deleted on time.',
        id: 'A random id for the line, so Carrel knows how far each store has got.',
        kind: 'An erasure or a disposal.',
        patron:
          'For an erasure: the random id of the erased account (never a name, card or other detail).',
        series: 'For a disposal: the record series swept.',
        cutoff: 'For a disposal: records dated before this instant were due.',
        authority: 'For a disposal: the approval it was done under.',
        day: 'The day (not the time) it was written.',
      },
      Object.fromEntries(
        ['file_name', 'id', 'kind', 'patron', 'series', 'cutoff', 'authority', 'day'].map((c) => [
          c,
          // Read only by Carrel itself and by whoever runs backups on the server. The erased
          // account's id is part of that patron's registration record, so the notice lists it.
          { access: only('admin'), ...(c === 'patron' && { classification: 'confidential' }) },
        ]),
      ),
    ),
    store: 'files',
  },
}
