import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import { runRetentionUnderLease } from '../../jobs/jobs.service.js'
import { previewRetention } from '../../privacy/retention/retention.service.js'
import { withContext } from '../context.js'
import { say } from '../output.js'
import { startProgress, type Progress } from '../progress.js'
import { busyIsFailure } from './jobs.js'

const STATE_WORDS = {
  due: 'due',
  kept: 'kept (no disposal)',
  'no-authority': 'no disposal authority: never purged',
  held: 'under a legal hold',
}

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('the retention schedule: what is due for disposal, and disposing of it')
  retention
    .command('preview')
    .description('show, per record series, what a sweep would dispose of now (changes nothing)')
    .action(async () => {
      await withContext(loadConfig(), async (ctx) => {
        const rows = await previewRetention(ctx, SYSTEM_ACTOR)
        const width = Math.max(...rows.map((r) => r.series.length))
        say(
          ...rows.map(
            (r) =>
              `${r.series.padEnd(width)}  ${String(r.due).padStart(8)}  ${r.method.padEnd(12)}  ${STATE_WORDS[r.state]}${r.authority ? ` — ${r.authority}` : ''}`,
          ),
        )
      })
    })
  retention
    .command('run')
    .description(
      'dispose of everything due under an approved authority and no legal hold; writes disposal records',
    )
    .action(async () => {
      await withContext(loadConfig(), async (ctx) => {
        const preview = await previewRetention(ctx, SYSTEM_ACTOR)
        const total = preview.filter((r) => r.state === 'due').reduce((sum, r) => sum + r.due, 0)
        let progress: Progress | undefined
        let before = 0
        let current = ''
        // Under the retention-sweep job's lease: a second sweep on the same database is refused.
        const results = await busyIsFailure(() =>
          runRetentionUnderLease(ctx, SYSTEM_ACTOR, 'cli', (series, done) => {
            progress ??= startProgress('retention sweep', total)
            if (series !== current) {
              current = series
              before = preview
                .filter((r) => r.state === 'due' && r.series < series)
                .reduce((sum, r) => sum + r.due, 0)
            }
            progress.update(before + done)
          }),
        )
        progress?.stop()
        const done = results.filter((r) => r.disposed > 0 || (r.warned ?? 0) > 0)
        if (done.length === 0) say('Nothing was due.')
        for (const r of done)
          say(
            `${r.series}: ${r.disposed} disposed${r.warned ? `, ${r.warned} patrons warned` : ''}`,
          )
      })
    })
}
