// A Stryker reporter that writes each mutant's outcome as soon as it is known, one JSON line per
// mutant, to live.jsonl in the run's report folder (reports/mutation/<scope>/). Stryker's own reports appear only at the end of a run
// that takes hours on the whole scope; with this one a developer can start on the first
// survivors while the run goes on (`grep Survived reports/mutation/*/live.jsonl`).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin'

const REPORTS = process.env.CARREL_MUTATE_REPORTS ?? 'reports/mutation/all'
const LOG = join(REPORTS, 'live.jsonl')

class LiveLog {
  onDryRunCompleted() {
    mkdirSync(REPORTS, { recursive: true })
    writeFileSync(LOG, '')
  }

  onMutantTested(result) {
    const line = {
      status: result.status,
      file: relative(process.cwd(), result.fileName),
      line: result.location.start.line,
      column: result.location.start.column + 1,
      mutator: result.mutatorName,
      replacement: result.replacement,
      static: result.static === true,
      // When it was known: outcomes from a stretch when the machine misbehaved can be retested.
      at: new Date().toISOString(),
    }
    appendFileSync(LOG, JSON.stringify(line) + '\n')
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-log', LiveLog)]
