import type { AppContext } from '../context.js'
import { getLibraryStructure } from '../library/library.service.js'

/** The library's own names for its codes, as staff pages show them (a code with no name shows as itself). */
export interface LibraryNames {
  branch(code: string): string
  category(code: string): string
  itemType(code: string): string
  /** A patron category's fines limit, in cents (0 when the category is unknown). */
  maxOwedCents(category: string): number
  branchOptions: { value: string; label: string }[]
}

export async function libraryNames(ctx: AppContext): Promise<LibraryNames> {
  const s = await getLibraryStructure(ctx.db)
  const lookup = (rows: { code: string; name: string }[]) => {
    const names = new Map(rows.map((r) => [r.code, r.name]))
    return (code: string) => names.get(code) ?? code
  }
  const limits = new Map(s.patronCategories.map((c) => [c.code, c.maxOwedCents]))
  return {
    branch: lookup(s.branches),
    category: lookup(s.patronCategories),
    itemType: lookup(s.itemTypes),
    maxOwedCents: (category) => limits.get(category) ?? 0,
    branchOptions: s.branches.map((b) => ({ value: b.code, label: b.name })),
  }
}
