import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Where the tests' command-line processes run from: every source file transpiled one for one, as
 * `npm run build` lays out dist/ (one level below the root, so files read beside package.json
 * resolve the same), with no type check. Starting `carrel` from here takes about half the time of
 * going through tsx's loader, and the command-line tests start a hundred processes and more.
 */
export const CLI_BUILD_DIR = join(ROOT, '.test-build')
export const CLI_ENTRY = join(CLI_BUILD_DIR, 'cli/index.js')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  )
}

/** Transpiles src/ into CLI_BUILD_DIR; run once per test run, before any worker starts. */
export async function buildCliForTests(): Promise<void> {
  await build({
    entryPoints: sources(join(ROOT, 'src')),
    outdir: CLI_BUILD_DIR,
    outbase: join(ROOT, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'inline',
    logLevel: 'warning',
  })
}
