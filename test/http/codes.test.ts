// One rule for codes everywhere: what the configuration accepts, the API accepts, kept as written;
// a second code that reads the same but for letter case is refused.
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createRecord } from '../../src/catalog/catalog.service.js'
import { describeEngines } from '../harness/engines.js'
import { call, expectProblem, signIn, useApp, type Reply } from './http-harness.js'

const V1 = '/api/v1'
const CONFIG = { library: { branches: ['CPL', 'BR1'], patronCategories: ['Patrons', 'Staff'] } }

interface Structure {
  branches: { code: string }[]
  itemTypes: { code: string }[]
  patronCategories: { code: string }[]
}

describeEngines(
  'http: branch, item type and category codes',
  (env) => {
    const app = useApp(env)
    const send = (token: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      call(app(), { method, url: `${V1}${url}`, token, ...(payload !== undefined && { payload }) })
    const structure = async (token: string) =>
      (await send(token, 'GET', '/library')).body as Structure
    const codes = (list: { code: string }[]) => list.map((x) => x.code)

    it('takes the configured upper-case codes as they are, and more like them', async () => {
      const admin = (await signIn(app(), env().ctx, 'admin')).token
      const before = await structure(admin)
      expect(codes(before.branches)).toEqual(expect.arrayContaining(['CPL', 'BR1']))
      expect(codes(before.patronCategories)).toEqual(expect.arrayContaining(['Patrons', 'Staff']))

      // The codes the configuration created are usable as they are: renamed, scoped, lent from.
      expect((await send(admin, 'PUT', '/library/branches/BR1', { name: 'Branch 1' })).status).toBe(
        204,
      )
      const category = { name: 'Patrons', maxOwedCents: 500 }
      expect(
        (await send(admin, 'PUT', '/library/patron-categories/Patrons', category)).status,
      ).toBe(204)
      expect(
        (await send(admin, 'PUT', '/library/item-types/JUV_BK-2', { name: 'Kids' })).status,
      ).toBe(204)
      const rule = await send(admin, 'PUT', '/library/loan-rules', {
        branch: 'BR1',
        patronCategory: 'Patrons',
        itemType: 'JUV_BK-2',
        loanPeriod: 14,
        periodUnit: 'days',
        maxItems: 10,
        renewalsAllowed: 1,
        finePerDayCents: 10,
        maxFineCents: null,
        graceDays: 0,
        holdsAllowed: true,
      })
      expect(rule.status).toBe(200)
      expect(rule.body).toMatchObject({
        branch: 'BR1',
        patronCategory: 'Patrons',
        itemType: 'JUV_BK-2',
      })
      const closed = await send(admin, 'POST', '/library/closed-days', {
        branch: 'CPL',
        weekday: 0,
      })
      expect(closed.status).toBe(201)
      expect(closed.body).toMatchObject({ branch: 'CPL' })
      const record = await createRecord(env().ctx, SYSTEM_ACTOR, {
        title: 'Codes as written',
        materialType: 'book',
      })
      const item = await send(admin, 'POST', '/catalog/items', {
        recordId: record.id,
        barcode: '3900000000001',
        branch: 'BR1',
        itemType: 'JUV_BK-2',
        replacementPriceCents: 1500,
      })
      expect(item.status).toBe(201)
      expect(item.body).toMatchObject({ branch: 'BR1', itemType: 'JUV_BK-2' })

      const after = await structure(admin)
      expect(after.branches).toContainEqual({ code: 'BR1', name: 'Branch 1' })
      expect(codes(after.itemTypes)).toContain('JUV_BK-2')
    })

    it('refuses spaces, a leading dash, 41 characters and an unknown case of a known code', async () => {
      const admin = (await signIn(app(), env().ctx, 'admin')).token
      const before = await structure(admin)
      const put = (kind: string, code: string) =>
        send(admin, 'PUT', `/library/${kind}/${encodeURIComponent(code)}`, {
          name: 'X',
          ...(kind === 'patron-categories' && { maxOwedCents: 0 }),
        })
      for (const bad of ['br 1', '-x', 'A'.repeat(41), 'é1'])
        for (const kind of ['branches', 'item-types', 'patron-categories'])
          expectProblem(await put(kind, bad), 400, 'INVALID_INPUT')
      expect((await put('branches', 'A'.repeat(40))).status).toBe(204)

      const twin = async (kind: string, code: string, existing: string) => {
        const res: Reply = await put(kind, code)
        expectProblem(res, 409, 'CODE_CASE_CONFLICT')
        expect((res.body as { detail: string }).detail).toContain(`"${existing}"`)
      }
      await twin('branches', 'cpl', 'CPL')
      await twin('branches', 'Cpl', 'CPL')
      await twin('patron-categories', 'PATRONS', 'Patrons')
      await twin('item-types', 'DVD', 'dvd') // the item types every library starts with
      const after = await structure(admin)
      expect(codes(after.branches).sort()).toEqual(
        [...codes(before.branches), 'A'.repeat(40)].sort(),
      )
      expect(after.itemTypes).toEqual(before.itemTypes)
      expect(after.patronCategories).toEqual(before.patronCategories)

      // Saving the existing code again is an update, not a conflict.
      expect((await send(admin, 'PUT', '/library/branches/CPL', { name: 'Central' })).status).toBe(
        204,
      )

      // A reference spelled in another case names no branch: refused, nothing written.
      const rule = await send(admin, 'PUT', '/library/loan-rules', {
        branch: 'cpl',
        patronCategory: '*',
        itemType: '*',
        loanPeriod: 7,
        periodUnit: 'days',
        maxItems: 1,
        renewalsAllowed: 0,
        finePerDayCents: 0,
        maxFineCents: null,
        graceDays: 0,
        holdsAllowed: false,
      })
      expectProblem(rule, 400, 'UNKNOWN_BRANCH')
      const sip = await send(admin, 'POST', '/sip-accounts', {
        login: 'kiosk-case',
        password: 'kiosk password 1',
        institutionId: 'CARREL',
        location: 'br1',
      })
      expectProblem(sip, 400, 'UNKNOWN_BRANCH')
      const sipAtBr1 = await send(admin, 'POST', '/sip-accounts', {
        login: 'kiosk-br1',
        password: 'kiosk password 1',
        institutionId: 'CARREL',
        location: 'BR1',
      })
      expect(sipAtBr1.status).toBe(201)
      expect(sipAtBr1.body).toMatchObject({ location: 'BR1' })
    })

    it('states the rule in the OpenAPI document', async () => {
      const res = await call(app(), { method: 'GET', url: '/api/docs' })
      const doc = res.body as {
        paths: Record<string, { put?: { parameters?: { name: string; schema: unknown }[] } }>
      }
      const param = doc.paths['/api/v1/library/branches/{code}']?.put?.parameters?.find(
        (p) => p.name === 'code',
      )
      expect(param?.schema).toMatchObject({
        pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
        maxLength: 40,
      })
      expect(JSON.stringify(param)).toContain('CODE_CASE_CONFLICT')
    })
  },
  CONFIG,
)
