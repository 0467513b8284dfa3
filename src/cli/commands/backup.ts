import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { BackupError } from '../../backup/backup-error.js'
import { createBackup, keystoreExpired, listBackups } from '../../backup/backup.service.js'
import { readManifest, verifyChecksums, type Manifest } from '../../backup/manifest.js'
import { restoreBackup } from '../../backup/restore.service.js'
import { loadConfig, type Config } from '../../config/config.js'
import { processEnv } from '../../config/env.js'
import { MASTER_KEY_FILE, readMasterKey } from '../../config/secrets.js'
import { describeReplay } from '../../privacy/retention/journal-replay.js'
import { stderrLogger } from '../context.js'
import { CliFailure, EXIT_FAILURE } from '../failure.js'
import { note, say } from '../output.js'
import { packageVersion } from '../version.js'
import { startProgress, type Progress } from '../progress.js'
import { ask } from '../ask.js'

export function registerBackup(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      'copy the records store, the key store and the statistics store, while Carrel runs, into a new directory (never the master key)',
    )
    .argument('<target>', 'a directory that does not exist yet, or an empty one')
    .action(async (target: string) => {
      await run(() => takeBackup(loadConfig(), target))
    })
  backup
    .command('verify')
    .description("check every file of a backup against its manifest's SHA-256 checksums")
    .argument('<dir>', 'the backup directory')
    .action(async (dir: string) => {
      await run(async () => {
        const manifest = readManifest(dir)
        await verifyChecksums(dir, manifest)
        say(`${resolve(dir)}: every file matches its checksum (taken ${manifest.takenAt}).`)
        if (keystoreExpired(manifest, new Date()))
          say(
            `Its key-store copy expired on ${manifest.keystoreExpiresAt}: it can no longer be restored.`,
          )
      })
    })
  backup
    .command('prune')
    .description(
      'delete the backups in a directory whose key-store copy has expired (backup.keystoreDays); asks first',
    )
    .argument('<dir>', 'the directory holding one backup per subdirectory')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (dir: string, options: { yes?: boolean }) => {
      await run(() => prune(dir, options.yes === true))
    })
  program
    .command('restore')
    .description(
      'put a backup in place in empty stores, migrate it forward and apply again every erasure and disposal made since it was taken',
    )
    .argument('<backup>', 'the backup directory')
    .action(async (dir: string) => {
      await run(() => restore(loadConfig(), dir))
    })
}

/** A refused or failed backup is explained in one line with its code, never with a stack. */
async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (err) {
    if (err instanceof BackupError) throw new CliFailure(`${err.message} (${err.code})`)
    throw err
  }
}

async function takeBackup(config: Config, target: string): Promise<void> {
  let progress: Progress | undefined
  const manifest = await createBackup(config, target, {
    now: new Date(),
    version: packageVersion(),
    // Stores done, and the share of the one being copied, as a percentage of the whole.
    onProgress: (done, total) => {
      progress ??= startProgress('backup', 100, process.stderr, 'percent')
      progress.update(Math.round((done / total) * 100))
    },
  })
  progress?.stop()
  say(
    `Backed up to ${resolve(target)} (taken ${manifest.takenAt}):`,
    ...Object.entries(manifest.stores).map(
      ([store, c]) => `  ${store.padEnd(11)}${c.file}  ${c.bytes} bytes  sha256 ${c.sha256}`,
    ),
    `Its key-store copy expires on ${manifest.keystoreExpiresAt} (backup.keystoreDays); after that it cannot be restored and "carrel backup prune" deletes it.`,
    '',
    `The master key is NOT in the backup: ${masterKeyWhere(config)}.`,
    'Keep a copy of it separately from the backups: without it nothing personal in them can be read.',
  )
}

function masterKeyWhere(config: Config): string {
  const fromEnv = processEnv().CARREL_MASTER_KEY
  return fromEnv !== undefined && fromEnv !== ''
    ? 'it is in the CARREL_MASTER_KEY environment variable'
    : `it is in ${join(config.dataDir, MASTER_KEY_FILE)}`
}

async function prune(dir: string, confirmed: boolean): Promise<void> {
  const now = new Date()
  const all = listBackups(dir)
  const expired = all.filter((b) => keystoreExpired(b.manifest, now))
  if (expired.length === 0) {
    say(`No backup in ${resolve(dir)} has expired (${all.length} kept).`)
    return
  }
  const names = expired.map((b) => `  ${b.dir} (taken ${b.manifest.takenAt})`)
  if (!confirmed) {
    note(`These backups' key-store copies have expired:`, ...names)
    const answer = await ask(`Delete these ${expired.length} backup(s)? Type "yes" to delete: `)
    if (answer === undefined || !/^y(es)?$/i.test(answer.trim()))
      throw new CliFailure(
        `${answer === undefined ? 'no answer (stdin ended); add --yes to delete without being asked' : 'not confirmed'}; nothing was deleted (BACKUP_PRUNE_NOT_CONFIRMED)`,
        EXIT_FAILURE,
      )
  }
  for (const b of expired) rmSync(b.dir, { recursive: true, force: true })
  say(
    `Deleted ${expired.length} expired backup(s):`,
    ...names,
    `${all.length - expired.length} kept.`,
  )
}

async function restore(config: Config, dir: string): Promise<void> {
  const masterKey = readMasterKey(config.dataDir)
  const report = await restoreBackup(config, masterKey, dir, {
    now: new Date(),
    logger: stderrLogger(config.logLevel),
  })
  say(...describeRestore(report.manifest, report.migrated))
  const lines = describeReplay(report.replay)
  say(
    `Erasure journal: ${report.entries} entr${report.entries === 1 ? 'y' : 'ies'} from ${report.manifest.takenAt.slice(0, 10)} on.`,
    ...(lines.length === 0 ? ['  nothing needed applying again'] : lines.map((l) => `  ${l}`)),
  )
}

function describeRestore(manifest: Manifest, migrated: string[]): string[] {
  return [
    `Restored the backup taken ${manifest.takenAt} (Carrel ${manifest.carrel}, ${manifest.engine}).`,
    migrated.length === 0
      ? 'Its stores were already at this version.'
      : `Migrated forward: ${migrated.join(', ')}.`,
  ]
}
