import type { AppContext } from '../context.js'
import type { NoticeStatus } from './outbox.tables.js'

type DepthState = Extract<NoticeStatus, 'queued' | 'sending' | 'failed'>

/** How many notices wait, are being sent, or failed for good: counts only, nothing about whom. */
export async function noticeOutboxDepth(ctx: AppContext): Promise<Record<DepthState, number>> {
  const rows = await ctx.db
    .selectFrom('notice_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['queued', 'sending', 'failed'])
    .groupBy('status')
    .execute()
  const depth: Record<DepthState, number> = { queued: 0, sending: 0, failed: 0 }
  for (const row of rows) depth[row.status as DepthState] = Number(row.n)
  return depth
}
