// A Stryker reporter for runs that take hours on two cores (reports/mutation/<scope>/):
//
// - live.jsonl: each mutant's outcome as soon as it is known, one JSON line per mutant, so a
//   developer can start on the first survivors while the run goes on
//   (`grep Survived reports/mutation/*/live.jsonl`).
// - incremental.json: every outcome known so far, written at least once a minute in the format of
//   Stryker's own incremental report, with the sources and tests as they were when the run began.
//   A run that is stopped (or a machine that goes away) therefore leaves what it learned, and
//   `npm run mutate -- <same paths> --incremental` carries on from there: Stryker reuses each
//   outcome whose code and tests have not changed since, and tests the rest.
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin'

const REPORTS = process.env.CARREL_MUTATE_REPORTS ?? 'reports/mutation/all'
const LOG = join(REPORTS, 'live.jsonl')
const INCREMENTAL = join(REPORTS, 'incremental.json')
const CHECKPOINT_MS = 60_000

const rel = (fileName) => relative(process.cwd(), fileName).split('\\').join('/')
/** Stryker counts positions in the code from 0 (a test's start); its reports count from 1. */
const toSchema = (p) => ({ line: p.line + 1, column: p.column + 1 })

function readSource(fileName) {
  try {
    return readFileSync(fileName, 'utf8')
  } catch {
    return undefined
  }
}

class LiveLog {
  /** The tests the dry run found, by file. */
  testFiles = new Map()
  /** The source of each mutated file as it was when the mutants were planned. */
  sources = new Map()
  /** Every outcome known so far, by file, then by mutant id. */
  outcomes = new Map()
  lastCheckpoint = 0

  onDryRunCompleted(event) {
    mkdirSync(REPORTS, { recursive: true })
    writeFileSync(LOG, '')
    for (const test of event.result.tests) {
      const file = test.fileName === undefined ? '' : rel(test.fileName)
      if (!this.testFiles.has(file))
        this.testFiles.set(file, {
          source: file === '' ? undefined : readSource(test.fileName),
          tests: [],
        })
      this.testFiles.get(file).tests.push({
        id: test.id,
        name: test.name,
        ...(test.startPosition === undefined
          ? {}
          : { location: { start: toSchema(test.startPosition) } }),
      })
    }
  }

  onMutationTestingPlanReady(event) {
    // The first checkpoint waits a minute: a run carrying on from the file reports the outcomes
    // it reuses first, and the file must not be replaced before they are all in.
    this.lastCheckpoint = Date.now()
    for (const { mutant } of event.mutantPlans) {
      const file = rel(mutant.fileName)
      if (!this.sources.has(file)) this.sources.set(file, readSource(mutant.fileName) ?? '')
    }
  }

  onMutantTested(result) {
    const file = rel(result.fileName)
    const line = {
      status: result.status,
      file,
      // Reported results count lines and columns from 1, as Stryker's reports do.
      line: result.location.start.line,
      column: result.location.start.column,
      mutator: result.mutatorName,
      replacement: result.replacement,
      static: result.static === true,
      // When it was known: outcomes from a stretch when the machine misbehaved can be retested.
      at: new Date().toISOString(),
    }
    appendFileSync(LOG, JSON.stringify(line) + '\n')

    if (!this.outcomes.has(file)) this.outcomes.set(file, new Map())
    this.outcomes.get(file).set(result.id, {
      id: result.id,
      mutatorName: result.mutatorName,
      replacement: result.replacement,
      location: result.location,
      status: result.status,
      ...(result.statusReason === undefined ? {} : { statusReason: result.statusReason }),
      ...(result.static === undefined ? {} : { static: result.static }),
      ...(result.coveredBy === undefined ? {} : { coveredBy: result.coveredBy }),
      ...(result.killedBy === undefined ? {} : { killedBy: result.killedBy }),
      ...(result.testsCompleted === undefined ? {} : { testsCompleted: result.testsCompleted }),
    })
    if (Date.now() - this.lastCheckpoint >= CHECKPOINT_MS) this.checkpoint()
  }

  onMutationTestReportReady() {
    // Stryker writes its own incremental report after this when run with --incremental; without
    // it, this last checkpoint is the complete one.
    this.checkpoint()
  }

  checkpoint() {
    this.lastCheckpoint = Date.now()
    const files = {}
    for (const [file, mutants] of this.outcomes) {
      const source = this.sources.get(file) ?? readSource(file) ?? ''
      const language = ['.ts', '.tsx'].includes(extname(file)) ? 'typescript' : 'javascript'
      files[file] = { language, source, mutants: [...mutants.values()] }
    }
    const report = {
      schemaVersion: '1.0',
      thresholds: { high: 80, low: 60 },
      files,
      testFiles: Object.fromEntries(this.testFiles),
    }
    mkdirSync(REPORTS, { recursive: true })
    const partial = `${INCREMENTAL}.partial`
    writeFileSync(partial, JSON.stringify(report))
    renameSync(partial, INCREMENTAL)
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-log', LiveLog)]
