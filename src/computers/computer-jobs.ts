import type { AppContext } from '../context.js'
import { sweepComputerLinks } from './computer-sweep.js'
import { expireCalls } from './queue.service.js'
import { tickSessions } from './session-tick.js'

/** The minute job: sessions whose time is up, then calls from the queue nobody answered. */
export async function computerMinute(ctx: AppContext): Promise<Record<string, number>> {
  const ended = await tickSessions(ctx)
  const lapsed = await expireCalls(ctx)
  return { ended, lapsed }
}

/** Every ten minutes, so no link outlives `computers.sweepHours` by more than that. */
export async function computerSweep(ctx: AppContext): Promise<Record<string, number>> {
  return { ...(await sweepComputerLinks(ctx)) }
}
