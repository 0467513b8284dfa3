import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Written into the data directory when `carrel serve --demo` creates a demo library there. Only
 * a data directory carrying it may run on a moved clock, so a real library cannot be put on a
 * sandbox clock by a stray setting. It lives beside the master key (also with PostgreSQL, where
 * the data directory holds no database): a file, so no migration of the records schema is needed.
 */
export const DEMO_MARKER_FILE = 'demo.json'

export function isDemoDataDir(dataDir: string): boolean {
  return existsSync(join(dataDir, DEMO_MARKER_FILE))
}

/** Marks the data directory as holding a demo library; keeps an existing marker. */
export function markDemoDataDir(dataDir: string, at: Date): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, DEMO_MARKER_FILE)
  if (!existsSync(path)) {
    const marker = {
      demo: true,
      createdAt: at.toISOString(),
      note: 'Created by "carrel serve --demo": fictional data only. Allows clock.offset.',
    }
    writeFileSync(path, `${JSON.stringify(marker, null, 2)}\n`, { flag: 'wx' })
  }
  return path
}
