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
