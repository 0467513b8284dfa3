// carrel newsletter list / send: sending asks first (or --yes), delivers with progress lines when
// not at a terminal, and reports counts only; a refusal sends nothing.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { readEml } from '../../src/comms/eml-reader.js'
import { listMaildrop, readMaildrop } from '../../src/comms/maildrop.js'
import {
  confirmSubscription,
  createIssue,
  getIssue,
  subscribeByEmail,
} from '../../src/comms/newsletter.service.js'
import { describeEngines, type TestEnv } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { removeTempDirs, runCli, STACK_LINE, tempDir } from './run-cli.js'

function carrel(env: TestEnv, args: string[], input?: string) {
  return runCli(args, {
    cwd: tempDir(),
    env: {
      CARREL_DATA_DIR: env.dataDir,
      CARREL_MASTER_KEY: env.masterKey.toString('base64'),
      CARREL_PUBLIC_URL: 'https://books.example.org',
      ...(env.databaseUrl !== undefined && { CARREL_DATABASE_URL: env.databaseUrl }),
      ...(env.keystoreUrl !== undefined && { CARREL_KEYSTORE_URL: env.keystoreUrl }),
    },
    ...(input !== undefined && { input }),
  })
}

async function subscriber(ctx: AppContext, email: string) {
  await subscribeByEmail(ctx, { email, language: 'en' })
  const rows = await ctx.db
    .selectFrom('newsletter_deliveries')
    .select('payload')
    .where('kind', '=', 'confirm')
    .execute()
  for (const r of rows) await confirmSubscription(ctx, r.payload ?? '')
}

describeEngines('carrel newsletter', (env) => {
  afterAll(removeTempDirs)
  // The CLI runs on the real clock, so the harness's stores are set up in real time too.
  beforeAll(() => env().clock.set(new Date()))

  it('asks before sending, sends with --yes to the maildrop, and lists the issue with counts only', async () => {
    const { ctx } = env()
    const staff = await staffActor(ctx, 'librarian')
    await subscriber(ctx, 'cli.reader@example.net')
    const issue = await createIssue(ctx, staff, { subject: 'From the CLI', body: 'Hello *all*.' })

    const refused = await carrel(env(), ['newsletter', 'send', issue.id], 'no\n')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Send "From the CLI" to 1 active subscriber now?')
    expect(refused.stderr).toContain('NEWSLETTER_SEND_NOT_CONFIRMED')
    expect((await getIssue(ctx, staff, issue.id)).status).toBe('draft')
    const unknown = await carrel(env(), [
      'newsletter',
      'send',
      '00000000-0000-4000-8000-000000000000',
      '--yes',
    ])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('ISSUE_NOT_FOUND')
    expect(unknown.stderr).not.toMatch(STACK_LINE)

    const sent = await carrel(env(), ['newsletter', 'send', issue.id], 'yes\n')
    expect(sent.stderr).not.toMatch(STACK_LINE)
    expect(sent.code).toBe(0)
    expect(sent.stdout).toBe('Sent "From the CLI": 1 sent, 0 failed, 0 waiting, of 1 recipients.\n')
    const done = await getIssue(ctx, staff, issue.id)
    expect(done).toMatchObject({ status: 'sent', recipients: 1, sent: 1, failed: 0 })

    // No mail server configured: the message is in the maildrop, with its one-click headers.
    const files = listMaildrop(env().dataDir)
    const messages = files.map((f) => readEml(readMaildrop(env().dataDir, f.name).raw))
    const news = messages.find((m) => m.headers.get('subject') === 'From the CLI')
    expect(news?.headers.get('to')).toBe('cli.reader@example.net')
    expect(news?.headers.get('list-unsubscribe')?.trim()).toMatch(
      /^<https:\/\/books\.example\.org\/newsletter\/unsubscribe\/[0-9a-f-]{36}\.[A-Za-z0-9_-]+>$/,
    )
    expect(news?.headers.get('list-unsubscribe-post')?.trim()).toBe('List-Unsubscribe=One-Click')

    const list = await carrel(env(), ['newsletter', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain(
      `${issue.id}  sent     ${done.createdOn}  From the CLI  (1 sent, 0 failed, 0 waiting, of 1 recipients)`,
    )
  })
})
