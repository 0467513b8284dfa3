import type { Kysely } from 'kysely'
import type { RecordsDb } from '../db/schema.js'
import { notFound, ruleViolation } from '../errors.js'

export interface QueueGroup {
  id: string
  branch: string
  code: string
  name: string
}

export async function groupOf(db: Kysely<RecordsDb>, groupId: string): Promise<QueueGroup> {
  const group = await db
    .selectFrom('computer_groups')
    .select(['id', 'branch', 'code', 'name'])
    .where('id', '=', groupId)
    .executeTakeFirst()
  if (group === undefined) throw notFound('COMPUTER_GROUP_NOT_FOUND', 'No such group of computers.')
  return group
}

/** A rule naming the group beats one for every group; within each, one naming the category beats '*'. */
const specificity = (r: { group_code: string; category: string }) =>
  (r.group_code === '*' ? 0 : 2) + (r.category === '*' ? 0 : 1)

/**
 * Refuses a patron whose category may not use this group's computers (the most specific rule
 * says allowed = 0): there is no point waiting for a computer one cannot sign in to. With no
 * rule at all the group is open to everyone.
 */
export async function requireAllowed(
  db: Kysely<RecordsDb>,
  groupCode: string,
  category: string,
): Promise<void> {
  const rules = await db
    .selectFrom('computer_rules')
    .select(['group_code', 'category', 'allowed'])
    .where('group_code', 'in', [groupCode, '*'])
    .where('category', 'in', [category, '*'])
    .execute()
  const best = [...rules].sort((a, b) => specificity(b) - specificity(a))[0]
  if (best !== undefined && best.allowed === 0)
    throw ruleViolation(
      'NOT_ALLOWED',
      "This card's patron category may not use these computers; ask at the desk.",
    )
}
