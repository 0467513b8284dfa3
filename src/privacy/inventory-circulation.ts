import type { TableEntry } from './inventory.js'
import { uniformTable } from './inventory-helpers.js'

/** Library set-up and catalog: no information about people. */
export const LIBRARY_INVENTORY: Record<string, TableEntry> = {
  branches: uniformTable('Branches', 'operational', 'library set-up', 'library-setup', {
    code: 'Identifies a branch.',
    name: 'The branch name shown to patrons.',
    created_at: 'When the branch was added.',
    address: "The branch's postal address, shown on the public branch pages.",
    phone: "The branch's public phone number.",
    email: "The branch's public email address, if it has one.",
  }),
  opening_hours: uniformTable(
    'Regular opening hours per branch',
    'operational',
    'library set-up',
    'library-setup',
    {
      branch: 'The branch the hours belong to.',
      weekday: 'The day of the week.',
      span: 'First or second opening of that day.',
      opens_at: 'When the branch opens (local time).',
      closes_at: 'When the branch closes (local time).',
    },
  ),
  item_types: uniformTable('Item types', 'operational', 'library set-up', 'library-setup', {
    code: 'Identifies an item type.',
    name: 'The name shown to staff and patrons.',
    not_for_loan: 'Items of this type stay in the library.',
    magnetic_media:
      'Whether items of this type are magnetic media, which self-check machines must not desensitize.',
    security_marker:
      'The kind of security strip items of this type carry, for self-check machines.',
  }),
  patron_categories: uniformTable(
    'Patron categories',
    'operational',
    'library set-up',
    'library-setup',
    {
      code: 'Identifies a patron category.',
      name: 'The name shown to staff.',
      max_owed_cents: 'Checkout stops when a patron owes more than this.',
      internet_profile: 'What computer managers are told about internet use for the category.',
    },
  ),
  loan_rules: uniformTable(
    'Loan rules (branch × patron category × item type)',
    'operational',
    'library set-up',
    'library-setup',
    {
      id: 'Identifies a rule.',
      branch: 'The branch the rule covers, or any.',
      patron_category: 'The patron category the rule covers, or any.',
      item_type: 'The item type the rule covers, or any.',
      loan_period: 'How long a loan lasts.',
      period_unit: 'Whether the period is in days or hours.',
      max_items: 'Most items a patron may have out.',
      renewals_allowed: 'How many times a loan may be renewed.',
      fine_per_day_cents: 'Overdue fine per open day.',
      max_fine_cents: 'Most an overdue fine on one item can reach.',
      grace_days: 'Days overdue before any fine is charged.',
      holds_allowed: 'Whether holds may be placed.',
      updated_at: 'When the rule last changed.',
    },
  ),
  closed_days: uniformTable(
    'Closed days per branch',
    'operational',
    'library set-up',
    'library-setup',
    {
      id: 'Identifies a closed day.',
      branch: 'The branch that is closed, or all.',
      on_date: 'A one-off closed date.',
      weekday: 'A weekly closed day.',
      note: 'Why the branch is closed.',
    },
  ),
  bib_records: uniformTable(
    'Catalog records',
    'operational',
    'catalogue',
    'catalogue',
    {
      id: 'Identifies a title.',
      title: 'The title.',
      author: 'The author.',
      isbn: 'The ISBN.',
      year: 'The year of publication.',
      material_type: 'Book, video, music and so on.',
      search_text:
        "The title's and author's words without accents, stemmed in English and Spanish, for catalog search.",
      search_vector:
        'PostgreSQL: the title and author as full-text search terms in English and Spanish.',
      created_at: 'When the record was added.',
      updated_at: 'When the record last changed.',
    },
    { search_vector: { engine: 'postgres' } },
  ),
  items: uniformTable(
    'Copies',
    'operational',
    'catalogue',
    'catalogue',
    {
      id: 'Identifies a copy.',
      record_id: 'The title this is a copy of.',
      barcode: 'The number on the copy.',
      call_number: 'Where it sits on the shelf.',
      branch: 'Its home branch.',
      item_type: 'Sets the loan rules.',
      status: 'Available, on loan, on the hold shelf, in transit, lost…',
      transit_to: 'Where a copy in transit is going.',
      replacement_price_cents: 'What a lost copy costs to replace.',
      times_lent: 'How many times the copy has been lent, ever (no dates, no borrowers).',
      magnetic_media: "Whether this copy is magnetic media, when it differs from its type's.",
      security_marker: "This copy's kind of security strip, when it differs from its type's.",
      created_at: 'When the copy was added.',
      updated_at: 'When the catalog last changed the copy (lending never dates a copy).',
    },
    {
      times_lent: {
        classification: 'anonymous_statistic',
        category: 'how often each copy is lent',
      },
    },
  ),
}

/** Circulation: who has what, while they have it — and afterwards only what statistics need (P3). */
export const CIRCULATION_INVENTORY: Record<string, TableEntry> = {
  loans: uniformTable(
    'Loans; deleted when the item is back and nothing is owed, unless the patron keeps a reading history',
    'confidential',
    'items checked out',
    'loan-link',
    {
      id: 'Identifies a loan (random, so it says nothing about when or in what order).',
      item_id: 'The copy lent.',
      record_id: 'The title lent.',
      item_type: 'Item type at the time, for the loan rules.',
      branch: 'Where it was lent, for the loan rules.',
      patron_category: 'The kind of patron, for the loan rules.',
      patron_id: 'Who has the item.',
      checked_out_at: 'When it was lent.',
      due_at: 'When it is due.',
      returned_at:
        'When it came back (kept only while something is owed, or in a reading history).',
      renewals: 'How often it was renewed.',
      notice_stage:
        'Which notices about it were queued (reminder, first or second overdue), so each goes once.',
    },
  ),
  holds: uniformTable(
    'Holds; deleted when filled or cancelled, and when an expired copy leaves the shelf',
    'confidential',
    'current holds',
    'holds',
    {
      id: 'Identifies a hold (random).',
      record_id: 'The title wanted.',
      patron_id: 'Who wants it, while the hold is open.',
      pickup_branch: 'Where it will be collected.',
      status:
        'Queued, in transit, ready, or expired and waiting to be taken off the shelf (filled or cancelled only while kept under a legal hold).',
      placed_at: 'Keeps the queue in order (only the day, once the hold has expired).',
      suspended_until: 'A pause the patron asked for.',
      item_id: 'The copy set aside.',
      pickup_code: 'A pseudonymous code on the slip and shelf instead of a name.',
      ready_at: 'When the copy reached the shelf (removed when the hold expires).',
      expires_on: 'Last day to collect it.',
      closed_at: 'The day the hold expired.',
    },
  ),
  fees: uniformTable(
    'Fines and fees while owed; deleted when paid or waived',
    'confidential',
    'fines owed',
    'fees',
    {
      id: 'Identifies a fee (random).',
      patron_id: 'Who owes it.',
      kind: 'Overdue fine or lost item.',
      status: 'Accruing or open (paid or waived only while kept under a legal hold).',
      amount_cents: 'How much was charged.',
      outstanding_cents: 'How much is still owed.',
      loan_id: 'The loan it came from.',
      item_id: 'The copy it came from.',
      created_at: 'When it was charged.',
    },
  ),
  fee_payments: uniformTable(
    'Payments and waivers (never card data), while the account still owes something',
    'confidential',
    'fines paid or waived',
    'payments',
    {
      id: 'Identifies a payment or waiver (random).',
      patron_id: 'Whose fees it went to.',
      kind: 'Payment or waiver.',
      amount_cents: 'The amount paid or waived.',
      method: 'Cash, check, card terminal or online.',
      reference: 'A receipt number; never a card number.',
      reason: 'Why a fee was waived.',
      staff_id: 'Who took it or waived it.',
      created_at: 'When it was taken.',
    },
  ),
  patron_requests: uniformTable(
    'Purchase suggestions and interlibrary-loan requests',
    'confidential',
    'requests',
    'patron-requests',
    {
      id: 'Identifies a request.',
      patron_id: 'Who asked.',
      kind: 'Purchase suggestion or interlibrary loan.',
      status: 'Where the request stands.',
      title_enc: 'The title asked for (encrypted under the patron’s key).',
      author_enc: 'The author (encrypted).',
      note_enc: 'The patron’s note (encrypted).',
      created_at: 'When it was asked.',
      updated_at: 'When it last moved.',
    },
    {
      title_enc: { encrypted: true },
      author_enc: { encrypted: true },
      note_enc: { encrypted: true },
    },
  ),
  notice_outbox: uniformTable(
    'Notices to patrons (no titles): their content until sent, then only kind, day and outcome',
    'confidential',
    'notification and contact',
    'notices',
    {
      id: 'Identifies a notice (random).',
      patron_id: 'Who it is for.',
      kind: 'What it is about, such as a hold ready for pickup.',
      payload:
        'The pickup code, branch and date — never a title; removed once the notice is sent, printed or has failed.',
      created_at: 'When it was queued (only the day, once it is sent or has failed).',
      sent_at: 'The day it went out (by email, or printed as a letter).',
      status:
        'Whether it is waiting, being sent, sent, kept unsent in the maildrop, failed, waiting to be printed, or printed.',
      attempts: 'How many times sending it was tried.',
      next_attempt_at: 'When to try again after the mail server asked to wait.',
      claimed_by: 'Which Carrel process is sending it, so two never send the same notice.',
      lease_until: 'Until when that process holds it; after this another may take it over.',
      failure: 'Why it could not be sent, in the mail server’s words with any address removed.',
    },
  ),
}

/**
 * What outlives loans, holds and fees: counts in cells of a day (a month for money), with no
 * person, copy, title, order or time finer than the cell (P3, design §5 Linkability).
 */
export const CIRCULATION_STATISTICS_INVENTORY: Record<string, TableEntry> = {
  circulation_counts: uniformTable(
    'Daily circulation counts',
    'anonymous_statistic',
    'counts of checkouts, renewals, returns and lost items',
    'loan-statistics',
    {
      id: 'Identifies a count (random).',
      day: 'The day counted.',
      branch: 'The branch.',
      item_type: 'The kind of item.',
      patron_category: 'The kind of patron, never the patron.',
      event: 'Checkout, renewal, return or lost.',
      count: 'How many that day.',
    },
  ),
  hold_counts: uniformTable(
    'Daily hold counts',
    'anonymous_statistic',
    'counts of holds',
    'hold-statistics',
    {
      id: 'Identifies a count (random).',
      day: 'The day counted.',
      branch: 'The pickup branch.',
      event: 'Placed, ready, collected, cancelled or expired.',
      count: 'How many that day.',
    },
  ),
  fee_counts: uniformTable(
    'Monthly money totals',
    'anonymous_statistic',
    'totals of fines, fees, payments and waivers',
    'fee-statistics',
    {
      id: 'Identifies a total (random).',
      month: 'The month counted.',
      kind: 'Overdue fine, lost item, payment or waiver.',
      outcome: 'Charged, paid or waived; for payments, the method.',
      count: 'How many that month.',
      cents: 'Their sum.',
    },
  ),
}

/** Scheduler bookkeeping. */
export const JOBS_INVENTORY: Record<string, TableEntry> = {
  job_locks: uniformTable(
    'Which process runs each scheduled job',
    'operational',
    'scheduler',
    'system',
    {
      name: 'The job.',
      locked_until: 'Until when one process holds the job, so two never run it at once.',
      holder: 'The process holding it (host name and process id).',
      last_finished_at: 'When the job last finished.',
    },
  ),
  library_version: uniformTable(
    'Which state of the library set-up each process has in memory',
    'operational',
    'library set-up',
    'library-setup',
    {
      stamp: 'Names this database, so one process never mixes two up.',
      version: 'Changes whenever branches, item types, categories, loan rules or closed days do.',
    },
  ),
}
