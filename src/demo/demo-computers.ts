import type { Actor } from '../actor.js'
import {
  hashDeviceToken,
  saveComputer,
  saveGroup,
  saveRule,
} from '../computers/computer-registry.service.js'
import type { AppContext } from '../context.js'
import { getLibraryStructure } from '../library/library.service.js'

/** Groups per branch: the main branch has all three; smaller branches fewer computers. */
const GROUPS = [
  { code: 'adult', name: 'Adult computers', count: { main: 4, other: 2 } },
  { code: 'children', name: 'Children’s computers', count: { main: 2, other: 1 } },
  { code: 'catalog', name: 'Catalog computers', count: { main: 1, other: 1 } },
] as const

/**
 * Time rules: adults two hours a day in one-hour sessions, extended by 15 minutes when nobody
 * waits; children on the children's computers only, and adults not on those; the catalog
 * computers for short look-ups by anyone.
 */
const RULES = [
  {
    groupCode: 'adult',
    category: '*',
    allowed: true,
    dailyMinutes: 120,
    sessionMinutes: 60,
    extensionMinutes: 15,
  },
  {
    groupCode: 'adult',
    category: 'child',
    allowed: false,
    dailyMinutes: 0,
    sessionMinutes: 1,
    extensionMinutes: 0,
  },
  {
    groupCode: 'adult',
    category: 'guest',
    allowed: true,
    dailyMinutes: 60,
    sessionMinutes: 60,
    extensionMinutes: 0,
  },
  {
    groupCode: 'children',
    category: '*',
    allowed: false,
    dailyMinutes: 0,
    sessionMinutes: 1,
    extensionMinutes: 0,
  },
  {
    groupCode: 'children',
    category: 'child',
    allowed: true,
    dailyMinutes: 90,
    sessionMinutes: 45,
    extensionMinutes: 15,
  },
  {
    groupCode: 'catalog',
    category: '*',
    allowed: true,
    dailyMinutes: 240,
    sessionMinutes: 15,
    extensionMinutes: 0,
  },
]

/** A published credential per demo computer, like the demo passwords: for trying /kiosk, never real. */
export const demoComputerToken = (branch: string, group: string, n: number): string =>
  `demo-only-computer-${branch}-${group}-${n}`

/** The demo's public computers at every branch, with rules, each with its published credential. */
export async function seedDemoComputers(ctx: AppContext, admin: Actor): Promise<number> {
  const { branches, patronCategories } = await getLibraryStructure(ctx.db)
  const categories = new Set(patronCategories.map((c) => c.code))
  let made = 0
  for (const branch of branches) {
    for (const group of GROUPS) {
      const groupId = await saveGroup(ctx, admin, {
        branch: branch.code,
        code: group.code,
        name: group.name,
      })
      const count = branch.code === 'main' ? group.count.main : group.count.other
      for (let n = 1; n <= count; n++) {
        const id = await saveComputer(ctx, admin, {
          groupId,
          name: `${group.code === 'catalog' ? 'Catalog' : group.code === 'adult' ? 'PC' : 'Kids'} ${n}`,
        })
        // A fixed, published credential instead of a random one shown once: the demo's kiosks
        // must be reachable from its documentation.
        await ctx.db
          .updateTable('computers')
          .set({ token_hash: hashDeviceToken(demoComputerToken(branch.code, group.code, n)) })
          .where('id', '=', id)
          .execute()
        made += 1
      }
    }
  }
  for (const r of RULES)
    if (r.category === '*' || r.category === 'guest' || categories.has(r.category))
      await saveRule(ctx, admin, r)
  return made
}
