import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import type { StaffRole } from '../staff/staff.tables.js'
import type { AuditRow } from './audit-paging.js'
import type { ActorType } from './privacy.tables.js'

/** Who made an entry, by name: never an id. */
export interface AuditActorName {
  type: ActorType
  /** A staff member's display name, a self-check login, or a patron's card (see `patron`). */
  name: string | null
  role: StaffRole | null
  /** The staff member, for filtering by them. */
  staffId: string | null
  /** For a patron acting on their own account. */
  patron: AuditPatronName | null
}

/** A patron, shown by card number: the one in use, else the newest; erased patrons by that word. */
export type AuditPatronName =
  { kind: 'card'; card: string } | { kind: 'no_card' } | { kind: 'erased' }

export interface NamedAuditEntry {
  seq: number
  at: string
  action: string
  actor: AuditActorName
  patron: AuditPatronName | null
  detail: Record<string, unknown>
  /** Names for the ids a detail may carry (staffId, sipAccountId), by detail key. */
  detailNames: Record<string, string>
}

const DETAIL_STAFF = 'staffId'
const DETAIL_SIP = 'sipAccountId'

const parseDetail = (text: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** Looks up, at the time of reading, the names of everyone the rows mention. */
export async function nameRows(
  db: Kysely<RecordsDb>,
  rows: readonly AuditRow[],
): Promise<NamedAuditEntry[]> {
  const details = rows.map((r) => parseDetail(r.detail))
  const detailId = (d: Record<string, unknown>, key: string) =>
    typeof d[key] === 'string' ? [d[key]] : []
  const staffIds = new Set([
    ...rows.filter((r) => r.actor_type === 'staff').map((r) => r.actor_id),
    ...details.flatMap((d) => detailId(d, DETAIL_STAFF)),
  ])
  const sipIds = new Set([
    ...rows.filter((r) => r.actor_type === 'sip').map((r) => r.actor_id),
    ...details.flatMap((d) => detailId(d, DETAIL_SIP)),
  ])
  const patronIds = new Set([
    ...rows.flatMap((r) => (r.patron_id === null ? [] : [r.patron_id])),
    ...rows.filter((r) => r.actor_type === 'patron').map((r) => r.actor_id),
  ])
  const [staff, sips, patrons] = await Promise.all([
    staffNames(db, [...staffIds]),
    sipNames(db, [...sipIds]),
    patronNames(db, [...patronIds]),
  ])
  const patronName = (id: string): AuditPatronName => patrons.get(id) ?? { kind: 'erased' }
  return rows.map((r, i) => {
    const detail = details[i] ?? {}
    const member = r.actor_type === 'staff' ? staff.get(r.actor_id) : undefined
    const actor: AuditActorName = {
      type: r.actor_type,
      name:
        r.actor_type === 'staff'
          ? (member?.name ?? null)
          : r.actor_type === 'sip'
            ? (sips.get(r.actor_id) ?? null)
            : null,
      role: member?.role ?? null,
      staffId: r.actor_type === 'staff' && member !== undefined ? r.actor_id : null,
      patron: r.actor_type === 'patron' ? patronName(r.actor_id) : null,
    }
    const detailNames: Record<string, string> = {}
    const subjectStaff = detailId(detail, DETAIL_STAFF)[0]
    if (subjectStaff !== undefined)
      detailNames[DETAIL_STAFF] = staff.get(subjectStaff)?.name ?? 'a former staff account'
    const subjectSip = detailId(detail, DETAIL_SIP)[0]
    if (subjectSip !== undefined)
      detailNames[DETAIL_SIP] = sips.get(subjectSip) ?? 'a removed self-check account'
    return {
      seq: r.seq,
      at: r.at,
      action: r.action,
      actor,
      patron: r.patron_id === null ? null : patronName(r.patron_id),
      detail,
      detailNames,
    }
  })
}

const chunks = <T>(list: readonly T[], size = 500): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
    list.slice(i * size, (i + 1) * size),
  )

async function staffNames(
  db: Kysely<RecordsDb>,
  ids: string[],
): Promise<Map<string, { name: string; role: StaffRole }>> {
  const out = new Map<string, { name: string; role: StaffRole }>()
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('staff')
      .select(['id', 'display_name', 'role'])
      .where('id', 'in', part)
      .execute()
    for (const r of rows) out.set(r.id, { name: r.display_name, role: r.role })
  }
  return out
}

async function sipNames(db: Kysely<RecordsDb>, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('sip_accounts')
      .select(['id', 'login'])
      .where('id', 'in', part)
      .execute()
    for (const r of rows) out.set(r.id, r.login)
  }
  return out
}

/** Live patrons by their card; erased (or purged) ones are left out, and so read as erased. */
async function patronNames(
  db: Kysely<RecordsDb>,
  ids: string[],
): Promise<Map<string, AuditPatronName>> {
  const out = new Map<string, AuditPatronName>()
  for (const part of chunks(ids)) {
    const live = await db
      .selectFrom('patrons')
      .select('id')
      .where('id', 'in', part)
      .where('status', '!=', 'erased')
      .execute()
    if (live.length === 0) continue
    const cards = await db
      .selectFrom('cards')
      .select(['patron_id', 'barcode', 'status', 'issued_at'])
      .where(
        'patron_id',
        'in',
        live.map((p) => p.id),
      )
      .orderBy('issued_at', 'asc')
      .orderBy('barcode', 'asc')
      .execute()
    const chosen = new Map<string, { barcode: string; active: boolean }>()
    // Oldest first, so a later card wins; a card in use wins over any other.
    for (const c of cards) {
      const active = c.status === 'active'
      const had = chosen.get(c.patron_id)
      if (had === undefined || active || !had.active)
        chosen.set(c.patron_id, { barcode: c.barcode, active })
    }
    for (const p of live) {
      const card = chosen.get(p.id)
      out.set(p.id, card === undefined ? { kind: 'no_card' } : { kind: 'card', card: card.barcode })
    }
  }
  return out
}

/** One patron as the log's pages name them. */
export async function namePatron(db: Kysely<RecordsDb>, id: string): Promise<AuditPatronName> {
  return (await patronNames(db, [id])).get(id) ?? { kind: 'erased' }
}

/** The patron whose card (any of their cards, current or not) has this number. */
export async function patronIdByCard(
  db: Kysely<RecordsDb>,
  card: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('cards')
    .innerJoin('patrons', 'patrons.id', 'cards.patron_id')
    .select('cards.patron_id')
    .where('cards.barcode', '=', card.trim())
    .where('patrons.status', '!=', 'erased')
    .executeTakeFirst()
  return row?.patron_id
}

/** Every staff account, for choosing whose entries to see. */
export async function staffForFilter(
  db: Kysely<RecordsDb>,
): Promise<{ id: string; name: string; username: string; role: StaffRole; active: boolean }[]> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role', 'active', 'username'])
    .orderBy('display_name')
    .orderBy('username')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name,
    username: r.username,
    role: r.role,
    active: r.active === 1,
  }))
}
