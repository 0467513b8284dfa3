import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * The file a SIP2 worker runs and the Node options it needs. Built (dist/), it is the compiled
 * worker-main.js beside this file. From sources (tsx, the tests), it is worker-main.ts, and the
 * worker needs a TypeScript loader: the one this process was started with when its options carry
 * it (`tsx src/cli/index.ts` passes `--import …/tsx/…`), else tsx's, added here (Vitest loads
 * TypeScript its own way, which a child process does not inherit).
 */
export function workerEntry(here: string = import.meta.url): { file: string; execArgv: string[] } {
  const fromSources = here.endsWith('.ts')
  const file = fileURLToPath(new URL(`./worker-main.${fromSources ? 'ts' : 'js'}`, here))
  // A debugger port is the parent's alone.
  const execArgv = process.execArgv.filter((a) => !/^--inspect/.test(a))
  if (fromSources && !execArgv.some((a) => a.includes('tsx'))) {
    const loader = createRequire(here).resolve('tsx')
    execArgv.push('--import', pathToFileURL(loader).href)
  }
  return { file, execArgv }
}
