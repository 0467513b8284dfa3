/**
 * Which undetected mutants docs/equivalent-mutants.md already explains.
 *
 * Each entry there names its mutants by file:line:column as of the commit its section gives
 * ("positions as of <commit>"). Code moves, so an entry is matched by the text of the line it
 * names at that commit, not by the number: a survivor is explained when an entry of the same file
 * names a line whose text (white space trimmed) is the survivor's line, and the entry names the
 * survivor's mutator (or no mutator at all). Two mutants of the same kind on one line are then
 * taken for one another; the report lists the line, so a reader sees both.
 *
 * Used by scripts/mutation-score.ts; needs git and the history of the commits the list names.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export const LIST = 'docs/equivalent-mutants.md'

interface Entry {
  file: string
  /** Trimmed text of each line the entry names, at its section's commit. */
  lines: Set<string>
  /** The entry's words before its reason (positions and mutators). */
  head: string
}

const MUTATORS = [
  'ArithmeticOperator',
  'ArrayDeclaration',
  'ArrowFunction',
  'AssignmentOperator',
  'BlockStatement',
  'BooleanLiteral',
  'ConditionalExpression',
  'EqualityOperator',
  'LogicalOperator',
  'MethodExpression',
  'ObjectLiteral',
  'OptionalChaining',
  'Regex',
  'StringLiteral',
  'UnaryOperator',
  'UpdateOperator',
]

const sources = new Map<string, string[] | undefined>()

function linesAt(commit: string, file: string): string[] | undefined {
  const key = `${commit}:${file}`
  if (!sources.has(key)) {
    try {
      const text = execFileSync('git', ['show', key], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 16 * 1024 * 1024,
      })
      sources.set(key, text.split('\n'))
    } catch {
      sources.set(key, undefined)
    }
  }
  return sources.get(key)
}

/** Every entry of the list, with the text of the lines it names. */
export function readList(path: string = LIST): Entry[] {
  const entries: Entry[] = []
  let commit: string | undefined
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const asOf = /as of (?:commit )?([0-9a-f]{7,40})\b/.exec(raw)
    if (asOf !== null && !raw.startsWith('- ')) {
      commit = asOf[1]
      continue
    }
    const m = /^- (src\/[^\s:]+):(.*)$/.exec(raw)
    if (m === null || commit === undefined) continue
    const file = m[1]!
    const head = m[2]!.split(' — ')[0]!
    const source = linesAt(commit, file)
    const lines = new Set<string>()
    if (source !== undefined) {
      // "12:5", "12", "12:5,13:7", "12:5 X, 13:8 Y", "12:5 and 14:3": every leading number of a
      // position counts, read up to the reason.
      const first = /^(\d+)/.exec(head)
      const numbers = [
        ...(first === null ? [] : [first[1]!]),
        ...[...head.matchAll(/(?:^|[\s,])(\d+):\d+\b/g)].map((p) => p[1]!),
      ]
      for (const n of numbers) {
        const text = source[Number(n) - 1]
        if (text !== undefined) lines.add(text.trim())
      }
    }
    entries.push({ file, lines, head })
  }
  return entries
}

export interface Undetected {
  file: string
  line: number
  mutatorName: string
  /** The mutated file's source as the run saw it. */
  source: string | undefined
}

/** Whether `mutant` is one of the list's entries (see the top of this file). */
export function explains(entries: Entry[], mutant: Undetected): boolean {
  const text = mutant.source?.split('\n')[mutant.line - 1]?.trim()
  if (text === undefined) return false
  return entries.some(
    (e) =>
      e.file === mutant.file &&
      e.lines.has(text) &&
      (e.head.includes(mutant.mutatorName) || !MUTATORS.some((name) => e.head.includes(name))),
  )
}
