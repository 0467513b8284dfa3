/**
 * Layering rules that `npm run check` enforces (design §1 P6, §6). Website statistics stay apart
 * from patron records: nothing under src/analytics may reach — directly or through anything it
 * imports, types included — a domain module that holds or handles patron data, and no other code
 * opens the statistics store itself (it comes through the context, opened once).
 */
const DOMAINS = [
  'patrons',
  'circulation',
  'privacy',
  'catalog',
  'computers',
  'comms',
  'records',
  'policy',
  'staff',
  'selfcheck',
  'library',
  'sip2',
  'reports',
]

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'analytics-reaches-no-domain',
      severity: 'error',
      comment:
        'Website statistics (src/analytics) must not import a domain module, directly or transitively (P6): keep them to db/, config schema, clock, ids and logger.',
      from: { path: '^src/analytics/' },
      to: { path: `^src/(${DOMAINS.join('|')})/`, reachable: true },
    },
    {
      name: 'analytics-reaches-no-context',
      severity: 'error',
      comment:
        'src/analytics must not import the composition root (src/context.ts), which reaches every domain.',
      from: { path: '^src/analytics/' },
      to: { path: '^src/context\\.ts$', reachable: true },
    },
    {
      name: 'statistics-store-only-through-context',
      severity: 'error',
      comment:
        'Only the composition root and `carrel migrate` open the statistics store; everything else uses ctx.statistics.',
      from: {
        path: '^src/',
        pathNot: '^src/(analytics/|context\\.ts$|cli/commands/migrate\\.ts$)',
      },
      to: { path: '^src/analytics/(store|migrations/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
}
