export type PolicyVersionStatus = 'draft' | 'published'

/**
 * One version of the library's policy: a draft until published, then frozen by the database
 * (migration 0021). Dates are the library's local days (YYYY-MM-DD); no instant is kept.
 */
export interface PolicyVersionsTable {
  id: string
  /** 1, 2, 3…, given when the version is published; null while it is a draft. */
  number: number | null
  status: PolicyVersionStatus
  /** The policy text in Markdown, in English. */
  body: string
  /** The Spanish text, when the library wrote one. */
  body_es: string | null
  /** A short account of what changed from the previous version, in English. */
  changes: string
  changes_es: string | null
  /** The day the library board adopted it. */
  adopted_on: string
  /** The day it applies from. */
  effective_on: string
  /** The day staff should look at it again. */
  review_on: string
  /** 0/1: the change is material, so patrons who asked are told of it when it is published. */
  material: number
  created_on: string
  updated_on: string
  published_on: string | null
  /** How many policy-change notices publishing queued (a count, never who). */
  notices_queued: number | null
}

export interface PolicyTables {
  policy_versions: PolicyVersionsTable
}
