import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { AxeBuilder } from '@axe-core/playwright'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { buildHttpApp } from '../../src/http/app.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'
import { createTestEnv, type TestEnv } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'

export const CHROMIUM = process.env.CARREL_TEST_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Locally a machine without Chromium leaves these tests out, with a loud warning; under CI the
 * run fails instead, so the browser tests can never silently stop running.
 */
export function chromiumPresent(): boolean {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI === 'true')
    throw new Error(
      `Chromium not found at ${CHROMIUM}, and CI=true: refusing to skip the browser tests.`,
    )
  process.stderr.write(
    `\n!!! Chromium not found at ${CHROMIUM}: the browser tests are NOT running.\n\n`,
  )
  return false
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface Server {
  env: TestEnv
  app: FastifyInstance
  url: string
  close(): Promise<void>
}

/** The real app on a free port, over a fresh SQLite library (the browser tests are about pages, not engines). */
export async function startServer(overrides: Record<string, unknown> = {}): Promise<Server> {
  const env = await createTestEnv('sqlite', overrides)
  const app = await buildHttpApp(env.ctx)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return {
    env,
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close()
      await env.close()
    },
  }
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe on the page as it is now; any violation fails with its rule, impact and elements.
 * `except` names rules a page is allowed to break, each with its reason where it is called.
 * Axe runs in legacy mode, in the page itself: the default opens a blank page for every check to
 * merge the results of frames, which these pages do not have, at half of each check's time.
 */
export async function expectAccessible(
  page: Page,
  label: string,
  except: string[] = [],
): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG)
    .disableRules(except)
    .setLegacyMode(true)
    .analyze()
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(found, `axe on ${label} (${page.url()})`).toEqual([])
}

/** Collects what the browser reports against the page's security policy. */
export function watchPolicy(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text()))
      problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return problems
}

/**
 * A new staff account with the role, signed in on a page of a browser context of its own; the
 * page's reports against the security policy are collected in `policy`.
 */
export async function signedInStaffPage(
  server: Server,
  browser: Browser,
  role: StaffRole,
): Promise<{ context: BrowserContext; page: Page; policy: string[] }> {
  const username = `${role.replace('_', '-')}-${Math.random().toString(36).slice(2, 8)}`
  await staffActor(server.env.ctx, role, username)
  const context = await browser.newContext({ baseURL: server.url })
  const page = await context.newPage()
  page.setDefaultTimeout(8000)
  const policy = watchPolicy(page)
  await page.goto('/staff/sign-in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  return { context, page, policy }
}
