import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverNewsletter } from '../../src/comms/newsletter-worker.js'
import { linkIn, maildropMessagesTo } from '../web/newsletter-mail.js'
import {
  chromiumPresent,
  signedInStaffPage,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

const READER = 'marisol.reads@example.net'

describe.skipIf(!chromiumPresent())('browser: the newsletter in Chromium', () => {
  let server: Server
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchChromium()])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'subscribe, confirm from the maildrop, staff send an issue, leave with one click; axe on every page',
    { timeout: 120_000 },
    async () => {
      const ctx = server.env.ctx
      const dataDir = server.env.dataDir
      const reader = await browser.newContext({ baseURL: server.url })
      const page = await reader.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)

      // Sign up on the public page.
      await page.goto('/')
      await page.getByRole('link', { name: 'Newsletter' }).first().click()
      await page.getByRole('heading', { name: 'Get the library newsletter' }).waitFor()
      await expectAccessible(page, 'newsletter sign-up')
      await page.getByRole('button', { name: 'Sign up' }).click()
      // The browser's own check stops an empty form; a malformed address reaches the server.
      await page.getByLabel('Your email address').fill('marisol at example')
      await page.getByLabel('Your email address').evaluate((el) => el.removeAttribute('type'))
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.getByRole('alert').getByText('That does not look like an email address').waitFor()
      await expectAccessible(page, 'newsletter sign-up refused')
      await page.getByLabel('Your email address').fill(READER)
      await page.getByRole('button', { name: 'Sign up' }).click()
      await page.getByRole('heading', { name: 'Check your email' }).waitFor()
      await expectAccessible(page, 'check your email')

      // The confirmation message, from the maildrop; its link confirms.
      await deliverNewsletter(ctx)
      const confirmation = maildropMessagesTo(dataDir, READER)
      expect(confirmation).toHaveLength(1)
      await page.goto(linkIn(confirmation[0], '/newsletter/confirm/'))
      await page.getByRole('heading', { name: 'You are subscribed' }).waitFor()
      await expectAccessible(page, 'subscription confirmed')

      // Staff write, preview and send an issue, and watch it go out.
      const {
        context: desk,
        page: staff,
        policy: staffPolicy,
      } = await signedInStaffPage(server, browser, 'librarian')
      await staff.getByRole('link', { name: 'Newsletter' }).click()
      await staff.getByRole('heading', { name: 'Newsletter', level: 1 }).waitFor()
      await expectAccessible(staff, 'staff newsletter list')
      await staff.getByRole('link', { name: 'Write a new issue' }).click()
      await expectAccessible(staff, 'new issue')
      await staff.getByLabel('Subject', { exact: true }).fill('Summer reading')
      await staff
        .getByLabel('Text (Markdown)', { exact: true })
        .fill('## Summer reading\n\nThe **reading challenge** starts June 1.')
      await staff.getByRole('button', { name: 'Save and preview' }).click()
      await staff.getByRole('heading', { name: 'Preview: Summer reading' }).waitFor()
      expect(await staff.locator('.newsletter-preview strong').first().textContent()).toBe(
        'reading challenge',
      )
      await expectAccessible(staff, 'issue preview')
      await staff.getByRole('link', { name: 'Send this issue…' }).click()
      await staff.getByText('This cannot be undone.').waitFor()
      await expectAccessible(staff, 'send confirmation')
      await staff.getByRole('button', { name: 'Yes, send it now' }).click()
      await staff.getByText('Sending to 1 subscriber.').waitFor()
      await expectAccessible(staff, 'issue sending')
      // The worker sends it; the progress block updates itself, without a reload.
      await deliverNewsletter(ctx)
      await staff.getByText(/Finished .*: 1 of 1 delivered\./).waitFor({ timeout: 10_000 })
      await expectAccessible(staff, 'issue sent')

      // The issue's one-click unsubscribe link, from its header; the button leaves the list.
      const issue = maildropMessagesTo(dataDir, READER).find(
        (m) => m.headers.get('subject') === 'Summer reading',
      )
      // A long header may be folded; unfolded, the address has no white space in it.
      const header = (issue?.headers.get('list-unsubscribe') ?? '').replace(/\s+/g, '')
      expect(header).toMatch(/^<https?:\/\/[^/]+\/newsletter\/unsubscribe\/[^>]+>$/)
      expect(issue?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      const unsubscribe = /^<https?:\/\/[^/]+(\/newsletter\/unsubscribe\/[^>]+)>$/.exec(header)?.[1]
      expect(unsubscribe).toBeDefined()
      await page.goto(unsubscribe ?? '/')
      await page.getByRole('heading', { name: 'Leave the newsletter?' }).waitFor()
      await expectAccessible(page, 'leave the newsletter')
      await page.getByRole('button', { name: 'Leave the newsletter' }).click()
      await page.getByRole('heading', { name: 'You have left the newsletter' }).waitFor()
      await expectAccessible(page, 'left the newsletter')
      const left = await ctx.db
        .selectFrom('newsletter_subscriptions')
        .select('id')
        .where('status', '=', 'active')
        .execute()
      expect(left).toEqual([])

      // The public pages set no cookie and used no storage; no page broke the security policy.
      expect(await reader.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
      expect(staffPolicy).toEqual([])
      await reader.close()
      await desk.close()
    },
  )
})
