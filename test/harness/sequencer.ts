import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take longest in every run (a browser, child processes), started first: on a
 * fresh clone Vitest has no timings and orders files by size, which let a short file that drives
 * a browser for two minutes start last and run on alone.
 */
const SLOW = [
  /\.browser\.test\.ts$/,
  /\/test\/cli\//,
  /\.serve\.test\.ts$/,
  /sip-cli\.db\.test\.ts$/,
]

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const slow = (f: TestSpecification) => SLOW.some((r) => r.test(f.moduleId))
    return [...sorted.filter(slow), ...sorted.filter((f) => !slow(f))]
  }
}
