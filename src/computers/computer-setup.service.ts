import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { requirePermission } from '../staff/roles.js'

/** What set-up shows beside the desk's view of a computer: its group, and when its credential was issued. */
export interface ComputerSetupState {
  groupId: string
  /** The day the current device credential was issued; null when it has none. */
  tokenIssuedOn: string | null
}

/** Each computer's set-up state by id, for staff who manage the computers (never the credential). */
export async function computerSetupStates(
  ctx: AppContext,
  actor: Actor,
): Promise<Map<string, ComputerSetupState>> {
  requirePermission(actor, 'computers.manage')
  const rows = await ctx.db
    .selectFrom('computers')
    .select(['id', 'group_id', 'token_issued_on'])
    .execute()
  return new Map(rows.map((r) => [r.id, { groupId: r.group_id, tokenIssuedOn: r.token_issued_on }]))
}
