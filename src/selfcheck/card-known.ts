import type { AppContext } from '../context.js'

/**
 * Whether a card number belongs to anyone: what a self-check's "valid patron" flag (SIP2 BL) says
 * on a refusal. Only the card's existence is read — nothing about its holder — so it is not an
 * access to the patron record and is not audited.
 */
export async function cardKnown(ctx: AppContext, barcode: string): Promise<boolean> {
  const b = barcode.trim()
  if (b === '' || b.length > 64) return false
  const row = await ctx.db
    .selectFrom('cards')
    .select('id')
    .where('barcode', '=', b)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
