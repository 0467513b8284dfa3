import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterEach, beforeEach, expect } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { buildHttpApp } from '../../src/http/app.js'
import type { StaffRole } from '../../src/staff/staff.tables.js'
import type { TestEnv } from '../harness/engines.js'
import { STAFF_PASSWORD, staffActor } from '../harness/factories.js'

/** A fresh app for every test, so each starts with empty rate-limit counters. */
export function useApp(env: () => TestEnv): () => FastifyInstance {
  let app: FastifyInstance | undefined
  beforeEach(async () => {
    app = await buildHttpApp(env().ctx)
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

export interface Reply {
  status: number
  /** The raw payload, exactly as sent. */
  raw: string
  body: unknown
  headers: LightMyRequestResponse['headers']
}

export interface Call {
  method: InjectOptions['method']
  url: string
  token?: string
  payload?: unknown
  headers?: Record<string, string>
}

export async function call(app: FastifyInstance, c: Call): Promise<Reply> {
  const res = await app.inject({
    method: c.method,
    url: c.url,
    headers: { ...(c.token !== undefined && { authorization: `Bearer ${c.token}` }), ...c.headers },
    ...(c.payload !== undefined && { payload: c.payload as InjectOptions['payload'] }),
  })
  let body: unknown = undefined
  if (res.payload !== '') {
    try {
      body = JSON.parse(res.payload)
    } catch {
      body = res.payload
    }
  }
  return { status: res.statusCode, raw: res.payload, body, headers: res.headers }
}

export interface Session {
  token: string
  staffId: string
  username: string
}

/** Creates a staff member with the role and signs in through the API. */
export async function signIn(
  app: FastifyInstance,
  ctx: AppContext,
  role: StaffRole,
): Promise<Session> {
  const username = `${role.replace('_', '-')}-${randomBytes(4).toString('hex')}`
  const actor = await staffActor(ctx, role, username)
  const res = await call(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: STAFF_PASSWORD },
  })
  expect(res.status).toBe(200)
  const { token } = res.body as { token: string }
  return { token, staffId: actor.id, username }
}

// Vitest's asymmetric matchers are typed `any`; these keep the lint rules on unsafe `any` happy.
export const anyString: unknown = expect.any(String)
export const anyNumber: unknown = expect.any(Number)
export const containing = (shape: object): unknown => expect.objectContaining(shape)
export const including = (items: unknown[]): unknown => expect.arrayContaining(items)

/** Asserts an RFC 9457 problem with the given status and stable code. */
export function expectProblem(res: Reply, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({
    status,
    code,
  })
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  expect(res.body).toMatchObject({
    type: anyString,
    title: anyString,
    status,
    code,
    detail: anyString,
  })
}

export const fieldsOf = (res: Reply): string[] | undefined =>
  (res.body as { details?: { fields: string[] } }).details?.fields

export async function countRows(
  ctx: AppContext,
  table: 'patrons' | 'cards' | 'card_ledger' | 'account_notes',
): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countKeys(ctx: AppContext): Promise<number> {
  const row = await ctx.keys
    .selectFrom('patron_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
