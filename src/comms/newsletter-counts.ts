import type { Actor } from '../actor.js'
import type { AppContext } from '../context.js'
import { requirePermission } from '../staff/roles.js'

/** How many subscribers an issue sent now would go to (for the send confirmation): a count only. */
export async function activeSubscriberCount(ctx: AppContext, actor: Actor): Promise<number> {
  requirePermission(actor, 'newsletter.manage')
  const row = await ctx.db
    .selectFrom('newsletter_subscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
