import { Type } from '@sinclair/typebox'
import type { Kysely, Transaction } from 'kysely'
import type { Engine } from '../db/dialect.js'
import { LOCKS, lockForTransaction } from '../db/locks.js'
import type { RecordsDb } from '../db/schema.js'
import { AppError } from '../errors.js'
import { ANY } from './library.tables.js'

// Defined beside the configuration (which website statistics may import, unlike any domain);
// every other part of Carrel takes the rule from here.
export { CODE_MAX_LENGTH, CODE_PATTERN, CodeSchema, sameButCase } from '../config/code.schema.js'
import { CodeSchema } from '../config/code.schema.js'

/** A code, or '*' for any: the scope of a loan rule or closed day. */
export const ScopeSchema = Type.Union([CodeSchema, Type.Literal(ANY)])

/**
 * The rule as an HTML `pattern` attribute. Browsers compile it with the `v` flag (implicitly
 * anchored), where a bare "-" in a class is a syntax error that would switch the check off.
 */
export const CODE_HTML_PATTERN = '[A-Za-z0-9][A-Za-z0-9_\\-]*'
/** The same, or '*' for any. */
export const SCOPE_HTML_PATTERN = `\\*|${CODE_HTML_PATTERN}`

export type CodeKind = 'branch' | 'item type' | 'patron category' | 'computer group'

/** The refusal for a code that an existing one of the same kind matches but for letter case. */
export const caseConflict = (kind: CodeKind, code: string, existing: string, field = 'code') =>
  new AppError(
    'conflict',
    'CODE_CASE_CONFLICT',
    `The ${kind} code "${code}" differs from the existing "${existing}" only in letter case. ` +
      `Codes are kept as written, and two that read the same would split rules and counts: ` +
      `use "${existing}" or a different code.`,
    { fields: [field] },
  )

const TABLES = {
  branch: 'branches',
  'item type': 'item_types',
  'patron category': 'patron_categories',
} as const satisfies Partial<Record<CodeKind, keyof RecordsDb>>

/** An existing code of this kind equal to `code` but for letter case, if there is one. */
export async function findCaseTwin(
  db: Kysely<RecordsDb>,
  kind: keyof typeof TABLES,
  code: string,
): Promise<string | undefined> {
  // Codes are ASCII, so lower() agrees on SQLite and PostgreSQL.
  const row = await db
    .selectFrom(TABLES[kind] as 'branches')
    .select('code')
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .where('code', '<>', code)
    .executeTakeFirst()
  return row?.code
}

/**
 * Runs `write` (which saves `code`) once no other code of the kind matches it but for case. One
 * such check at a time on PostgreSQL, so two administrators adding "CPL" and "cpl" together do
 * not both pass it; saving an existing code again is never a conflict.
 */
export async function withoutCaseTwin<T>(
  db: Kysely<RecordsDb>,
  engine: Engine,
  kind: keyof typeof TABLES,
  code: string,
  write: (trx: Transaction<RecordsDb>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, engine, LOCKS.libraryCodes)
    const twin = await findCaseTwin(trx, kind, code)
    if (twin !== undefined) throw caseConflict(kind, code, twin)
    return write(trx)
  })
}
