import { ANY, type LoanRulesTable } from './library.tables.js'

export type LoanRule = LoanRulesTable

/**
 * The most specific rule wins: a match on branch outweighs patron category, which outweighs
 * item type; '*' matches anything. Returns undefined when not even a catch-all rule exists.
 */
export function pickRule(
  rules: readonly LoanRule[],
  want: { branch: string; patronCategory: string; itemType: string },
): LoanRule | undefined {
  let best: LoanRule | undefined
  let bestScore = -1
  for (const r of rules) {
    if (r.branch !== ANY && r.branch !== want.branch) continue
    if (r.patron_category !== ANY && r.patron_category !== want.patronCategory) continue
    if (r.item_type !== ANY && r.item_type !== want.itemType) continue
    const score =
      (r.branch !== ANY ? 4 : 0) +
      (r.patron_category !== ANY ? 2 : 0) +
      (r.item_type !== ANY ? 1 : 0)
    if (score > bestScore) {
      best = r
      bestScore = score
    }
  }
  return best
}
