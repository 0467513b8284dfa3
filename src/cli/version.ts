import { readFileSync } from 'node:fs'

/** Carrel's version, from package.json (src/cli and dist/cli both sit two levels below it). */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version?: string }).version ?? '0.0.0'
}
