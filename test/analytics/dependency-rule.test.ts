// P6: website statistics cannot reach patron code. The project's own dependency-cruiser rules,
// run through its API: on a scratch tree where an analytics file imports a patron module
// (directly, and through a helper in db/) they fail; on the real src/analytics they pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const rules = require('../../.dependency-cruiser.cjs') as {
  forbidden: NonNullable<NonNullable<ICruiseOptions['ruleSet']>['forbidden']>
}

async function run(baseDir: string, paths: string[]) {
  const result = await cruise(paths, {
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  })
  if (typeof result.output === 'string') throw new Error('unexpected text output')
  return result.output
}

async function violations(baseDir: string, paths: string[]): Promise<IViolation[]> {
  return (await run(baseDir, paths)).summary.violations
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'carrel-depcruise-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('dependency rule: analytics imports no domain', () => {
  it('fails on a planted import of a patron module, direct or through another file', async () => {
    const root = tree({
      'src/patrons/patron.service.ts': 'export const findPatron = (id: string) => id\n',
      'src/analytics/planted.ts':
        "import { findPatron } from '../patrons/patron.service.js'\nexport const x = findPatron('1')\n",
      'src/db/innocent.ts':
        "import { findPatron } from '../patrons/patron.service.js'\nexport const y = findPatron\n",
      'src/analytics/indirect.ts': "import { y } from '../db/innocent.js'\nexport const z = y\n",
      'src/analytics/clean.ts': 'export const fine = 1\n',
    })
    try {
      const found = await violations(root, ['src'])
      const broken = found
        .filter((v) => v.rule.name === 'analytics-reaches-no-domain')
        .map((v) => v.from)
        .sort()
      expect(broken).toEqual(['src/analytics/indirect.ts', 'src/analytics/planted.ts'])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('fails when code outside the composition root opens the statistics store', async () => {
    const root = tree({
      'src/analytics/store.ts': 'export const openStatisticsStore = () => 1\n',
      'src/circulation/sneaky.ts':
        "import { openStatisticsStore } from '../analytics/store.js'\nexport const s = openStatisticsStore()\n",
      'src/context.ts':
        "import { openStatisticsStore } from './analytics/store.js'\nexport const c = openStatisticsStore()\n",
    })
    try {
      const found = await violations(root, ['src'])
      expect(
        found
          .filter((v) => v.rule.name === 'statistics-store-only-through-context')
          .map((v) => v.from),
      ).toEqual(['src/circulation/sneaky.ts'])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('passes on the real src/analytics and the real callers of the store', async () => {
    const output = await run(process.cwd(), ['src'])
    expect(output.summary.violations).toEqual([])
    // The imports really were followed (a rule over unresolved imports would pass on nothing).
    const store = output.modules.find((m) => m.source === 'src/analytics/store.ts')
    expect(store?.dependencies.map((d) => d.resolved)).toContain('src/db/postgres.ts')
    const context = output.modules.find((m) => m.source === 'src/context.ts')
    expect(context?.dependencies.map((d) => d.resolved)).toContain('src/analytics/store.ts')
  }, 120_000)
})
