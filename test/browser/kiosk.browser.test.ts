import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { MINUTE } from '../../src/clock.js'
import { setInService } from '../../src/computers/computer-registry.service.js'
import { joinQueue } from '../../src/computers/queue-join.js'
import { sendMessage, tickSessions } from '../../src/computers/sessions.service.js'
import { cardHolder, computerGroup, openDaily, PIN, rule } from '../computers/computer-fixtures.js'
import {
  chromiumPresent,
  expectAccessible,
  launchChromium,
  signedInStaffPage,
  startServer,
  watchPolicy,
  type Server,
} from './browser-harness.js'

/** 10:00 in Chicago (the library's time zone) on a Thursday. */
const MORNING = '2026-01-15T16:00:00.000Z'

/**
 * From the start of the page's main content (where its skip link leads), moves the keyboard focus
 * with Tab (Shift+Tab for the header) until it rests on the control named so; no mouse anywhere.
 */
async function tabTo(page: Page, name: string | RegExp, backwards = false): Promise<void> {
  await page.locator('#main').focus()
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const label = await page.evaluate(() => {
      const el = document.activeElement
      return el === null ? '' : (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
    })
    if (typeof name === 'string' ? label === name : name.test(label)) return
  }
  throw new Error(`the keyboard never reached ${String(name)}`)
}

/** Types into the focused field and the ones after it (Tab between), then sends with Enter. */
async function typeAndSend(page: Page, ...values: string[]): Promise<void> {
  for (const [i, value] of values.entries()) {
    if (i > 0) await page.keyboard.press('Tab')
    await page.keyboard.type(value)
  }
  await page.keyboard.press('Enter')
}

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { name, level: 1, exact: true }).waitFor()

describe.skipIf(!chromiumPresent())('browser: the kiosk in Chromium', () => {
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
    'enrols, signs in with card and PIN, warns at 5 and 1 minutes, shows a staff message, locks, unlocks and logs off, with the keyboard alone; axe on every screen in both languages',
    { timeout: 180_000 },
    async () => {
      const { ctx, clock } = server.env
      clock.set(MORNING)
      await openDaily(ctx, 'main', '08:00', '21:00')
      const g = await computerGroup(ctx, { code: 'adult-k', computers: 1 })
      await rule(ctx, 'adult-k', '*', { session: 30, daily: 240 })
      const patron = await cardHolder(ctx)
      const [device] = g.devices
      const [token] = g.tokens
      if (device === undefined || token === undefined) throw new Error('no computer')

      const kiosk = await browser.newContext({ baseURL: server.url })
      const page = await kiosk.newPage()
      page.setDefaultTimeout(8000)
      const policy = watchPolicy(page)

      // Set-up: staff paste the credential; a wrong one is refused.
      await page.goto('/kiosk')
      await heading(page, 'Set up this computer')
      await expectAccessible(page, 'kiosk set-up')
      await typeAndSend(page, 'not-the-credential')
      await page.getByText('That credential was not accepted.', { exact: false }).waitFor()
      await expectAccessible(page, 'kiosk set-up refused')
      await typeAndSend(page, token)

      // The terms, then signing in.
      await heading(page, 'Welcome')
      await expectAccessible(page, 'kiosk welcome and terms')
      await tabTo(page, 'I accept the terms: sign in')
      await page.keyboard.press('Enter')
      await heading(page, 'Sign in')
      await expectAccessible(page, 'kiosk sign-in')
      await typeAndSend(page, patron.barcode, '0000')
      await page.getByRole('alert').getByText('The card number or PIN is not right.').waitFor()
      await expectAccessible(page, 'kiosk sign-in refused')
      await page.getByRole('textbox', { name: 'Card number' }).focus()
      await typeAndSend(page, patron.barcode, PIN)
      await heading(page, 'You are signed in')
      await page.getByText(`Hello, ${patron.givenName}.`).waitFor()
      await expect.poll(() => page.getByRole('timer').textContent()).toBe('30 minutes left')
      await expectAccessible(page, 'kiosk session')

      // The server's clock moves; the stream brings the warnings.
      clock.advance(26 * MINUTE)
      await sendMessage(ctx, SYSTEM_ACTOR, { computerId: device.id }, 'Printing is back.')
      await page.getByText('Five minutes left. Save your work now.').waitFor()
      await page.getByText('Printing is back.').waitFor()
      await expect.poll(() => page.getByRole('timer').textContent()).toBe('4 minutes left')
      await expectAccessible(page, 'kiosk five-minute warning and a staff message')
      await tabTo(page, 'OK')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByText('Printing is back.').count()).toBe(0)

      clock.advance(3 * MINUTE)
      await sendMessage(ctx, SYSTEM_ACTOR, { computerId: device.id }, 'Closing soon.')
      await page.getByText('One minute left.', { exact: false }).waitFor()
      await expectAccessible(page, 'kiosk one-minute warning')
      await tabTo(page, 'OK')
      await page.keyboard.press('Enter')

      // Lock for a short absence, a wrong code, then the right one.
      await tabTo(page, 'Lock screen')
      await page.keyboard.press('Enter')
      await heading(page, 'Lock the screen')
      await expectAccessible(page, 'kiosk lock form')
      await typeAndSend(page, '2468', '2468')
      await heading(page, 'This screen is locked')
      await expectAccessible(page, 'kiosk locked')
      await typeAndSend(page, '1357')
      await page.getByText('That code is not right.').waitFor()
      await expectAccessible(page, 'kiosk unlock refused')
      await page.getByLabel('Your code').focus()
      await typeAndSend(page, '2468')
      await heading(page, 'You are signed in')

      // Log off.
      await tabTo(page, 'Log off')
      await page.keyboard.press('Enter')
      await heading(page, 'You are logged off')
      await expectAccessible(page, 'kiosk logged off')
      await tabTo(page, 'Done')
      await page.keyboard.press('Enter')
      await heading(page, 'Welcome')

      // The language switch keeps the credential (in the next address's fragment only).
      await tabTo(page, 'Read this page in Español', true)
      await page.keyboard.press('Enter')
      await heading(page, 'Bienvenido')
      expect(new URL(page.url()).pathname).toBe('/es/kiosk')
      await expectAccessible(page, 'kiosk welcome (es)')
      await tabTo(page, 'Acepto las condiciones: iniciar sesión')
      await page.keyboard.press('Enter')
      await heading(page, 'Iniciar sesión')
      await expectAccessible(page, 'kiosk sign-in (es)')
      await typeAndSend(page, patron.barcode, PIN)
      await heading(page, 'Ha iniciado sesión')
      await expectAccessible(page, 'kiosk session (es)')
      await tabTo(page, 'Bloquear pantalla')
      await page.keyboard.press('Enter')
      await heading(page, 'Bloquear la pantalla')
      await expectAccessible(page, 'kiosk lock form (es)')
      await typeAndSend(page, '8642', '8642')
      await heading(page, 'Esta pantalla está bloqueada')
      await expectAccessible(page, 'kiosk locked (es)')
      await typeAndSend(page, '8642')
      await heading(page, 'Ha iniciado sesión')

      // Time runs out: the last minute shows, then the minute tick ends the session.
      clock.advance(29 * MINUTE)
      await sendMessage(ctx, SYSTEM_ACTOR, { computerId: device.id }, 'Cerramos pronto.')
      await page.getByText('Queda un minuto.', { exact: false }).waitFor()
      await tabTo(page, 'Aceptar')
      await page.keyboard.press('Enter')
      clock.advance(2 * MINUTE)
      await tickSessions(ctx)
      // The end is pushed at once; should that push be lost on a loaded machine, the stream's
      // regular status (at least every 25 seconds) still brings it.
      await page
        .getByRole('heading', { name: 'Se acabó el tiempo', level: 1, exact: true })
        .waitFor({ timeout: 30_000 })
      await expectAccessible(page, 'kiosk time is up (es)')

      // Out of service, in both languages; staff put it back.
      await setInService(ctx, SYSTEM_ACTOR, device.id, false)
      await tabTo(page, 'Listo')
      await page.keyboard.press('Enter')
      await heading(page, 'Fuera de servicio')
      await expectAccessible(page, 'kiosk out of service (es)')
      await page.goto(`/kiosk#${token}`)
      await heading(page, 'Out of service')
      await expectAccessible(page, 'kiosk out of service')
      await setInService(ctx, SYSTEM_ACTOR, device.id, true)
      await heading(page, 'Welcome')

      // Someone joins the waiting list: the free computer is held for their ticket.
      const waiting = await cardHolder(ctx)
      await joinQueue(ctx, { groupId: g.groupId, barcode: waiting.barcode, pin: PIN })
      await heading(page, 'This computer is being held')
      await page.getByText(/^It is waiting for ticket \d+ until \d{1,2}:\d{2}\s?AM\.$/).waitFor()
      await expectAccessible(page, 'kiosk held for a ticket')
      await page.goto(`/es/kiosk#${token}`)
      await heading(page, 'Esta computadora está reservada')
      await expectAccessible(page, 'kiosk held for a ticket (es)')
      // Someone else joins the waiting list from the held computer, with the keyboard.
      const next = await cardHolder(ctx)
      await tabTo(page, 'Anotarse en la lista de espera')
      await page.keyboard.press('Enter')
      await heading(page, 'Anotarse en la lista de espera')
      await typeAndSend(page, next.barcode, PIN)
      await heading(page, 'Está en la lista de espera')
      await page.getByText(/^Su número es el \d+\.$/).waitFor()
      await expectAccessible(page, 'kiosk joined the waiting list (es)')
      expect(
        await ctx.db
          .selectFrom('computer_queue')
          .select('status')
          .where('patron_id', '=', next.id)
          .execute(),
      ).toEqual([{ status: 'waiting' }])
      await tabTo(page, 'Listo')
      await page.keyboard.press('Enter')
      await heading(page, 'Esta computadora está reservada')
      await tabTo(page, 'Iniciar sesión')
      await page.keyboard.press('Enter')
      await heading(page, 'Iniciar sesión')
      await typeAndSend(page, waiting.barcode, PIN)
      await heading(page, 'Ha iniciado sesión')
      await tabTo(page, 'Cerrar sesión')
      await page.keyboard.press('Enter')
      await heading(page, 'Ha cerrado la sesión')
      await expectAccessible(page, 'kiosk logged off (es)')
      await page.goto('/es/kiosk')
      await heading(page, 'Configurar esta computadora')
      await expectAccessible(page, 'kiosk set-up (es)')

      // The kiosk set no cookie and used no storage; nothing broke the security policy.
      expect(await kiosk.cookies()).toEqual([])
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0)
      expect(policy).toEqual([])
      await kiosk.close()
    },
  )

  it(
    'opens the event stream again after it fails, and messages arrive over it',
    {
      timeout: 60_000,
    },
    async () => {
      const { ctx } = server.env
      const g = await computerGroup(ctx, { code: 'adult-r', computers: 1 })
      const [device] = g.devices
      const [token] = g.tokens
      if (device === undefined || token === undefined) throw new Error('no computer')
      const kiosk = await browser.newContext({ baseURL: server.url })
      const page = await kiosk.newPage()
      page.setDefaultTimeout(8000)
      // The first two attempts at the stream fail; the kiosk says so and tries again, later each time.
      let failures = 2
      await page.route('**/api/devices/events', async (route) => {
        if (failures-- > 0) await route.abort('connectionreset')
        else await route.continue()
      })
      await page.goto(`/kiosk#${token}`)
      await heading(page, 'Welcome')
      await page.getByText('The connection to the library was lost. Trying again…').waitFor()
      await expectAccessible(page, 'kiosk while the connection is lost')
      await expect
        .poll(() => page.locator('#kiosk-connection').textContent(), { timeout: 15_000 })
        .toBe('')
      expect(failures).toBe(-1)
      // Staff words are shown as text, never as markup.
      await sendMessage(ctx, SYSTEM_ACTOR, { computerId: device.id }, 'Back <b>online</b>.')
      await page.getByText('Back <b>online</b>.', { exact: true }).waitFor()
      expect(await page.locator('#kiosk-messages b').count()).toBe(0)
      await kiosk.close()
    },
  )

  it(
    'staff pages: the list, ending a session, set-up, credentials and rules pass axe',
    {
      timeout: 120_000,
    },
    async () => {
      const { ctx, clock } = server.env
      clock.set(MORNING)
      const g = await computerGroup(ctx, { code: 'adult-s', computers: 2 })
      await rule(ctx, 'adult-s', '*', { session: 45 })
      const patron = await cardHolder(ctx)
      const [busy] = g.devices
      if (busy === undefined) throw new Error('no computer')
      const { startSession } = await import('../../src/computers/sessions.service.js')
      await startSession(ctx, busy, { kind: 'card', barcode: patron.barcode, pin: PIN })

      const { context, page, policy } = await signedInStaffPage(server, browser, 'admin')
      await page.getByRole('link', { name: 'Computers', exact: true }).click()
      await heading(page, 'Computers')
      await page.getByText(patron.givenName, { exact: false }).first().waitFor()
      await expectAccessible(page, 'staff computers')
      await page.setViewportSize({ width: 375, height: 800 })
      await expectAccessible(page, 'staff computers at 375 px')
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.getByRole('link', { name: 'End session…' }).first().click()
      await heading(page, `End the session on ${busy.name}?`)
      await expectAccessible(page, 'end a session')
      await page.getByRole('button', { name: 'Yes, end the session' }).click()
      await page.getByText(`The session on ${busy.name} has ended.`).waitFor()

      await page.getByRole('link', { name: 'Groups, computers and credentials' }).click()
      await heading(page, 'Computer set-up')
      await expectAccessible(page, 'computer set-up')
      await page.getByRole('link', { name: `Re-issue credential… ${busy.name}` }).click()
      await heading(page, `Re-issue the credential of ${busy.name}?`)
      await expectAccessible(page, 're-issue a credential')
      await page.getByRole('button', { name: 'Yes, issue a new credential' }).click()
      await heading(page, `The credential of ${busy.name}`)
      await expectAccessible(page, 'a credential shown once')
      await page.getByRole('link', { name: 'Back to set-up' }).click()
      await page.goto('/staff/computers/rules')
      await heading(page, 'Computer time rules')
      await expectAccessible(page, 'computer time rules')
      expect(policy).toEqual([])
      await context.close()
    },
  )
})
