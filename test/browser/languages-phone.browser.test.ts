import { describe, expect, it } from 'vitest'
import { enqueueNotice } from '../../src/circulation/circ-support.js'
import { deliverNotices } from '../../src/comms/outbox-worker.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { patronWithPin } from '../web/web-harness.js'
import { chromiumPresent, expectAccessible, watchPolicy } from './browser-harness.js'
import { everyPatronPageIn, overflow, PHONE, useBusyLibrary } from './every-page.js'

describe.skipIf(!chromiumPresent())(
  'browser: every patron page in both languages, and every staff page, on a 375 px phone',
  () => {
    const busy = useBusyLibrary()
    everyPatronPageIn(busy, '375 px', PHONE)

    it(
      'passes axe on every staff page at 375 px too, and none scrolls sideways',
      { timeout: 180_000 },
      async () => {
        const { browser, server, busyId } = busy()
        const ctx = server.env.ctx
        const username = `admin-${Math.random().toString(36).slice(2, 8)}`
        await staffActor(ctx, 'admin', username)
        const lib = await setUpLibrary(ctx, {})
        const title = await lib.title([{ branch: 'east' }], 'Harbor Lights')
        const barcodeOfCopy = title.items[0]?.barcode ?? ''
        const context = await browser.newContext({ baseURL: server.url, viewport: PHONE })
        const page = await context.newPage()
        page.setDefaultTimeout(8000)
        const policy = watchPolicy(page)
        await page.goto('/staff/sign-in')
        await expectAccessible(page, 'staff sign-in at 375 px')
        await page.getByLabel('Username').fill(username)
        await page.getByLabel('Password').fill(STAFF_PASSWORD)
        await page.getByLabel('Working at').selectOption('main')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('heading', { name: 'Circulation desk' }).waitFor()
        const patron = busyId
        // One message in the maildrop, for "Mail not sent" and its message page.
        const told = await patronWithPin(ctx, {
          notify: { notices: true, newsletter: false, policyChanges: false },
        })
        await enqueueNotice(
          ctx.db,
          told.id,
          'hold_ready',
          { pickupCode: 'AXE-375', branch: 'main', expiresOn: '2030-01-15' },
          new Date().toISOString(),
        )
        await deliverNotices(ctx)
        const wide: string[] = []
        for (const path of [
          '/staff',
          '/staff/checkin',
          '/staff/holds',
          `/staff/patrons/${patron}`,
          `/staff/patrons/${patron}/cards`,
          `/staff/patrons/${patron}/notes`,
          `/staff/patrons/${patron}/fees`,
          `/staff/patrons/${patron}/edit`,
          '/staff/patrons/new',
          '/staff/catalog',
          `/staff/records/${title.record.id}`,
          `/staff/items/${encodeURIComponent(barcodeOfCopy)}`,
          '/staff/audit',
          '/staff/accounts',
          '/staff/mail',
          '/staff/mail/print',
          '/staff/newsletter',
          '/staff/newsletter/new',
        ]) {
          const answer = await page.goto(path)
          expect({ path, status: answer?.status() }).toEqual({ path, status: 200 })
          await expectAccessible(page, `${path} at 375 px`)
          if ((await overflow(page)) > 0) wide.push(path)
        }
        await page.goto('/staff/mail')
        await page
          .locator('a[href^="/staff/mail/"]:not([href="/staff/mail/print"])')
          .first()
          .click()
        await page.getByText('AXE-375').first().waitFor()
        await expectAccessible(page, 'a message on Mail not sent at 375 px')
        if ((await overflow(page)) > 0) wide.push('/staff/mail/<message>')
        expect(wide).toEqual([])
        expect(policy).toEqual([])
        await context.close()
      },
    )
  },
)
