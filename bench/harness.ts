// Timing on a shared, noisy machine: warm up, then several fixed-time rounds per contender,
// interleaved (and in alternating order) so drift hits every contender alike; report medians.

export const CONTENDERS = ['carrel', 'raw', 'sql'] as const
export type Contender = (typeof CONTENDERS)[number]

export interface CheckResult {
  hitsPerQuery: number
  /** Sample queries where Carrel and the raw path returned different patrons. */
  mismatches: number
}

export interface Case {
  name: string
  /** One operation each; a returned promise is awaited, anything else counts as done. */
  contenders: Record<Contender, () => unknown>
  /** Run once before timing. */
  check?: () => Promise<CheckResult>
}

export interface Timing {
  rounds: number
  roundMs: number
  warmupMs: number
}

export interface CaseResult {
  name: string
  median: Record<Contender, number>
  /** Carrel's rate over each baseline's, per round (the contenders run back to back), median. */
  ratio: { raw: number; sql: number }
  /** The widest (max − min) / median over the contenders' rounds. */
  spread: number
  check?: CheckResult
}

async function opsPerSecond(op: () => unknown, ms: number): Promise<number> {
  let count = 0
  const start = performance.now()
  let now: number
  do {
    const pending = op()
    if (pending instanceof Promise) await pending
    count += 1
    now = performance.now()
  } while (now - start < ms)
  return count / ((now - start) / 1000)
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

export async function measure(c: Case, t: Timing): Promise<CaseResult> {
  const check = c.check ? await c.check() : undefined
  for (const name of CONTENDERS) await opsPerSecond(c.contenders[name], t.warmupMs)
  const samples: Record<Contender, number[]> = { carrel: [], raw: [], sql: [] }
  for (let round = 0; round < t.rounds; round++) {
    const order = round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse()
    for (const name of order) samples[name].push(await opsPerSecond(c.contenders[name], t.roundMs))
  }
  const med = (name: Contender) => median(samples[name])
  const paired = (base: Contender) =>
    median(samples.carrel.map((v, i) => v / (samples[base][i] ?? NaN)))
  const spread = Math.max(
    ...CONTENDERS.map((n) => (Math.max(...samples[n]) - Math.min(...samples[n])) / med(n)),
  )
  return {
    name: c.name,
    median: { carrel: med('carrel'), raw: med('raw'), sql: med('sql') },
    ratio: { raw: paired('raw'), sql: paired('sql') },
    spread,
    ...(check && { check }),
  }
}

export const rate = (n: number): string =>
  n >= 100
    ? Math.round(n).toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 1 })

/** A plain-text table; columns after the first are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

export function resultTable(results: readonly CaseResult[]): string {
  const headers = [
    'workload',
    'Carrel/s',
    'raw/s',
    'Carrel÷raw',
    'SQL-only/s',
    'Carrel÷SQL',
    'hits/query',
    'spread',
  ]
  const rows = results.map((r) => [
    r.name,
    rate(r.median.carrel),
    rate(r.median.raw),
    r.ratio.raw.toFixed(2),
    rate(r.median.sql),
    r.ratio.sql.toFixed(2),
    r.check ? r.check.hitsPerQuery.toFixed(1) : '—',
    `${Math.round(r.spread * 100)}%`,
  ])
  return table(headers, rows)
}
