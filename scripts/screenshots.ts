/**
 * `npm run screenshots`: starts Carrel on a throwaway demo library, drives Debian's Chromium
 * through the main pages and saves them as PNG files in docs/screenshots/.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { pino } from 'pino'
import { SYSTEM_ACTOR } from '../src/actor.js'
import { addItem, createRecord } from '../src/catalog/catalog.service.js'
import { checkout } from '../src/circulation/checkout.service.js'
import { placeHold } from '../src/circulation/holds.service.js'
import { ManualClock } from '../src/clock.js'
import { loadConfig } from '../src/config/config.js'
import { createContext, type AppContext } from '../src/context.js'
import { buildHttpApp } from '../src/http/app.js'
import { saveBranch } from '../src/library/library.service.js'
import { registerPatron } from '../src/patrons/patron.service.js'
import { createStaff } from '../src/staff/staff.service.js'

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots')
const CHROMIUM = '/usr/bin/chromium'
const PIN = '73915284'
const PASSWORD = 'screenshots only, never real'

const TITLES: [string, string, number, string[]][] = [
  ['The River Atlas', 'Helena Marsh', 2019, ['main', 'main', 'east']],
  ['A River Runs Under the Town', 'Tobias Wren', 2022, ['east']],
  ['Rivers of the Prairie State', 'June Okafor', 2015, ['main']],
  ['Small Boats, Big River', 'Amara Lindqvist', 2021, ['main', 'east']],
]

async function seed(ctx: AppContext) {
  await saveBranch(ctx, SYSTEM_ACTOR, { code: 'east', name: 'East Branch' })
  const items: Record<string, string> = {}
  const records: Record<string, string> = {}
  let n = 0
  for (const [title, author, year, branches] of TITLES) {
    const record = await createRecord(ctx, SYSTEM_ACTOR, {
      title,
      author,
      year,
      materialType: 'book',
    })
    records[title] = record.id
    for (const branch of branches) {
      n += 1
      const barcode = `31000000${String(n).padStart(4, '0')}`
      await addItem(ctx, SYSTEM_ACTOR, {
        recordId: record.id,
        barcode,
        branch,
        itemType: 'book',
        replacementPriceCents: 2500,
      })
      items[title] ??= barcode
    }
  }
  const person = (givenName: string, familyName: string) => ({
    givenName,
    familyName,
    address: { line1: '18 Larkspur Lane', city: 'Thornton', region: 'IL', postcode: '60476' },
    email: `${givenName.toLowerCase()}@example.org`,
    category: 'adult',
    homeBranch: 'main',
    card: { pin: PIN },
  })
  const reader = await registerPatron(ctx, SYSTEM_ACTOR, person('Rosalind', 'Abernathy'))
  const holder = await registerPatron(ctx, SYSTEM_ACTOR, person('Kofi', 'Bautista'))
  const desk = await createStaff(ctx, SYSTEM_ACTOR, {
    username: 'lee',
    displayName: 'Lee Librarian',
    password: PASSWORD,
    role: 'librarian',
  })
  const deskActor = { type: 'staff' as const, id: desk.id, role: desk.role }
  const card = reader.cards[0]?.barcode ?? ''
  for (const title of ['The River Atlas', 'Rivers of the Prairie State'])
    await checkout(ctx, deskActor, {
      patronBarcode: card,
      itemBarcode: items[title] ?? '',
      branch: 'main',
    })
  await placeHold(ctx, SYSTEM_ACTOR, {
    patronId: reader.id,
    recordId: records['Small Boats, Big River'] ?? '',
    pickupBranch: 'east',
  })
  await placeHold(ctx, SYSTEM_ACTOR, {
    patronId: holder.id,
    recordId: records['The River Atlas'] ?? '',
    pickupBranch: 'main',
  })
  return { card, returning: items['The River Atlas'] ?? '' }
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage })
  process.stdout.write(`docs/screenshots/${name}.png\n`)
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carrel-screens-'))
  const config = loadConfig({
    env: {},
    file: undefined,
    overrides: {
      dataDir,
      logLevel: 'silent',
      library: { name: 'Thornton Public Library' },
      security: { argon2MemoryKiB: 256, argon2TimeCost: 1 },
    },
  })
  const ctx = await createContext(config, {
    masterKey: randomBytes(32),
    clock: new ManualClock(new Date('2026-03-10T15:00:00Z')),
    logger: pino({ level: 'silent' }),
  })
  const app = await buildHttpApp(ctx)
  const browser = await chromium.launch({
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
  try {
    const { card, returning } = await seed(ctx)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    mkdirSync(OUT, { recursive: true })
    const page = await (
      await browser.newContext({ baseURL, viewport: { width: 1200, height: 900 } })
    ).newPage()

    await page.goto('/')
    await shoot(page, 'home')
    await page.goto('/search?q=river')
    await shoot(page, 'search-results')
    await page.goto('/privacy')
    await shoot(page, 'privacy-notice', false)
    await page.goto('/es/')
    await shoot(page, 'home-es')
    await page.goto('/es/search?q=river')
    await shoot(page, 'search-results-es')

    await page.goto('/account/sign-in')
    await page.getByLabel('Library card number').fill(card)
    await page.getByLabel('PIN').fill(PIN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Your account' }).waitFor()
    await shoot(page, 'account')
    await page.goto('/account/my-data')
    await shoot(page, 'my-data', false)
    await page.goto('/account?lang=es')
    await shoot(page, 'account-es')
    // The same account on a phone: the menu folds behind "Menú".
    await page.setViewportSize({ width: 375, height: 812 })
    await shoot(page, 'account-phone-es', false)
    await page.setViewportSize({ width: 1200, height: 900 })

    await page.goto('/staff/sign-in')
    await page.getByLabel('Username').fill('lee')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByLabel('Working at').selectOption('main')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()
    await page.goto('/staff/checkin')
    await page.getByLabel('Scan or type an item barcode').fill(returning)
    await page.keyboard.press('Enter')
    await page.locator('section.slip').waitFor()
    await shoot(page, 'staff-checkin-slip')
  } finally {
    await browser.close()
    await app.close()
    await ctx.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
