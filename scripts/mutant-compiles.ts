/**
 * Whether a mutant type-checks: the TypeScript checker's question, asked only of the mutants no
 * test detected.
 *
 * Stryker's TypeScript checker throws out mutants that do not compile before any test runs, but
 * on two cores it checks about twenty mutants a minute and holds up the test runners, so the runs
 * leave it out (scripts/mutate.ts). A mutant that does not compile then runs like any other; if a
 * test kills it, nothing is lost, and if none does, this check finds it out afterwards, so
 * scripts/mutation-score.ts can leave it out of the score exactly as the checker would have.
 *
 * The mutant is applied to its file in memory and the file is checked against the rest of the
 * project as it is on disk (tsconfig.json); errors the mutant would cause in other files are not
 * looked for, so a mutant reported as compiling may, rarely, not.
 */
import { resolve } from 'node:path'
import ts from 'typescript'

export interface Position {
  line: number
  column: number
}

export interface Mutation {
  file: string
  /** The file's source as the run saw it. */
  source: string
  replacement: string
  /** Lines and columns from 1, as Stryker reports them. */
  location: { start: Position; end: Position }
}

function offset(text: string, p: Position): number {
  let at = 0
  for (let line = 1; line < p.line; line++) {
    const next = text.indexOf('\n', at)
    if (next === -1) return text.length
    at = next + 1
  }
  return at + p.column - 1
}

/** The source with the mutant in place. */
export function applyMutation(m: Mutation): string {
  const start = offset(m.source, m.location.start)
  const end = offset(m.source, m.location.end)
  return m.source.slice(0, start) + m.replacement + m.source.slice(end)
}

export class MutantChecker {
  private readonly service: ts.LanguageService
  private readonly overrides = new Map<string, { text: string; version: number }>()
  private readonly baseline = new Map<string, number>()

  constructor(tsconfig = 'tsconfig.json') {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      resolve(tsconfig),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        },
      },
    )
    if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`)
    const files = parsed.fileNames
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => files,
      getScriptVersion: (name) => String(this.overrides.get(name)?.version ?? 0),
      getScriptSnapshot: (name) => {
        const text = this.overrides.get(name)?.text ?? ts.sys.readFile(name)
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
      },
      getCurrentDirectory: () => process.cwd(),
      getCompilationSettings: () => parsed.options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (name) => this.overrides.has(name) || ts.sys.fileExists(name),
      readFile: (name) => this.overrides.get(name)?.text ?? ts.sys.readFile(name),
      readDirectory: (...args) => ts.sys.readDirectory(...args),
      directoryExists: (name) => ts.sys.directoryExists(name),
      getDirectories: (name) => ts.sys.getDirectories(name),
    }
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry())
  }

  private errorsIn(name: string, text: string): number {
    const version = (this.overrides.get(name)?.version ?? 0) + 1
    this.overrides.set(name, { text, version })
    return this.service.getSemanticDiagnostics(name).length
  }

  /** Whether the file with the mutant in place has no more type errors than without it. */
  compiles(m: Mutation): boolean {
    const name = resolve(m.file)
    if (!this.baseline.has(name)) this.baseline.set(name, this.errorsIn(name, m.source))
    const errors = this.errorsIn(name, applyMutation(m))
    // Back to the run's source, so the next mutant of this file starts from it.
    this.errorsIn(name, m.source)
    return errors <= (this.baseline.get(name) ?? 0)
  }
}
