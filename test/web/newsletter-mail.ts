import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AppContext } from '../../src/context.js'
import { readEml, type ReadMessage } from '../../src/comms/eml-reader.js'
import { maildropDir } from '../../src/comms/maildrop.js'
import { deliverNewsletter } from '../../src/comms/newsletter-worker.js'

/**
 * Runs the newsletter's delivery worker (no mail server is configured, so messages go to the
 * maildrop) and reads back every message the maildrop holds for `address`.
 */
export async function newsletterMailTo(ctx: AppContext, address: string): Promise<ReadMessage[]> {
  await deliverNewsletter(ctx)
  return maildropMessagesTo(ctx.config.dataDir, address)
}

export function maildropMessagesTo(dataDir: string, address: string): ReadMessage[] {
  const dir = maildropDir(dataDir)
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml'))
  } catch {
    return []
  }
  return names
    .map((n) => readEml(readFileSync(join(dir, n))))
    .filter((m) => (m.headers.get('to') ?? '').toLowerCase().includes(address.toLowerCase()))
}

/** The path of the first link in a message's text that leads to `prefix` (e.g. /newsletter/confirm/). */
export function linkIn(message: ReadMessage | undefined, prefix: string): string {
  const m = new RegExp(`https?://[^\\s/]+((?:/es)?${prefix}[A-Za-z0-9._~-]+)`).exec(
    message?.text ?? '',
  )
  if (m?.[1] === undefined) throw new Error(`no ${prefix} link in the message`)
  return m[1]
}
