import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Node options a worker shares with this process: how modules load, and little else. */
const KEPT_WITH_VALUE = [
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
]
const KEPT_ALONE = [
  '--enable-source-maps',
  '--no-warnings',
  '--max-old-space-size',
  '--disable-warning',
]

/** This process's module-loading options; not --eval (the worker would run the script again), nor --inspect. */
export function loaderOptions(execArgv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? ''
    const name = arg.split('=')[0] ?? ''
    if (KEPT_WITH_VALUE.includes(name)) {
      if (arg.includes('=')) out.push(arg)
      else if (i + 1 < execArgv.length) out.push(arg, execArgv[++i] ?? '')
    } else if (KEPT_ALONE.includes(name)) out.push(arg)
  }
  return out
}

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
  const execArgv = loaderOptions(process.execArgv)
  if (fromSources && !execArgv.some((a) => a.includes('tsx'))) {
    const loader = createRequire(here).resolve('tsx')
    execArgv.push('--import', pathToFileURL(loader).href)
  }
  return { file, execArgv }
}
