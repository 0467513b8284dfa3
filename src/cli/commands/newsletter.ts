import type { Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import type { AppContext } from '../../context.js'
import {
  activeSubscriberCount,
  getIssue,
  issueProgress,
  listIssues,
  startSending,
  type IssueSummary,
} from '../../comms/newsletter.service.js'
import { deliverNewsletter } from '../../comms/newsletter-worker.js'
import { withContext } from '../context.js'
import { CliFailure, EXIT_FAILURE } from '../failure.js'
import { note, say } from '../output.js'
import { startProgress } from '../progress.js'
import { ask } from '../ask.js'

interface SendOptions {
  yes?: boolean
}

const counts = (s: IssueSummary) =>
  `${s.sent} sent, ${s.failed} failed, ${s.queued} waiting, of ${s.recipients} recipients`

export function registerNewsletter(program: Command): void {
  const newsletter = program
    .command('newsletter')
    .description('the library newsletter: list issues and send one')
  newsletter
    .command('list')
    .description('list the issues with their status and counts')
    .action(async () => {
      await withContext(loadConfig(), async (ctx) => {
        const issues = await listIssues(ctx, SYSTEM_ACTOR)
        if (issues.length === 0) say('No issues yet.')
        for (const i of issues)
          say(
            `${i.id}  ${i.status.padEnd(7)}  ${i.createdOn}  ${i.subject}${i.status === 'draft' ? '' : `  (${counts(i)})`}`,
          )
      })
    })
  newsletter
    .command('send')
    .argument('<issueId>', 'the issue to send (see "carrel newsletter list")')
    .description(
      'send an issue to every active subscriber (asks first when it is still a draft: sending cannot be undone), then deliver it with progress',
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (issueId: string, options: SendOptions) => {
      await withContext(loadConfig(), (ctx) => send(ctx, issueId, options.yes === true))
    })
}

async function send(ctx: AppContext, issueId: string, confirmed: boolean): Promise<void> {
  let issue: IssueSummary = await getIssue(ctx, SYSTEM_ACTOR, issueId)
  if (issue.status === 'sent') {
    say(`"${issue.subject}" was sent on ${issue.sentOn ?? ''}: ${counts(issue)}.`)
    return
  }
  if (issue.status === 'draft') {
    const subscribers = await activeSubscriberCount(ctx, SYSTEM_ACTOR)
    if (!confirmed) {
      const answer = await ask(
        `Send "${issue.subject}" to ${subscribers} active subscriber${subscribers === 1 ? '' : 's'} now? This cannot be undone. Type "yes" to send: `,
      )
      if (answer === undefined || !/^y(es)?$/i.test(answer.trim()))
        throw new CliFailure(
          `${answer === undefined ? 'no answer (stdin ended); add --yes to send without being asked' : 'not confirmed'}; nothing was sent (NEWSLETTER_SEND_NOT_CONFIRMED)`,
          EXIT_FAILURE,
        )
    }
    issue = await startSending(ctx, SYSTEM_ACTOR, issue.id)
  }
  const progress = startProgress(`sending "${issue.subject}"`, issue.recipients)
  const update = async () => {
    issue = await issueProgress(ctx, SYSTEM_ACTOR, issueId)
    progress.update(issue.sent + issue.failed)
  }
  try {
    // Until nothing of this issue is due now; retries the mail server asked for wait for the job.
    for (;;) {
      const run = await deliverNewsletter(ctx, { issueId: issue.id, afterBatch: update })
      if (run.claimed === 0 || issue.status === 'sent') break
    }
    await update()
  } finally {
    progress.stop()
  }
  if (issue.status === 'sent') say(`Sent "${issue.subject}": ${counts(issue)}.`)
  else {
    say(`Sending "${issue.subject}": ${counts(issue)}.`)
    note(
      'The mail server asked to try some messages again later; the scheduled newsletter-send job carries on with them.',
    )
  }
}
