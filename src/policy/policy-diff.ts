import { diffLines, diffWordsWithSpace } from 'diff'

export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** Past this, a word-by-word comparison gives way to whole lines (a page must not hang on it). */
const WORD_DIFF_MS = 500

/**
 * What changed between two versions' Markdown source, word by word. Words, not lines: a policy
 * paragraph is one long line of Markdown, and a change of one word in it ("three years" to "one
 * year") should show as that word, not as a whole paragraph removed and added again. Spaces and
 * line breaks are kept in the parts, so the source's layout survives when shown as written.
 * Very different texts fall back to a line comparison.
 */
export function policyDiff(before: string, after: string): DiffPart[] {
  const a = before.replace(/\r\n/g, '\n')
  const b = after.replace(/\r\n/g, '\n')
  const changes = diffWordsWithSpace(a, b, { timeout: WORD_DIFF_MS }) ?? diffLines(a, b)
  const parts: DiffPart[] = []
  for (const c of changes) {
    const kind = c.added ? 'added' : c.removed ? 'removed' : 'same'
    const last = parts[parts.length - 1]
    if (last !== undefined && last.kind === kind) last.text += c.value
    else if (c.value !== '') parts.push({ kind, text: c.value })
  }
  return parts
}

/** Whether two texts differ at all. */
export const hasChanges = (parts: readonly DiffPart[]): boolean =>
  parts.some((p) => p.kind !== 'same')
