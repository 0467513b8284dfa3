import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll } from 'vitest'
import type { Actor } from '../../src/actor.js'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { saveComputer, saveGroup, saveRule } from '../../src/computers/computer-registry.service.js'
import { buildHttpApp } from '../../src/http/app.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import type { TestEnv } from '../harness/engines.js'
import { patronInput, staffActor } from '../harness/factories.js'

export const TOKEN = 'a-shared-libki-token-for-the-tests-0123'
export const PIN = '739158'
export const LAN = '192.168.10.21'
/** The endpoint switched on, with the default header name and address ranges. */
export const LIBKI = { computers: { libki: { enabled: true, token: TOKEN } } }

export interface Answer {
  status: number
  body: Record<string, unknown>
}

/** One request as Libki's client sends it: GET, every parameter in the query string. */
export async function libki(
  app: FastifyInstance,
  node: string,
  params: Record<string, string>,
  options: { address?: string; token?: string | null } = {},
): Promise<Answer> {
  const token = options.token === undefined ? TOKEN : options.token
  const res = await app.inject({
    method: 'GET',
    url: '/api/client/v1_0',
    remoteAddress: options.address ?? LAN,
    headers: token === null ? {} : { 'x-carrel-libki-token': token },
    query: {
      node,
      location: 'main',
      type: '',
      ipaddress: LAN,
      macaddress: '52:54:00:12:34:56',
      hostname: node.toLowerCase(),
      version: '2.3.0',
      ...params,
    },
  })
  return { status: res.statusCode, body: JSON.parse(res.payload) as Record<string, unknown> }
}

export const register = (app: FastifyInstance, node: string) =>
  libki(app, node, { action: 'register_node', node_name: node, age_limit: '' })
export const login = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'login', username, password, createGuest: '0' })
export const poll = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'get_user_data', username, password })
export const logout = (app: FastifyInstance, node: string, username: string, password: string) =>
  libki(app, node, { action: 'logout', username, password })

export interface LibkiWorld {
  ctx: AppContext
  /** The app answering Libki, logging every line into `lines`. */
  app: FastifyInstance
  admin: Actor
  groupId: string
  pc1: string
  pc2: string
  /** A card with PIN, for a patron allowed 45 minutes a day in sessions of 30. */
  barcode: string
  lines: string[]
  /** The computers with a session running. */
  sessions(): Promise<string[]>
}

/**
 * Two computers (PC-01, PC-02) at a branch open all day (so guest passes, good until closing,
 * can be printed at any hour), the time rules, a patron with a PIN, and an app on a context
 * whose logger keeps every line the server writes, at its most talkative.
 */
export function libkiWorld(env: () => TestEnv): () => LibkiWorld {
  let world: LibkiWorld | undefined
  beforeAll(async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    // No time or pid in the lines: a number there could hold a PIN's digits by chance.
    const ctx: AppContext = {
      ...env().ctx,
      logger: pino({ level: 'trace', timestamp: false, base: undefined }, sink),
    }
    const admin = await staffActor(ctx, 'admin')
    await saveBranchDetails(ctx, SYSTEM_ACTOR, 'main', {
      address: '1 Main Street',
      phone: '708-555-0100',
      hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        weekday,
        opens: '00:00',
        closes: '23:59',
      })),
    })
    const groupId = await saveGroup(ctx, admin, { branch: 'main', code: 'adult', name: 'Adult' })
    const pc1 = await saveComputer(ctx, admin, { groupId, name: 'PC-01' })
    const pc2 = await saveComputer(ctx, admin, { groupId, name: 'PC-02' })
    const rule = { groupCode: 'adult', allowed: true, extensionMinutes: 0 }
    await saveRule(ctx, admin, { ...rule, category: '*', dailyMinutes: 45, sessionMinutes: 30 })
    await saveRule(ctx, admin, { ...rule, category: 'guest', dailyMinutes: 60, sessionMinutes: 60 })
    const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: PIN } })
    const app = await buildHttpApp(ctx, { logger: true })
    world = {
      ctx,
      app,
      admin,
      groupId,
      pc1,
      pc2,
      barcode: view.cards[0]?.barcode ?? '',
      lines,
      sessions: async () =>
        (await ctx.db.selectFrom('computer_sessions').select('computer_id').execute()).map(
          (r) => r.computer_id,
        ),
    }
  })
  afterAll(async () => {
    await world?.app.close()
  })
  return () => {
    if (world === undefined) throw new Error('Libki world not ready')
    return world
  }
}

/** A new patron whose card has the test PIN. */
export async function anotherCard(ctx: AppContext): Promise<{ id: string; barcode: string }> {
  const view = await registerPatron(ctx, SYSTEM_ACTOR, { ...patronInput(), card: { pin: PIN } })
  return { id: view.id, barcode: view.cards[0]?.barcode ?? '' }
}
