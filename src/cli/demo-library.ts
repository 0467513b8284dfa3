import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config/config.js'
import { initMasterKey, MASTER_KEY_FILE, MasterKeyError, readMasterKey } from '../config/secrets.js'
import type { AppContext } from '../context.js'
import { markDemoDataDir } from '../demo/demo-marker.js'
import { DEMO_STAFF, seedDemo, type DemoStaff } from '../demo/seed-demo.js'
import { demoComputerToken } from '../demo/demo-computers.js'
import { say } from './output.js'

/** With --demo a first run needs no set-up: the key is created unless one was provided. */
export function demoMasterKey(config: Config): Buffer {
  try {
    return readMasterKey(config.dataDir)
  } catch (err) {
    if (!(err instanceof MasterKeyError) || existsSync(join(config.dataDir, MASTER_KEY_FILE)))
      throw err
    const { path } = initMasterKey(config.dataDir)
    say(
      `Created a master key at ${path} for the demo (back it up apart from the databases if you keep this data).`,
    )
    return readMasterKey(config.dataDir)
  }
}

export interface DemoAccounts {
  staff: DemoStaff[]
  patron?: { barcode: string; pin: string }
  /** The published credential of the first adult computer at the first branch. */
  kiosk?: string
}

/** Marks the data directory as a demo and fills its empty library, saying what it added. */
export async function addDemoLibrary(ctx: AppContext): Promise<DemoAccounts> {
  // Marked first, so a demo whose seeding was interrupted is still known to be one.
  markDemoDataDir(ctx.config.dataDir, ctx.clock.now())
  say('Adding the demo library (staff, patrons, cards, notes and charges)…')
  const started = performance.now()
  const seeded = await seedDemo(ctx)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const c = seeded.circulation
  const kiosk = demoComputerToken(ctx.config.library.branches[0] ?? 'main', 'adult', 1)
  say(
    `Added ${seeded.staff.length} staff accounts and ${seeded.patrons} patrons in ${seconds} s.`,
    `The catalogue has ${c.items} copies; ${c.loans} loans (${c.overdue} overdue), ${c.holds} holds and ${c.finesOwed} fines owed.`,
    `${seeded.computers} public computers; the first adult computer at the first branch signs in with the credential ${kiosk}.`,
  )
  return { staff: [...DEMO_STAFF], patron: seeded.demoPatron, kiosk }
}
