import { Type, type Static } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import type { RecordsDb } from '../db/schema.js'
import { notFound, validation } from '../errors.js'
import { requirePermission } from '../staff/roles.js'
import { check } from '../validate.js'
import { ANY } from './library.tables.js'
import { weekHours, type ClosedDayRow, type WeekHours } from './opening-hours.js'

/** Wall-clock time, 00:00 to 23:59. */
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 })

export const HoursSpanSchema = Type.Object(
  {
    weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday.' }),
    opens: Time,
    closes: Time,
  },
  { additionalProperties: false },
)

export const BranchDetailsSchema = Type.Object(
  {
    address: Type.String({
      maxLength: 300,
      description: 'The postal address, one line per line (at most 5 lines).',
    }),
    phone: Type.String({ maxLength: 40, pattern: '^[0-9A-Za-z+().,/# -]*$' }),
    email: Type.Optional(
      Type.Union([Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' }), Type.Null()]),
    ),
    hours: Type.Array(HoursSpanSchema, {
      maxItems: 14,
      description:
        'The whole regular week, replacing what was there: at most two spans a day, closing after opening; a weekday with no span is closed.',
    }),
  },
  { additionalProperties: false },
)
export type BranchDetailsInput = Static<typeof BranchDetailsSchema>

export const MAX_SPANS_PER_DAY = 2
const MAX_ADDRESS_LINES = 5

export interface BranchDetails {
  code: string
  name: string
  address: string
  phone: string
  email: string | null
  hours: WeekHours
}

/** Each day's spans in order; refuses a span that ends before it starts, overlaps, or is one too many. */
function checkedWeek(spans: BranchDetailsInput['hours']): WeekHours {
  const week = weekHours(
    [...spans]
      .sort((a, b) => a.weekday - b.weekday || (a.opens < b.opens ? -1 : 1))
      .map((s, i, all) => ({
        weekday: s.weekday,
        span: all.slice(0, i).filter((o) => o.weekday === s.weekday).length,
        opens_at: s.opens,
        closes_at: s.closes,
      })),
  )
  for (const day of week) {
    if (day.length > MAX_SPANS_PER_DAY)
      throw validation('TOO_MANY_SPANS', `At most ${MAX_SPANS_PER_DAY} opening spans a day.`)
    for (const [i, span] of day.entries()) {
      if (span.closes <= span.opens)
        throw validation('CLOSES_BEFORE_OPENS', 'A span must close after it opens.')
      const before = day[i - 1]
      if (before !== undefined && span.opens < before.closes)
        throw validation('HOURS_OVERLAP', 'Two spans of one day overlap.')
    }
  }
  return week
}

function checkedAddress(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
  if (lines.length > MAX_ADDRESS_LINES)
    throw validation('ADDRESS_TOO_LONG', `An address has at most ${MAX_ADDRESS_LINES} lines.`)
  return lines.join('\n')
}

/**
 * Replaces a branch's address, phone, email and whole regular week in one transaction. The branch
 * row is updated first: on PostgreSQL that row lock makes two saves of one branch take turns, so
 * the second deletes the first's hours instead of colliding with them.
 */
export async function saveBranchDetails(
  ctx: AppContext,
  actor: Actor,
  code: string,
  raw: unknown,
): Promise<BranchDetails> {
  requirePermission(actor, 'library.manage')
  const d = check(BranchDetailsSchema, raw)
  const week = checkedWeek(d.hours)
  const contact = {
    address: checkedAddress(d.address),
    phone: d.phone.trim(),
    email: d.email === undefined || d.email === null || d.email === '' ? null : d.email,
  }
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('branches')
      .set(contact)
      .where('code', '=', code)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw notFound('BRANCH_NOT_FOUND', 'No such branch.')
    await trx.deleteFrom('opening_hours').where('branch', '=', code).execute()
    const rows = week.flatMap((day, weekday) =>
      day.map((s, span) => ({
        branch: code,
        weekday,
        span,
        opens_at: s.opens,
        closes_at: s.closes,
      })),
    )
    if (rows.length > 0) await trx.insertInto('opening_hours').values(rows).execute()
  })
  return getBranchDetails(ctx.db, code)
}

/** Every branch with its details, by name. */
export async function listBranchDetails(db: Kysely<RecordsDb>): Promise<BranchDetails[]> {
  const [branches, hours] = await Promise.all([
    db
      .selectFrom('branches')
      .select(['code', 'name', 'address', 'phone', 'email'])
      .orderBy('name')
      .orderBy('code')
      .execute(),
    db.selectFrom('opening_hours').selectAll().execute(),
  ])
  return branches.map((b) => ({ ...b, hours: weekHours(hours.filter((h) => h.branch === b.code)) }))
}

export async function getBranchDetails(
  db: Kysely<RecordsDb>,
  code: string,
): Promise<BranchDetails> {
  const branch = await db
    .selectFrom('branches')
    .select(['code', 'name', 'address', 'phone', 'email'])
    .where('code', '=', code)
    .executeTakeFirst()
  if (branch === undefined) throw notFound('BRANCH_NOT_FOUND', 'No such branch.')
  const hours = await db
    .selectFrom('opening_hours')
    .selectAll()
    .where('branch', '=', code)
    .execute()
  return { ...branch, hours: weekHours(hours) }
}

/** A branch's regular week and the closed days that apply to it (its own and the library-wide ones). */
export async function branchCalendar(
  db: Kysely<RecordsDb>,
  branch: string,
): Promise<{ week: WeekHours; closed: ClosedDayRow[] }> {
  const [hours, closed] = await Promise.all([
    db.selectFrom('opening_hours').selectAll().where('branch', '=', branch).execute(),
    db
      .selectFrom('closed_days')
      .select(['branch', 'on_date', 'weekday', 'note'])
      .where('branch', 'in', [branch, ANY])
      .execute(),
  ])
  return { week: weekHours(hours), closed }
}
