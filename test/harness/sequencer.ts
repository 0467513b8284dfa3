import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Browser and command-line files: each takes tens of seconds (a browser, or a process per command). */
const isSlow = (file: TestSpecification): boolean =>
  /\.browser\.test\.ts$/.test(file.moduleId) || /[/\\]test[/\\]cli[/\\]/.test(file.moduleId)

/**
 * Vitest orders files by their last durations, and on a fresh clone (no record of durations, as in
 * CI) by size, which sends the short browser files last: the run then ends on one worker with a
 * browser file while the others are idle. The slow kinds start first; the order within each kind
 * is Vitest's.
 */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    return [...sorted.filter(isSlow), ...sorted.filter((f) => !isSlow(f))]
  }
}
