/**
 * What the mutation runs so far have measured, mutant by mutant.
 *
 * Runs are often stopped part-way and carried on later, or aimed at a few lines, so no one report
 * holds a whole file. Each scope's folder under reports/mutation/ has Stryker's `mutation.json`
 * (a run that finished) and `incremental.json` (written by scripts/stryker-live-log.mjs while a
 * run goes on, so a stopped run leaves one too). The combined view takes, for each file, only the
 * reports made from the text the file has now (a result planted in older code says nothing about
 * the current code), and from those the newest result of each mutant.
 *
 * `unmeasuredPatterns` then lists, as Stryker mutate ranges, every mutant of the current code that
 * no report has a result for: `npm run mutate -- --unmeasured` tests just those.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'

export interface ReportMutant {
  mutatorName: string
  replacement?: string
  status: string
  location: {
    start: { line: number; column: number }
    end?: { line: number; column: number }
  }
}

export interface Report {
  files: Record<string, { source?: string; mutants: ReportMutant[] }>
}

export interface DatedReport {
  path: string
  /** When it was last written (ms). */
  at: number
  report: Report
}

/** One mutant, the same in every report of the same source: position, mutator, replacement. */
export function mutantKey(m: {
  location: { start: { line: number; column: number } }
  mutatorName: string
  replacement?: string
}): string {
  return `${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement ?? ''}`
}

/**
 * Every scope's reports under `root`, oldest first: its `mutation.json` and its `incremental.json`,
 * whichever it has (combine() lets the newer outcome of a mutant win).
 */
export function readReports(root: string): DatedReport[] {
  if (!existsSync(root)) return []
  const out: DatedReport[] = []
  for (const scope of readdirSync(root)) {
    const candidates = ['mutation.json', 'incremental.json']
      .map((name) => join(root, scope, name))
      .filter((path) => existsSync(path))
      .map((path) => ({ path, at: statSync(path).mtimeMs }))
      .sort((a, b) => a.at - b.at)
    for (const { path, at } of candidates) {
      const report = JSON.parse(readFileSync(path, 'utf8')) as Report
      out.push({ path, at, report })
    }
  }
  return out.sort((a, b) => a.at - b.at)
}

/** A report's file name as a path relative to the project. */
export function projectPath(name: string): string {
  return isAbsolute(name) ? relative(process.cwd(), name) : name
}

export interface Combined {
  report: Report
  /** Results left out because the file's text has changed since they were measured. */
  stale: number
}

/**
 * Per file, the newest result of each mutant among the reports made from the file's current text
 * (`current` gives that text, or undefined for a file that no longer exists). Mutants a run had
 * not reached yet ("Pending") are not results.
 */
export function combine(
  reports: DatedReport[],
  current: (file: string) => string | undefined,
): Combined {
  const files: Report['files'] = {}
  const byFile = new Map<string, Map<string, ReportMutant>>()
  let stale = 0
  for (const { report } of [...reports].sort((a, b) => a.at - b.at)) {
    for (const [name, file] of Object.entries(report.files)) {
      const path = projectPath(name)
      const results = file.mutants.filter((m) => m.status !== 'Pending')
      const text = current(path)
      if (text === undefined || file.source !== text) {
        stale += results.length
        continue
      }
      const mutants = byFile.get(path) ?? new Map<string, ReportMutant>()
      byFile.set(path, mutants)
      for (const m of results) mutants.set(mutantKey(m), m)
      files[path] = { source: text, mutants: [] }
    }
  }
  for (const [path, mutants] of byFile) files[path]!.mutants = [...mutants.values()]
  return { report: { files }, stale }
}

/** The text of a project file now, or undefined when it is gone. */
export function currentText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/** Every file a mutate glob of stryker.config.mjs names: `dir/**\/*.ts` or a file's path. */
export function filesOf(patterns: string[], candidates: string[]): string[] {
  const wanted = (file: string) =>
    !file.endsWith('.tables.ts') &&
    patterns.some((p) => {
      if (p.endsWith('/**/*.ts'))
        return file.startsWith(p.slice(0, -'**/*.ts'.length)) && file.endsWith('.ts')
      if (p.includes('*')) throw new Error(`mutate pattern not understood here: ${p}`)
      return file === p
    })
  return candidates.filter(wanted).sort()
}

/**
 * Every mutant of `files` (as Stryker's instrumenter plants them) that `measured` has no result
 * for, as Stryker mutate ranges ("file:line:column-line:column", lines from 1, columns from 0).
 */
export async function unmeasuredPatterns(
  files: string[],
  measured: Report,
): Promise<{ patterns: string[]; total: number }> {
  const { Instrumenter } = await import('@stryker-mutator/instrumenter')
  const quiet = () => false
  const none = () => undefined
  const logger = {
    isTraceEnabled: quiet,
    isDebugEnabled: quiet,
    isInfoEnabled: quiet,
    isWarnEnabled: quiet,
    isErrorEnabled: quiet,
    isFatalEnabled: quiet,
    trace: none,
    debug: none,
    info: none,
    warn: none,
    error: none,
    fatal: none,
  }
  const instrumenter = new Instrumenter(logger)
  const result = await instrumenter.instrument(
    files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  )
  const known = new Map<string, Set<string>>()
  for (const [name, file] of Object.entries(measured.files))
    known.set(projectPath(name), new Set(file.mutants.map(mutantKey)))
  const planned = result.mutants
  const patterns = planned
    .filter((m) => {
      // Reports count lines and columns from 1; the instrumenter from 0.
      const key = mutantKey({
        ...m,
        location: {
          start: { line: m.location.start.line + 1, column: m.location.start.column + 1 },
        },
      })
      return !(known.get(projectPath(m.fileName))?.has(key) ?? false)
    })
    .map(
      ({ fileName, location: { start, end } }) =>
        `${projectPath(fileName)}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`,
    )
  return { patterns, total: planned.length }
}
