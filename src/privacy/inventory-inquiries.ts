import type { TableEntry } from './inventory.js'
import { column, only } from './inventory-helpers.js'

const INQUIRY = 'question to the library'
// Reference questions are the librarians'; desk staff see the address changes they check.
const READERS = only('admin', 'librarian', 'circulation')
const inq = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('confidential', INQUIRY, purpose, 'inquiries', { access: READERS, ...extra })

/** Ask a librarian and changes of address: borrower records, sealed, erased on schedule. */
export const INQUIRY_INVENTORY: Record<string, TableEntry> = {
  inquiries: {
    store: 'records',
    description:
      'Questions sent to the library (ask a librarian) and changes of address sent from the account',
    columns: {
      id: inq('Identifies a question or a change of address.'),
      patron_id: inq(
        'The account it was sent from, when the patron was signed in; empty for the public form.',
      ),
      kind: inq('Whether it is a question or a change of address.'),
      status: inq('Whether it waits for staff, was answered, or is closed.'),
      language: inq('The language to answer in (English or Spanish).'),
      reply_by: inq('How the person wants the answer: by email, or at the desk or by phone.'),
      name_enc: inq('The name given on the public form, if any, to greet the person.', {
        encrypted: true,
      }),
      email_enc: inq('The address given on the public form, to send the answer to.', {
        encrypted: true,
      }),
      body_enc: inq('The question, or the new address for staff to check and apply.', {
        encrypted: true,
      }),
      assigned_to: inq('The staff member looking after it.'),
      created_at: inq(
        'When it was sent, to answer the oldest first and to erase one never answered on time.',
        { retention: 'inquiries-unanswered' },
      ),
      settled_on: inq('The day it was answered or closed, so that it is erased on time.'),
    },
  },
  inquiry_replies: {
    store: 'records',
    description: 'Replies by email to questions sent to the library',
    columns: Object.fromEntries(
      (
        [
          ['id', 'Identifies a reply.'],
          ['inquiry_id', 'The question it answers.'],
          ['body_enc', 'What the library answered.'],
          ['language', 'The language it is written in.'],
          ['status', 'Waiting, being sent, sent or failed.'],
          ['attempts', 'How many times sending was tried.'],
          ['created_on', 'The day it was written.'],
          ['sent_on', 'The day it was sent.'],
          ['next_attempt_at', 'When to try again after the mail server refused it for now.'],
          ['claimed_by', 'Which delivery worker holds it while sending it.'],
          ['lease_until', 'Until when that worker holds it.'],
          ['failure', 'Why it could not be delivered, with no address in it.'],
        ] as const
      ).map(([c, purpose]) => [
        c,
        column('confidential', 'reply to a question', purpose, 'inquiries', {
          access: only('admin', 'librarian'),
          ...(c === 'body_enc' && { encrypted: true as const }),
        }),
      ]),
    ),
  },
}
