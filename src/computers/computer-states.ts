import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { recordAudit } from '../privacy/audit.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { can, requirePermission } from '../staff/roles.js'

/** A computer as the desk sees it. */
export interface ComputerState {
  id: string
  name: string
  branch: string
  groupCode: string
  groupName: string
  inService: boolean
  lastSeenAt: string | null
  session?: { endsAt: string; guest: boolean; locked: boolean; patronName?: string }
}

/**
 * Every computer and whether it is in use. Who is on it is shown only to a role holding
 * `computers.names`; that look is audited as a count, never with the patrons' ids, so the
 * long-kept audit log does not become the link between patron and computer that the sessions
 * table forgets (P13).
 */
export async function listComputers(ctx: AppContext, actor: Actor): Promise<ComputerState[]> {
  requirePermission(actor, 'computers.desk')
  const rows = await ctx.db
    .selectFrom('computers')
    .innerJoin('computer_groups', 'computer_groups.id', 'computers.group_id')
    .leftJoin('computer_sessions', 'computer_sessions.computer_id', 'computers.id')
    .select([
      'computers.id',
      'computers.name',
      'computers.branch',
      'computers.in_service',
      'computers.last_seen_at',
      'computer_groups.code as group_code',
      'computer_groups.name as group_name',
      'computer_sessions.id as session_id',
      'computer_sessions.ends_at',
      'computer_sessions.patron_id',
      'computer_sessions.locked_until',
    ])
    .orderBy('computers.branch')
    .orderBy('computers.name')
    .execute()
  const withNames = can(actor, 'computers.names')
  const patronIds = withNames
    ? rows.flatMap((r) => (r.patron_id === null ? [] : [r.patron_id]))
    : []
  const names = new Map<string, string>()
  if (patronIds.length > 0) {
    const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, patronIds)
    const patrons = await ctx.db
      .selectFrom('patrons')
      .select(['id', 'given_name_enc', 'family_name_enc'])
      .where('id', 'in', patronIds)
      .execute()
    for (const p of patrons) {
      const cipher = ciphers.get(p.id)
      if (cipher === undefined) continue
      const given = cipher.decrypt('given_name_enc', p.given_name_enc) ?? ''
      const family = cipher.decrypt('family_name_enc', p.family_name_enc) ?? ''
      names.set(p.id, `${given} ${family}`.trim())
    }
    await recordAudit(ctx.db, ctx.engine, ctx.clock, actor, [
      { action: 'computer.names_read', detail: { count: names.size } },
    ])
  }
  const now = ctx.clock.now().toISOString()
  return rows.map((r) => {
    const name = r.patron_id === null ? undefined : names.get(r.patron_id)
    return {
      id: r.id,
      name: r.name,
      branch: r.branch,
      groupCode: r.group_code,
      groupName: r.group_name,
      inService: r.in_service === 1,
      lastSeenAt: r.last_seen_at,
      ...(r.session_id !== null &&
        r.ends_at !== null && {
          session: {
            endsAt: r.ends_at,
            guest: r.patron_id === null,
            locked: r.locked_until !== null && r.locked_until > now,
            ...(name !== undefined && { patronName: name }),
          },
        }),
    }
  })
}
