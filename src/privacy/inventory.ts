import type { PatronFieldSwitches } from '../config/config.schema.js'
import type { Engine } from '../db/dialect.js'
import { STAFF_ROLES, type StaffRole } from '../staff/staff.tables.js'
import type { RetentionRuleId } from './retention-rules.js'
import {
  CIRCULATION_INVENTORY,
  CIRCULATION_STATISTICS_INVENTORY,
  JOBS_INVENTORY,
  LIBRARY_INVENTORY,
} from './inventory-circulation.js'
import { SIP2_INVENTORY } from './inventory-sip2.js'
import { CATALOG_SEARCH_INVENTORY } from './inventory-search.js'
import { RETENTION_INVENTORY } from './inventory-retention.js'
import { JOURNAL_INVENTORY, MAILDROP_INVENTORY } from './inventory-files.js'
import { NEWSLETTER_INVENTORY } from './inventory-newsletter.js'
import { POLICY_INVENTORY } from './inventory-policy.js'
import { INQUIRY_INVENTORY } from './inventory-inquiries.js'
import { RECORDS_INVENTORY } from './inventory-records.js'
import { COMPUTERS_INVENTORY } from './inventory-computers.js'
import { COMPUTER_QUEUE_INVENTORY } from './inventory-computer-queue.js'
import { WEBSITE_INVENTORY } from './inventory-website.js'
import { ACTIVITY_INVENTORY } from './inventory-activity.js'

export type Classification =
  'confidential' | 'public_record' | 'operational' | 'anonymous_statistic'
/** full: the value; masked: a partial view (see `mask`); hidden: not shown at all. */
export type Access = 'full' | 'masked' | 'hidden'

export interface ColumnEntry {
  category: string
  purpose: string
  classification: Classification
  retention: RetentionRuleId
  access: Record<StaffRole, Access>
  /** Stored only as AES-256-GCM ciphertext under the patron's data key. */
  encrypted?: true
  /** How a masked value is shown. */
  mask?: 'last4'
  /** The config switch that turns collection of this field off. */
  optional?: keyof PatronFieldSwitches
  /** Stored on this engine only (a search index's own machinery). */
  engine?: Engine
}

export interface TableEntry {
  /**
   * records, keys, statistics: the three databases; files: stored as files in the data
   * directory, not in a database.
   */
  store: 'records' | 'keys' | 'statistics' | 'files'
  description: string
  columns: Record<string, ColumnEntry>
  /** Exists on this engine only (SQLite's full-text index and its shadow tables). */
  engine?: Engine
}

const everyone = (a: Access = 'full'): Record<StaffRole, Access> =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, a])) as Record<StaffRole, Access>
const only = (...roles: StaffRole[]): Record<StaffRole, Access> =>
  Object.fromEntries(STAFF_ROLES.map((r) => [r, roles.includes(r) ? 'full' : 'hidden'])) as Record<
    StaffRole,
    Access
  >

const op = (purpose: string, retention: RetentionRuleId, access = everyone()): ColumnEntry => ({
  category: 'operational',
  purpose,
  classification: 'operational',
  retention,
  access,
})
const reg = (category: string, purpose: string, extra: Partial<ColumnEntry> = {}): ColumnEntry => ({
  category,
  purpose,
  classification: 'confidential',
  retention: 'patron-registration',
  access: everyone(),
  ...extra,
})
const system = (purpose: string): ColumnEntry => op(purpose, 'system', only('admin'))

const CONTACT = 'To identify the patron and to contact them about their account.'

/** P1: every stored column, what it is for and how long it stays. A test holds this to the live schema. */
export const INVENTORY: Record<string, TableEntry> = {
  staff: {
    store: 'records',
    description: 'Staff accounts',
    columns: {
      id: op('Identifies a staff account.', 'staff-account'),
      username: op('Signs a staff member in.', 'staff-account'),
      display_name: op('Names the staff member on screens and in the audit log.', 'staff-account'),
      password_hash: op(
        'Checks the password (Argon2id; the password itself is never stored).',
        'staff-account',
        only(),
      ),
      role: op('Decides what the staff member may see and do.', 'staff-account'),
      active: op('Lets an administrator switch an account off.', 'staff-account'),
      created_at: op('When the account was created.', 'staff-account'),
      updated_at: op('When the account last changed.', 'staff-account'),
      credentials_changed_at: op(
        'Credentials issued before this stop working.',
        'staff-account',
        only('admin'),
      ),
      session_version: op(
        'A counter: desk sessions signed in under an older number are over (sign-out, new password, role change).',
        'staff-account',
        only('admin'),
      ),
    },
  },
  patrons: {
    store: 'records',
    description: 'Patron registrations',
    columns: {
      id: reg('registration', 'Links the parts of one registration.'),
      status: reg('registration', 'Whether the registration is active or has been erased.'),
      category: reg('registration', 'Sets loan rules and fees for the kind of patron.'),
      home_branch: reg('registration', 'The branch that looks after the account.'),
      expires_on: reg('registration', 'When the card must be renewed.'),
      given_name_enc: reg('name', CONTACT, { encrypted: true }),
      family_name_enc: reg('name', CONTACT, { encrypted: true }),
      address_enc: reg('address', 'To confirm residency for a card and to send notices by post.', {
        encrypted: true,
      }),
      phone_enc: reg('phone number', 'To reach the patron about holds and overdue items.', {
        encrypted: true,
        optional: 'phone',
      }),
      email_enc: reg('email address', 'To contact the patron about their account.', {
        encrypted: true,
      }),
      licence_number_enc: reg(
        "driver's license number",
        'To confirm identity when a card is issued.',
        {
          encrypted: true,
          optional: 'licenceNumber',
          mask: 'last4',
          access: {
            admin: 'full',
            privacy_officer: 'full',
            librarian: 'masked',
            circulation: 'masked',
          },
        },
      ),
      sex_enc: reg('sex', 'Recorded at registration where the library collects it.', {
        encrypted: true,
        optional: 'sex',
      }),
      birth_date_enc: reg('date of birth', 'To set the patron category (child, adult, senior).', {
        encrypted: true,
        optional: 'birthDate',
        access: {
          admin: 'full',
          privacy_officer: 'full',
          librarian: 'full',
          circulation: 'hidden',
        },
      }),
      notify_notices: reg('communication choice', 'Whether the patron wants circulation notices.'),
      notify_newsletter: reg('communication choice', 'Whether the patron wants the newsletter.'),
      notify_policy_changes: reg(
        'communication choice',
        'Whether the patron wants to hear about policy changes.',
      ),
      language: reg(
        'communication choice',
        'The language the patron chose for the library pages (English or Spanish); empty means the browser decides.',
      ),
      keep_history: reg(
        'communication choice',
        'Whether the patron chose to keep a reading history (off unless they ask).',
        { retention: 'reading-history' },
      ),
      notice_titles: reg(
        'communication choice',
        'Whether the patron chose to have titles named in their notices (off unless they ask).',
      ),
      notices_declined: reg(
        'communication choice',
        'Which optional notice types the patron turned off.',
      ),
      card_expiry_noticed: reg(
        'registration',
        'The expiry date the patron was last told of, so the card-expiring notice is sent once.',
      ),
      erasure_warning_delivered: reg(
        'registration',
        'Whether the warning that a lapsed registration is due to be erased reached the patron; erasure waits for it.',
      ),
      created_at: reg('registration', 'When the card account was opened.'),
      updated_at: reg('registration', 'When the registration last changed.'),
      erased_at: reg('registration', 'When the personal data was destroyed.'),
      erasure_warned_at: reg(
        'registration',
        'When a warning was written that a lapsed registration is due to be erased.',
      ),
      policy_version: reg(
        'registration',
        'Which version of the privacy policy was in force, and shown, when the patron registered.',
      ),
      session_version: op(
        'A counter, not personal data: web sessions signed in under an older number are over (sign-out, new PIN, card lost or replaced).',
        'patron-registration',
        only('admin'),
      ),
    },
  },
  patron_lookup: {
    store: 'records',
    description: 'Keyed blind indexes for exact lookups (digests, never values)',
    columns: {
      patron_id: reg('registration', 'Finds the patron a digest belongs to.'),
      kind: reg('registration', 'Which field the digest was made from.'),
      digest: reg(
        'registration',
        'A keyed digest of an email, phone, license number or surname (or its first letters).',
      ),
    },
  },
  cards: {
    store: 'records',
    description: 'Library cards',
    columns: {
      id: reg('library card', 'Identifies a card.', { retention: 'card-record' }),
      patron_id: reg('library card', 'The account the card belongs to.', {
        retention: 'card-record',
      }),
      barcode: reg('library card', 'The number printed on the card, scanned at the desk.', {
        retention: 'card-record',
      }),
      pin_hash: reg(
        'library card',
        'Checks the PIN (Argon2id with a pepper; the PIN is never stored).',
        {
          retention: 'card-record',
          access: only(),
        },
      ),
      status: reg('library card', 'Active, lost, expired or replaced.', {
        retention: 'card-record',
      }),
      issued_at: reg('library card', 'When the card was issued.', { retention: 'card-record' }),
      status_changed_at: reg('library card', 'When the status last changed.', {
        retention: 'card-record',
      }),
      replaced_by: reg('library card', 'The card that replaced a lost one.', {
        retention: 'card-record',
      }),
    },
  },
  pin_failures: {
    store: 'records',
    description: 'Recent failed PIN checks and staff sign-ins',
    columns: {
      id: op('Identifies a failed check.', 'pin-failures', only('admin')),
      subject: op(
        'A keyed digest of the card number tried (unknown numbers too).',
        'pin-failures',
        only('admin'),
      ),
      failed_at: op(
        'When the check failed, to count failures in the lockout window.',
        'pin-failures',
        only('admin'),
      ),
    },
  },
  attempt_counts: {
    store: 'records',
    description: 'Wrong PINs and passwords per network address, per minute',
    columns: {
      id: op('Identifies a count.', 'attempt-counts', only('admin')),
      scope: op(
        'What was counted (wrong secrets, or newsletter sign-ups).',
        'attempt-counts',
        only('admin'),
      ),
      subject: op(
        'A keyed digest of the network address the attempts came from; the address itself is never stored.',
        'attempt-counts',
        only('admin'),
      ),
      minute: op(
        'The minute counted, to slow an address down within the throttle window.',
        'attempt-counts',
        only('admin'),
      ),
      hits: op('How many wrong attempts in that minute.', 'attempt-counts', only('admin')),
    },
  },
  card_ledger: {
    store: 'records',
    description: 'Card monetary balance, as a ledger',
    columns: {
      id: reg('monetary balance', 'Identifies a ledger entry.', { retention: 'card-ledger' }),
      patron_id: reg('monetary balance', 'The account the entry belongs to.', {
        retention: 'card-ledger',
      }),
      amount_cents: reg(
        'monetary balance',
        'Credit (positive) or debit (negative); the sum is the balance.',
        { retention: 'card-ledger' },
      ),
      reason: reg('monetary balance', 'Why the balance changed.', { retention: 'card-ledger' }),
      staff_id: reg('monetary balance', 'Who made the entry (empty for the system).', {
        retention: 'card-ledger',
      }),
      created_at: reg('monetary balance', 'When the entry was made.', { retention: 'card-ledger' }),
    },
  },
  account_notes: {
    store: 'records',
    description: 'Informational notes on card-account matters',
    columns: {
      id: reg('account note', 'Identifies a note.', { retention: 'account-notes' }),
      patron_id: reg('account note', 'The account the note is about.', {
        retention: 'account-notes',
      }),
      body_enc: reg('account note', 'What staff need to know about the account.', {
        retention: 'account-notes',
        encrypted: true,
      }),
      author_staff_id: reg('account note', 'Who wrote the note.', { retention: 'account-notes' }),
      created_at: reg('account note', 'When the note was written.', { retention: 'account-notes' }),
    },
  },
  audit_log: {
    store: 'records',
    description:
      'Record of every staff access to patron records, written as a set of hash chains side by side and verified together',
    columns: {
      ...Object.fromEntries(
        (
          [
            'seq',
            'at',
            'actor_type',
            'actor_id',
            'action',
            'patron_id',
            'detail',
            'prev_hash',
            'hash',
          ] as const
        ).map((c) => [
          c,
          op(
            'Shows who read, found, changed, exported or erased a patron record, and proves the log was not altered.',
            'audit-log',
            only('admin', 'privacy_officer'),
          ),
        ]),
      ),
      chain: op(
        'Which of the hash chains the entry belongs to, so that concurrent writers need not wait for each other.',
        'audit-log',
        only('admin', 'privacy_officer'),
      ),
      chain_seq: op(
        'The place of the entry in its chain, so that an entry removed, reordered or moved between chains shows.',
        'audit-log',
        only('admin', 'privacy_officer'),
      ),
    },
  },
  audit_chains: {
    store: 'records',
    description: 'The newest entry of each audit-log hash chain',
    columns: {
      chain: system('Names the chain.'),
      chain_seq: system(
        'How far the chain has reached, so it carries on after old entries are disposed of and a cut end shows.',
      ),
      hash: system('The hash of the newest entry of the chain, which the next entry links to.'),
    },
  },
  patron_keys: {
    store: 'keys',
    description:
      'Per-patron data keys, and the keys of newsletter sign-up addresses, wrapped by the master key (key store)',
    columns: {
      patron_id: op(
        'The patron a data key belongs to, or "newsletter:" and the subscription whose address it seals, "inquiry:" and the public question it seals, or "suggestion:" or "records-request:" and the public record whose contact details it seals.',
        'patron-registration',
        only(),
      ),
      wrapped_key: op(
        'The data key, encrypted under the master key; deleting it erases the patron.',
        'patron-registration',
        only(),
      ),
      created_at: op('When the key was made.', 'patron-registration', only()),
    },
  },
  ...LIBRARY_INVENTORY,
  ...CIRCULATION_INVENTORY,
  ...CIRCULATION_STATISTICS_INVENTORY,
  ...JOBS_INVENTORY,
  ...RETENTION_INVENTORY,
  ...SIP2_INVENTORY,
  ...CATALOG_SEARCH_INVENTORY,
  ...MAILDROP_INVENTORY,
  ...JOURNAL_INVENTORY,
  ...NEWSLETTER_INVENTORY,
  ...POLICY_INVENTORY,
  ...INQUIRY_INVENTORY,
  ...RECORDS_INVENTORY,
  ...COMPUTERS_INVENTORY,
  ...COMPUTER_QUEUE_INVENTORY,
  ...WEBSITE_INVENTORY,
  ...ACTIVITY_INVENTORY,
  kysely_migration: {
    store: 'records',
    description: 'Schema version bookkeeping (in both stores)',
    columns: {
      name: system('Which migrations have run.'),
      timestamp: system('When each migration ran.'),
    },
  },
  kysely_migration_lock: {
    store: 'records',
    description: 'Schema migration lock (in both stores)',
    columns: {
      id: system('Keeps two processes from migrating at once.'),
      is_locked: system('Whether a migration is running.'),
    },
  },
}

/** The tables every store holds besides its own: Kysely's migration bookkeeping. */
export const SHARED_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const

export function columnEntry(table: string, column: string): ColumnEntry {
  const entry = INVENTORY[table]?.columns[column]
  if (entry === undefined) throw new Error(`No inventory entry for ${table}.${column}`)
  return entry
}
