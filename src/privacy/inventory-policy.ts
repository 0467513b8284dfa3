import type { TableEntry } from './inventory.js'
import { column, only } from './inventory-helpers.js'

const VERSION = 'policy version'
const v = (purpose: string) =>
  column('public_record', VERSION, purpose, 'policy-versions', {
    // Published versions are on the public site; staff pages show drafts to those who write them.
    access: only('admin', 'privacy_officer'),
  })

/** The library's policy, version by version (P12): its own publication, about no one. */
export const POLICY_INVENTORY: Record<string, TableEntry> = {
  policy_versions: {
    store: 'records',
    description: 'Versions of the library’s privacy policy, drafts and published',
    columns: {
      id: v('Identifies a version, draft or published.'),
      number: v('The version’s number (1, 2, 3…), given when it is published.'),
      status: v('Whether it is a draft or published (a published version cannot change).'),
      body: v('The policy text, in Markdown, in English.'),
      body_es: v('The policy text in Spanish, when the library wrote one.'),
      changes: v('What changed from the previous version, in English.'),
      changes_es: v('What changed, in Spanish.'),
      adopted_on: v('The day the library adopted it.'),
      effective_on: v('The day it applies from.'),
      review_on: v('The day staff should review it; a reminder shows after it.'),
      material: v('Whether the change is material, so patrons who asked are told of it.'),
      created_on: v('The day the draft was started.'),
      updated_on: v('The day the draft last changed.'),
      published_on: v('The day it was published.'),
      notices_queued: v('How many patrons were sent a notice of the change (a count, never who).'),
    },
  },
}
