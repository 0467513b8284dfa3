import type { TableEntry } from './inventory.js'
import { column, only } from './inventory-helpers.js'

// Suggestions are read and answered by librarians; the records officer lists them for requests.
const SUGGESTION_READERS = only('admin', 'librarian', 'privacy_officer')
const REQUEST_READERS = only('admin', 'privacy_officer')

const suggestion = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('public_record', 'suggestion or comment', purpose, 'suggestions', {
    access: SUGGESTION_READERS,
    ...extra,
  })
const sender = (purpose: string) =>
  column('public_record', 'contact details of a suggestion’s sender', purpose, 'suggestions', {
    access: SUGGESTION_READERS,
    encrypted: true,
  })
const request = (purpose: string, extra: Parameters<typeof column>[4] = {}) =>
  column('public_record', 'records request', purpose, 'records-requests', {
    access: REQUEST_READERS,
    ...extra,
  })
const requester = (purpose: string) =>
  column('public_record', 'contact details of a requester', purpose, 'records-requests', {
    access: REQUEST_READERS,
    encrypted: true,
  })

/**
 * Public records (P11): suggestions from the public form and requests for public records. Kept
 * apart from borrower records (no column names a patron); the personal details in them are
 * sealed under a key of each record's own and withheld from any release.
 */
export const RECORDS_INVENTORY: Record<string, TableEntry> = {
  suggestions: {
    store: 'records',
    description: 'Suggestions and comments sent through the public form (public records)',
    columns: {
      id: suggestion('Identifies a suggestion.'),
      message: suggestion('What the sender wrote, to read it, answer it and act on it.'),
      language: suggestion('The language of the form, so that an answer is written in it.'),
      name_enc: sender('The name the sender gave, if any, to address an answer.'),
      email_enc: sender('The email address the sender gave, if any, to send the answer to.'),
      phone_enc: sender('The phone number the sender gave, if any, to call with an answer.'),
      status: suggestion('New, answered or closed.'),
      received_on: suggestion('The day it arrived, so that it is destroyed on time.'),
      answer: suggestion('The library’s answer, as sent.'),
      answered_on: suggestion('The day it was answered.'),
      closed_on: suggestion('The day it was closed.'),
    },
  },
  records_requests: {
    store: 'records',
    description: 'Requests for public records under the Freedom of Information Act',
    columns: {
      id: request('Identifies a request.'),
      reference: request('A short reference for letters and calls about the request.'),
      language: request('The language the requester wrote in, for the letters.'),
      name_enc: requester('The requester’s name, if given, to address the response.'),
      email_enc: requester('An email address to send the response to.'),
      phone_enc: requester('A phone number to ask about the request.'),
      address_enc: requester('A postal address to send the response or the copies to.'),
      description: request('Which records are asked for.'),
      format: request('How the requester wants the records: electronic copies, paper or a visit.'),
      received_via: request('How the request arrived: the website, mail, email or in person.'),
      received_on: request(
        'The day it arrived, which starts the five business days the law allows.',
      ),
      due_on: request('The day the response is due by law.'),
      extended_due_on: request('The new due day after the one extension the law allows.'),
      extension_reason: request('Which reason the law allows for the extension applied.'),
      extension_notified_on: request('The day the requester was told of the extension.'),
      status: request('Received, extended, fulfilled, partly denied, denied or withdrawn.'),
      decided_on: request('The day it was answered or withdrawn, so that it is destroyed on time.'),
      denial_basis: request('Why records were withheld, for the letter to the requester.'),
      notes: request('The records officer’s notes on the search.'),
    },
  },
  records_request_items: {
    store: 'records',
    description: 'The records found for a records request',
    columns: {
      id: request('Identifies a record found.'),
      request_id: request('The request it was found for.'),
      suggestion_id: request('A suggestion found for the request.'),
      description: request('Another record found, in words.'),
      withheld_under: request('The exemption a withheld record is withheld under.'),
    },
  },
}

/** The public-record tables the privacy notice lists in a part of their own. */
export const PUBLIC_RECORD_TABLES = Object.keys(RECORDS_INVENTORY)
