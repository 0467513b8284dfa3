import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { patronWithPin, PIN } from '../web/web-harness.js'
import {
  chromiumPresent,
  signedInStaffPage,
  expectAccessible,
  launchChromium,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

describe.skipIf(!chromiumPresent())(
  'browser: ask a librarian and the account forms in Chromium',
  () => {
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
      'asks on the public site in both languages, uses the account forms, and answers from the staff queue; axe on every page',
      { timeout: 120_000 },
      async () => {
        const ctx = server.env.ctx
        const reader = await browser.newContext({ baseURL: server.url })
        const page = await reader.newPage()
        page.setDefaultTimeout(8000)
        const policy = watchPolicy(page)

        // The public form, in English, then the thank-you page.
        await page.goto('/')
        await page.getByRole('link', { name: 'Ask a librarian' }).first().click()
        await page.getByRole('heading', { name: 'Ask a librarian', level: 1 }).waitFor()
        await expectAccessible(page, 'ask')
        await page
          .getByLabel('Your question', { exact: true })
          .fill('Do you keep old phone directories?')
        await page.getByLabel('I will ask at the desk or by phone').check()
        await page.getByRole('button', { name: 'Send my question' }).click()
        await page.getByRole('heading', { name: 'Thank you: your question was sent' }).waitFor()
        await expectAccessible(page, 'ask sent')

        // In Spanish, with a problem first (email answer, no address), then sent.
        await page.goto('/es/ask')
        await page.getByRole('heading', { name: 'Pregunte a un bibliotecario', level: 1 }).waitFor()
        await expectAccessible(page, 'ask es')
        await page
          .getByLabel('Su pregunta', { exact: true })
          .fill('¿Tienen guías telefónicas antiguas?')
        await page.getByRole('button', { name: 'Enviar mi pregunta' }).click()
        await page.getByRole('alert').getByText('Escriba un correo electrónico').first().waitFor()
        await expectAccessible(page, 'ask es refused')
        await page.getByLabel('Su correo electrónico').fill('lectora@example.net')
        await page.getByRole('button', { name: 'Enviar mi pregunta' }).click()
        await page.getByRole('heading', { name: 'Gracias: su pregunta fue enviada' }).waitFor()
        await expectAccessible(page, 'ask sent es')
        expect(await reader.cookies()).toEqual([])
        expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)

        // The account's forms, in English and Spanish.
        const patron = await patronWithPin(ctx)
        await page.goto('/account/sign-in')
        await page.getByLabel('Library card number').fill(patron.barcode)
        await page.getByLabel('PIN').fill(PIN)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('link', { name: 'Ask or request' }).first().click()
        await page.getByRole('heading', { name: 'Ask or request', level: 1 }).waitFor()
        await expectAccessible(page, 'account ask')
        await page
          .getByLabel('Your question', { exact: true })
          .fill('Can you find the 1930 census for Thornton?')
        await page.getByRole('button', { name: 'Send my question' }).click()
        await page.getByText('Your question was sent. A librarian will answer soon.').waitFor()
        await expectAccessible(page, 'account ask sent')
        await page.getByRole('link', { name: 'Tell us your new address' }).click()
        await page.getByRole('heading', { name: 'Change of address' }).waitFor()
        await expectAccessible(page, 'account address')
        await page.goto('/account/requests')
        await expectAccessible(page, 'account requests')
        await page.getByLabel('Title', { exact: true }).fill('The Prairie State')
        await page.getByRole('button', { name: 'Send my request' }).click()
        await page.getByText('Your request was sent.').waitFor()
        await expectAccessible(page, 'account requests sent')
        for (const path of [
          '/account/ask?lang=es',
          '/account/address?lang=es',
          '/account/requests?lang=es',
        ]) {
          await page.goto(path)
          await expectAccessible(page, path)
        }

        // The staff queue: list, open, check a reply, confirm.
        const {
          context: desk,
          page: staff,
          policy: staffPolicy,
        } = await signedInStaffPage(server, browser, 'librarian')
        await staff.getByRole('link', { name: 'Questions', exact: true }).click()
        await staff
          .getByRole('heading', { name: 'Questions (ask a librarian)', level: 1 })
          .waitFor()
        await expectAccessible(staff, 'staff queue')
        await staff.getByRole('row').nth(1).getByRole('link').click()
        await staff.getByRole('heading', { name: 'Question', level: 1 }).waitFor()
        await expectAccessible(staff, 'staff question')
        await staff.getByRole('link', { name: 'Back to the list' }).click()
        await staff.getByRole('row').nth(2).getByRole('link').click()
        await staff.getByLabel(/Your reply, in Spanish/).fill('Sí, en la sala de historia local.')
        await staff.getByRole('button', { name: 'Check the reply' }).click()
        await staff.getByText('This cannot be undone.').waitFor()
        await expectAccessible(staff, 'staff reply confirmation')
        await staff.getByRole('button', { name: 'Yes, send it' }).click()
        await staff.getByText('The reply is on its way.').waitFor()
        await expectAccessible(staff, 'staff reply sent')
        await staff.goto('/staff/inquiries?kind=address')
        await expectAccessible(staff, 'staff address queue')

        // The purchase request sent from the account above: open it, order it, finish it.
        await staff.getByRole('link', { name: 'Requests', exact: true }).click()
        await staff.getByRole('heading', { name: 'Requests being worked on', level: 1 }).waitFor()
        await expectAccessible(staff, 'staff requests')
        await staff.getByRole('row').nth(1).getByRole('link').click()
        await staff.getByText('The Prairie State').waitFor()
        await expectAccessible(staff, 'staff request')
        await staff.getByRole('button', { name: 'Mark ordered' }).click()
        await staff.getByText('Now: ordered.').waitFor()
        await staff.getByRole('button', { name: 'Mark received' }).click()
        await staff.getByRole('button', { name: 'Mark given to the patron…' }).click()
        await staff.getByText('This cannot be undone.').waitFor()
        await expectAccessible(staff, 'staff request confirmation')
        await staff.getByRole('button', { name: 'Yes, finish it' }).click()
        await staff.getByText('This request is finished').waitFor()
        await staff.goto('/staff/requests?show=done')
        await expectAccessible(staff, 'staff finished requests')

        expect(policy).toEqual([])
        expect(staffPolicy).toEqual([])
        await reader.close()
        await desk.close()
      },
    )
  },
)
