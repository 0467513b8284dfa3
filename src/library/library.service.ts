import { Type, type Static } from '@sinclair/typebox'
import type { Insertable, Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, validation } from '../errors.js'
import { newId } from '../ids.js'
import { requirePermission } from '../staff/roles.js'
import { check, isCalendarDate } from '../validate.js'
import { versioned } from './structure-cache.js'
import { CodeSchema, ScopeSchema, withoutCaseTwin } from './codes.js'
import {
  magneticMediaSchema,
  securityMarkerSchema,
  type MagneticMedia,
  type SecurityMarker,
} from '../catalog/item-security.js'
import {
  ANY,
  type ClosedDaysTable,
  type ItemTypesTable,
  type LoanRulesTable,
  type PatronCategoriesTable,
} from './library.tables.js'

const Code = CodeSchema
const Scope = ScopeSchema

export const BranchSchema = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)
export const ItemTypeSchema = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    notForLoan: Type.Optional(Type.Boolean()),
    magneticMedia: Type.Optional(
      magneticMediaSchema(
        'Y: magnetic media (discs, tapes), kept off the desensitizer; N: not; null: not known ' +
          '(SIP2 sends U). Left out: unchanged (null for a new type).',
      ),
    ),
    securityMarker: Type.Optional(
      securityMarkerSchema(
        'SIP2 security marker: 00 other, 01 none, 02 tattle-tape, 03 whisper tape. Left out: ' +
          'unchanged (00 for a new type).',
      ),
    ),
  },
  { additionalProperties: false },
)
export const PatronCategorySchema = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    maxOwedCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    internetProfile: Type.Optional(
      Type.Union(
        [Type.String({ minLength: 1, maxLength: 40, pattern: '^[^|\\r\\n]+$' }), Type.Null()],
        {
          description:
            'What computer managers are told over SIP2 (PI), e.g. a filtering level; null clears it, leaving it out keeps it.',
        },
      ),
    ),
  },
  { additionalProperties: false },
)
export const LoanRuleSchema = Type.Object(
  {
    branch: Scope,
    patronCategory: Scope,
    itemType: Scope,
    loanPeriod: Type.Integer({ minimum: 1, maximum: 8760 }),
    periodUnit: Type.Union([Type.Literal('days'), Type.Literal('hours')]),
    maxItems: Type.Integer({ minimum: 0, maximum: 1000 }),
    renewalsAllowed: Type.Integer({ minimum: 0, maximum: 100 }),
    finePerDayCents: Type.Integer({ minimum: 0, maximum: 100_000 }),
    maxFineCents: Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()]),
    graceDays: Type.Integer({ minimum: 0, maximum: 365 }),
    holdsAllowed: Type.Boolean(),
  },
  { additionalProperties: false },
)
export const ClosedDaySchema = Type.Object(
  {
    branch: Scope,
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    weekday: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type LoanRuleInput = Static<typeof LoanRuleSchema>

const DEFAULT_ITEM_TYPES: Insertable<ItemTypesTable>[] = [
  { code: 'book', name: 'Book', not_for_loan: 0, magnetic_media: 'N' },
  { code: 'dvd', name: 'DVD', not_for_loan: 0, magnetic_media: 'Y' },
  { code: 'magazine', name: 'Magazine', not_for_loan: 0, magnetic_media: 'N' },
  { code: 'reference', name: 'Reference (library use only)', not_for_loan: 1, magnetic_media: 'N' },
]

const titleCase = (s: string) =>
  s.replace(/(^|[-_ ])(\p{L})/gu, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase())

/**
 * First start: branches and patron categories come from the configuration, with sensible
 * item types and one catch-all loan rule. Later changes are made through the API.
 */
export async function bootstrapLibrary(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    if ((await trx.selectFrom('branches').select('code').limit(1).execute()).length === 0) {
      await trx
        .insertInto('branches')
        .values(
          ctx.config.library.branches.map((code) => ({
            code,
            name: titleCase(code),
            created_at: now,
          })),
        )
        .execute()
    }
    if (
      (await trx.selectFrom('patron_categories').select('code').limit(1).execute()).length === 0
    ) {
      await trx
        .insertInto('patron_categories')
        .values(
          ctx.config.library.patronCategories.map((code) => ({
            code,
            name: titleCase(code),
            max_owed_cents: 1000,
          })),
        )
        .execute()
    }
    if ((await trx.selectFrom('item_types').select('code').limit(1).execute()).length === 0) {
      await trx.insertInto('item_types').values(DEFAULT_ITEM_TYPES).execute()
    }
    if ((await trx.selectFrom('loan_rules').select('id').limit(1).execute()).length === 0) {
      await trx
        .insertInto('loan_rules')
        .values(ruleRow(DEFAULT_RULE, newId(), now))
        .execute()
    }
  })
}

export const DEFAULT_RULE: LoanRuleInput = {
  branch: ANY,
  patronCategory: ANY,
  itemType: ANY,
  loanPeriod: 21,
  periodUnit: 'days',
  maxItems: 50,
  renewalsAllowed: 2,
  finePerDayCents: 25,
  maxFineCents: 500,
  graceDays: 0,
  holdsAllowed: true,
}

function ruleRow(r: LoanRuleInput, id: string, at: string): LoanRulesTable {
  return {
    id,
    branch: r.branch,
    patron_category: r.patronCategory,
    item_type: r.itemType,
    loan_period: r.loanPeriod,
    period_unit: r.periodUnit,
    max_items: r.maxItems,
    renewals_allowed: r.renewalsAllowed,
    fine_per_day_cents: r.finePerDayCents,
    max_fine_cents: r.maxFineCents,
    grace_days: r.graceDays,
    holds_allowed: r.holdsAllowed ? 1 : 0,
    updated_at: at,
  }
}

export interface LibraryStructure {
  branches: { code: string; name: string }[]
  itemTypes: {
    code: string
    name: string
    notForLoan: boolean
    magneticMedia: MagneticMedia | null
    securityMarker: SecurityMarker
  }[]
  patronCategories: {
    code: string
    name: string
    maxOwedCents: number
    internetProfile: string | null
  }[]
}

/** Branches, item types and patron categories, from memory while the set-up is unchanged. */
export async function getLibraryStructure(db: Kysely<RecordsDb>): Promise<LibraryStructure> {
  return versioned(db, 'structure', readLibraryStructure)
}

async function readLibraryStructure(db: Kysely<RecordsDb>): Promise<LibraryStructure> {
  const [branches, itemTypes, categories] = await Promise.all([
    db.selectFrom('branches').select(['code', 'name']).orderBy('code').execute(),
    db.selectFrom('item_types').selectAll().orderBy('code').execute(),
    db.selectFrom('patron_categories').selectAll().orderBy('code').execute(),
  ])
  return {
    branches,
    itemTypes: itemTypes.map((t) => ({
      code: t.code,
      name: t.name,
      notForLoan: t.not_for_loan === 1,
      magneticMedia: t.magnetic_media,
      securityMarker: t.security_marker,
    })),
    patronCategories: categories.map((c: PatronCategoriesTable) => ({
      code: c.code,
      name: c.name,
      maxOwedCents: c.max_owed_cents,
      internetProfile: c.internet_profile,
    })),
  }
}

export async function saveBranch(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  requirePermission(actor, 'library.manage')
  const b = check(BranchSchema, raw)
  const now = ctx.clock.now().toISOString()
  await withoutCaseTwin(ctx.db, ctx.engine, 'branch', b.code, (trx) =>
    trx
      .insertInto('branches')
      .values({ code: b.code, name: b.name, created_at: now })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: b.name }))
      .execute(),
  )
}

export async function saveItemType(ctx: AppContext, actor: Actor, raw: unknown): Promise<void> {
  requirePermission(actor, 'library.manage')
  const t = check(ItemTypeSchema, raw)
  // The strip settings are kept when left out, so a rename does not forget them.
  const strip = {
    ...(t.magneticMedia !== undefined && { magnetic_media: t.magneticMedia }),
    ...(t.securityMarker !== undefined && { security_marker: t.securityMarker }),
  }
  const row = { code: t.code, name: t.name, not_for_loan: t.notForLoan ? 1 : 0, ...strip }
  await withoutCaseTwin(ctx.db, ctx.engine, 'item type', t.code, (trx) =>
    trx
      .insertInto('item_types')
      .values(row)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name: row.name, not_for_loan: row.not_for_loan, ...strip }),
      )
      .execute(),
  )
}

export async function savePatronCategory(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<void> {
  requirePermission(actor, 'library.manage')
  const c = check(PatronCategorySchema, raw)
  const changes = {
    name: c.name,
    max_owed_cents: c.maxOwedCents,
    ...(c.internetProfile !== undefined && { internet_profile: c.internetProfile }),
  }
  await withoutCaseTwin(ctx.db, ctx.engine, 'patron category', c.code, (trx) =>
    trx
      .insertInto('patron_categories')
      .values({ code: c.code, ...changes })
      .onConflict((oc) => oc.column('code').doUpdateSet(changes))
      .execute(),
  )
}

/** Creates or replaces the rule for one scope (branch × patron category × item type). */
export async function saveLoanRule(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<LoanRulesTable> {
  requirePermission(actor, 'library.manage')
  const r = check(LoanRuleSchema, raw)
  await assertScopeKnown(ctx.db, r.branch, r.patronCategory, r.itemType)
  const row = ruleRow(r, newId(), ctx.clock.now().toISOString())
  const { id: _id, branch: _b, patron_category: _c, item_type: _t, ...changes } = row
  await ctx.db
    .insertInto('loan_rules')
    .values(row)
    .onConflict((oc) => oc.columns(['branch', 'patron_category', 'item_type']).doUpdateSet(changes))
    .execute()
  return ctx.db
    .selectFrom('loan_rules')
    .selectAll()
    .where('branch', '=', r.branch)
    .where('patron_category', '=', r.patronCategory)
    .where('item_type', '=', r.itemType)
    .executeTakeFirstOrThrow()
}

export async function deleteLoanRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'library.manage')
  const rule = await ctx.db
    .selectFrom('loan_rules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (rule === undefined) throw notFound('RULE_NOT_FOUND', 'No such loan rule.')
  if (rule.branch === ANY && rule.patron_category === ANY && rule.item_type === ANY)
    throw validation('DEFAULT_RULE_REQUIRED', 'The catch-all rule can be changed but not removed.')
  await ctx.db.deleteFrom('loan_rules').where('id', '=', id).execute()
}

export async function listLoanRules(db: Kysely<RecordsDb>): Promise<LoanRulesTable[]> {
  return db
    .selectFrom('loan_rules')
    .selectAll()
    .orderBy('branch')
    .orderBy('patron_category')
    .orderBy('item_type')
    .execute()
}

export async function addClosedDay(
  ctx: AppContext,
  actor: Actor,
  raw: unknown,
): Promise<ClosedDaysTable> {
  requirePermission(actor, 'library.manage')
  const d = check(ClosedDaySchema, raw)
  if ((d.date === undefined) === (d.weekday === undefined))
    throw validation('ONE_OF_DATE_OR_WEEKDAY', 'A closed day is either one date or one weekday.')
  if (d.date !== undefined && !isCalendarDate(d.date))
    throw validation('INVALID_DATE', 'That is not a real date.')
  await assertScopeKnown(ctx.db, d.branch, ANY, ANY)
  const row = {
    id: newId(),
    branch: d.branch,
    on_date: d.date ?? null,
    weekday: d.weekday ?? null,
    note: d.note ?? '',
  }
  await ctx.db.insertInto('closed_days').values(row).execute()
  return row
}

export async function deleteClosedDay(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'library.manage')
  const res = await ctx.db.deleteFrom('closed_days').where('id', '=', id).executeTakeFirst()
  if (Number(res.numDeletedRows) === 0)
    throw notFound('CLOSED_DAY_NOT_FOUND', 'No such closed day.')
}

export async function listClosedDays(db: Kysely<RecordsDb>): Promise<ClosedDaysTable[]> {
  return db.selectFrom('closed_days').selectAll().orderBy('branch').orderBy('on_date').execute()
}

async function assertScopeKnown(
  db: Kysely<RecordsDb>,
  branch: string,
  category: string,
  itemType: string,
): Promise<void> {
  const s = await getLibraryStructure(db)
  if (branch !== ANY && !s.branches.some((b) => b.code === branch))
    throw validation('UNKNOWN_BRANCH', 'No such branch.')
  if (category !== ANY && !s.patronCategories.some((c) => c.code === category))
    throw validation('UNKNOWN_CATEGORY', 'No such patron category.')
  if (itemType !== ANY && !s.itemTypes.some((t) => t.code === itemType))
    throw validation('UNKNOWN_ITEM_TYPE', 'No such item type.')
}
