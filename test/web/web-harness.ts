import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, expect } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'
import { patronInput, STAFF_PASSWORD, staffActor } from '../harness/factories.js'
import { hiddenValue, WebClient, type Page } from './web-client.js'

export const PIN = '73915284'

/** A fresh app per test, so each starts with empty rate-limit counters. */
export function useWebApp(ctx: () => AppContext): () => FastifyInstance {
  let app: FastifyInstance | undefined
  beforeEach(async () => {
    app = await buildHttpApp(ctx())
  })
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  return () => {
    if (app === undefined) throw new Error('app not built')
    return app
  }
}

/** A registered patron whose card has a known PIN. */
export async function patronWithPin(
  ctx: AppContext,
  overrides: Parameters<typeof patronInput>[0] = {},
): Promise<{ id: string; barcode: string; givenName: string; familyName: string }> {
  const input = patronInput(overrides)
  const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: { pin: PIN } })
  return {
    id: view.id,
    barcode: view.cards[0]?.barcode ?? '',
    givenName: input.givenName,
    familyName: input.familyName,
  }
}

export async function signInPatron(client: WebClient, barcode: string, pin = PIN): Promise<Page> {
  const form = await client.get('/account/sign-in')
  const answer = await client.post('/account/sign-in', {
    _form: hiddenValue(form.body, '_form'),
    next: '/account',
    barcode,
    pin,
  })
  expect(answer.status, answer.body.slice(0, 400)).toBe(303)
  return answer
}

/** Creates a staff member with the role and signs in at the desk. */
export async function signInStaff(
  client: WebClient,
  ctx: AppContext,
  role: StaffRole,
  branch = 'main',
): Promise<{ id: string; username: string; answer: Page }> {
  const username = `${role.replace('_', '-')}-${randomBytes(4).toString('hex')}`
  const actor = await staffActor(ctx, role, username)
  const form = await client.get('/staff/sign-in')
  const answer = await client.post('/staff/sign-in', {
    _form: hiddenValue(form.body, '_form'),
    username,
    password: STAFF_PASSWORD,
    branch,
  })
  expect(answer.status, answer.body.slice(0, 400)).toBe(303)
  return { id: actor.id, username, answer }
}

/** The attributes of a Set-Cookie line, lower-cased names. */
export function cookieAttributes(line: string): { name: string; attrs: Map<string, string> } {
  const [pair = '', ...rest] = line.split(';').map((s) => s.trim())
  const attrs = new Map<string, string>()
  for (const a of rest) {
    const eq = a.indexOf('=')
    attrs.set((eq < 0 ? a : a.slice(0, eq)).toLowerCase(), eq < 0 ? '' : a.slice(eq + 1))
  }
  return { name: pair.slice(0, pair.indexOf('=')), attrs }
}
