import type { TableEntry } from './inventory.js'
import { column, everyone, only, uniformTable } from './inventory-helpers.js'

const DESK = only('admin', 'librarian', 'circulation')

const session = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('confidential', 'computer session', purpose, 'computer-sessions', {
    access: DESK,
    ...extra,
  })

/**
 * Public computers (P13): the set-up, which holds nothing about people; a running session, the
 * one place a patron is linked to a computer, gone when the session ends and within a day at
 * most; today's minutes under a keyed name whose key dies with the day; and anonymous counts.
 */
export const COMPUTERS_INVENTORY: Record<string, TableEntry> = {
  computer_groups: uniformTable(
    'Groups of public computers at a branch',
    'operational',
    'library set-up',
    'library-setup',
    {
      id: 'Identifies a group.',
      branch: 'The branch the computers are at.',
      code: 'The short name rules refer to (adult, children, catalog).',
      name: 'The name staff and patrons see.',
    },
  ),
  computers: uniformTable(
    'Public computers',
    'operational',
    'library set-up',
    'library-setup',
    {
      id: 'Identifies a computer.',
      branch: 'The branch it is at.',
      group_id: 'The group whose rules apply to it.',
      name: 'The name on its label, for staff and for people called from the queue.',
      in_service: 'Whether staff took it out of service.',
      token_hash:
        'A digest of its device credential, to recognize it (the credential is not kept).',
      token_issued_on: 'The day its credential was issued.',
      last_seen_at: 'When it last reported, so staff see a computer that is off.',
    },
    { token_hash: { access: only('admin') } },
  ),
  computer_rules: uniformTable(
    'Time rules for public computers',
    'operational',
    'library set-up',
    'library-setup',
    {
      id: 'Identifies a rule.',
      group_code: 'The group of computers it applies to.',
      category: 'The patron category it applies to (or guest passes).',
      allowed: 'Whether that category may use those computers at all.',
      daily_minutes: 'Minutes allowed per day.',
      session_minutes: 'Minutes one session lasts.',
      extension_minutes: 'Minutes added when a session ends and nobody waits.',
    },
  ),
  computer_sessions: {
    store: 'records',
    description: 'Sessions running on public computers',
    columns: {
      id: session('Identifies a running session.'),
      computer_id: session('The computer it runs on.'),
      patron_id: session(
        'Who is signed in (a card holder), so that one card is on one computer at a time and the time is counted against it.',
        { access: only('admin', 'librarian') },
      ),
      guest_pass_id: session('The guest pass signed in with, instead of a card.'),
      category: session('The patron category whose rules apply.'),
      started_at: session('When it started, to count its minutes.'),
      ends_at: session('When it ends.'),
      extensions: session('How many times it was extended.'),
      lock_code_hash: session(
        'A keyed digest of the code the screen was locked with, while it is locked.',
        { access: only() },
      ),
      locked_until: session('Until when the screen is locked.'),
      lock_failures: session('Wrong unlock codes tried while locked.'),
    },
  },
  computer_allowance: uniformTable(
    'Computer minutes used today, under a name that changes every day',
    'confidential',
    'computer time used today',
    'computer-allowance',
    {
      day: 'The day counted.',
      subject: 'A keyed digest of the card holder or guest pass, under that day’s key.',
      minutes_used: 'Minutes used that day, to enforce the daily allowance.',
    },
    { subject: { access: only() }, minutes_used: { access: only() }, day: { access: only() } },
  ),
  computer_day_keys: uniformTable(
    'The day’s key for the computer time counters',
    'confidential',
    'computer time used today',
    'computer-allowance',
    {
      day: 'The day the key is for.',
      key: 'The random key the day’s counters are named with; deleted with them.',
    },
    { day: { access: only() }, key: { access: only() } },
  ),
  computer_usage_counts: uniformTable(
    'Counts of public computer use',
    'anonymous_statistic',
    'computer use statistics',
    'computer-counts',
    {
      day: 'The day counted.',
      hour: 'The hour sessions started in.',
      branch: 'The branch.',
      group_code: 'The group of computers.',
      category: 'The patron category (or guest passes).',
      sessions: 'How many sessions.',
      minutes: 'How many minutes.',
    },
    Object.fromEntries(
      ['day', 'hour', 'branch', 'group_code', 'category', 'sessions', 'minutes'].map((c) => [
        c,
        { access: everyone() },
      ]),
    ),
  ),
  computer_messages: uniformTable(
    'Messages from staff waiting to be shown on a computer',
    'operational',
    'message to a computer screen',
    'computer-messages',
    {
      id: 'Identifies a message.',
      computer_id: 'The computer to show it on.',
      body: 'The text staff wrote.',
      created_at: 'When it was sent, so one never shown is deleted after a day.',
    },
    Object.fromEntries(
      ['id', 'computer_id', 'body', 'created_at'].map((c) => [c, { access: DESK }]),
    ),
  ),
}
