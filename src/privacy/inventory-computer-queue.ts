import type { TableEntry } from './inventory.js'
import { column, only, uniformTable } from './inventory-helpers.js'

const DESK = only('admin', 'librarian', 'circulation')
const place = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('confidential', 'computer waiting list', purpose, 'computer-queue', {
    access: DESK,
    ...extra,
  })

/** The computer waiting list and the guest passes: nothing here outlives the day (P13). */
export const COMPUTER_QUEUE_INVENTORY: Record<string, TableEntry> = {
  computer_queue: {
    store: 'records',
    description: 'Places in the waiting list for a public computer, today only',
    columns: {
      id: place('Identifies a place, so desk staff can take it off the list.'),
      branch: place('The branch whose computers the person waits for.'),
      group_id: place('The group of computers waited for (adult, children, catalog only).'),
      ticket: place(
        'The number the person is called by on the screen in the library, instead of a name.',
      ),
      patron_id: place(
        'The card holder waiting, so the computer held for them lets only them sign in and one card holds one place per branch; empty for an anonymous ticket from the desk.',
        { access: only() },
      ),
      initial_enc: place(
        'The first letter of the given name, so desk staff can tell people apart without a full name or card number.',
        { encrypted: true },
      ),
      status: place('Waiting, or called to a computer.'),
      called_computer_id: place('The computer held for the person called.'),
      call_expires_at: place('Until when that computer is held; then the next person is called.'),
      joined_on: place('The day the place was taken, so that none is kept past the day.'),
    },
  },
  computer_queue_tickets: uniformTable(
    'The last waiting-list number handed out per branch and day',
    'operational',
    'computer waiting list',
    'computer-queue',
    {
      branch: 'The branch the numbers belong to.',
      day: 'The day they belong to; numbers start at 1 each day.',
      last_ticket: 'The last number handed out, so the next person gets the next one.',
    },
    { branch: { access: DESK }, day: { access: DESK }, last_ticket: { access: DESK } },
  ),
  guest_passes: uniformTable(
    'Guest passes for the public computers, printed at the desk',
    'operational',
    'computer guest pass',
    'guest-passes',
    {
      id: 'Identifies a pass, so its day’s computer time can be counted without knowing who holds it.',
      branch: 'The branch whose computers the pass works at.',
      code_hash:
        'A keyed digest of the code printed on the pass, to recognize it (the code is not kept).',
      valid_on: 'The day the pass is for.',
      expires_at: 'When the branch closes that day; the pass stops working and is deleted.',
    },
    { code_hash: { access: only() } },
  ),
}
