import { randomBytes } from 'node:crypto'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import {
  deviceByToken,
  issueDeviceToken,
  saveComputer,
  saveGroup,
  saveRule,
  type ComputerDevice,
} from '../../src/computers/computer-registry.service.js'
import type { AppContext } from '../../src/context.js'
import { saveBranchDetails } from '../../src/library/branch-details.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { patronInput } from '../harness/factories.js'

export const PIN = '4826'

/** A group of computers at a branch, each with its device credential. */
export async function computerGroup(
  ctx: AppContext,
  opts: { branch?: string; code?: string; computers?: number } = {},
): Promise<{ groupId: string; devices: ComputerDevice[]; tokens: string[] }> {
  const code = opts.code ?? `adult-${randomBytes(3).toString('hex')}`
  const groupId = await saveGroup(ctx, SYSTEM_ACTOR, {
    branch: opts.branch ?? 'main',
    code,
    name: `Group ${code}`,
  })
  const devices: ComputerDevice[] = []
  const tokens: string[] = []
  for (let i = 0; i < (opts.computers ?? 2); i++) {
    const id = await saveComputer(ctx, SYSTEM_ACTOR, { groupId, name: `${code} PC ${i + 1}` })
    const { token } = await issueDeviceToken(ctx, SYSTEM_ACTOR, id)
    const device = await deviceByToken(ctx, token)
    if (device === undefined) throw new Error('device not found by its token')
    devices.push(device)
    tokens.push(token)
  }
  return { groupId, devices, tokens }
}

export async function rule(
  ctx: AppContext,
  groupCode: string,
  category: string,
  r: { allowed?: boolean; daily?: number; session?: number; extension?: number } = {},
): Promise<void> {
  await saveRule(ctx, SYSTEM_ACTOR, {
    groupCode,
    category,
    allowed: r.allowed ?? true,
    dailyMinutes: r.daily ?? 120,
    sessionMinutes: r.session ?? 60,
    extensionMinutes: r.extension ?? 0,
  })
}

/** A patron whose card has PIN. */
export async function cardHolder(
  ctx: AppContext,
  overrides: Parameters<typeof patronInput>[0] = {},
): Promise<{ id: string; barcode: string; givenName: string }> {
  const input = patronInput(overrides)
  const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: { pin: PIN } })
  return { id: p.id, barcode: p.cards[0]?.barcode ?? '', givenName: input.givenName }
}

/** Opening hours every day of the week, in the library's time zone. */
export async function openDaily(
  ctx: AppContext,
  branch: string,
  opens: string,
  closes: string,
): Promise<void> {
  await saveBranchDetails(ctx, SYSTEM_ACTOR, branch, {
    address: '1 Main St',
    phone: '555-0100',
    hours: Array.from({ length: 7 }, (_, weekday) => ({ weekday, opens, closes })),
  })
}
