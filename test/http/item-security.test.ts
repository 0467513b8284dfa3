import { expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'
import { call, expectProblem, signIn, useApp, type Reply } from './http-harness.js'

const V1 = '/api/v1'

describeEngines('http: magnetic media and security marker of item types and copies', (env) => {
  const app = useApp(env)

  const typeRow = async (code: string) =>
    env()
      .ctx.db.selectFrom('item_types')
      .select(['magnetic_media', 'security_marker', 'name'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  const itemRow = async (barcode: string) =>
    env()
      .ctx.db.selectFrom('items')
      .select(['magnetic_media', 'security_marker', 'call_number'])
      .where('barcode', '=', barcode)
      .executeTakeFirstOrThrow()

  it('a new library starts with DVDs as magnetic media and every marker 00', async () => {
    const admin = await signIn(app(), env().ctx, 'admin')
    const res = await call(app(), { method: 'GET', url: `${V1}/library`, token: admin.token })
    expect(res.status).toBe(200)
    const types = (res.body as { itemTypes: Record<string, unknown>[] }).itemTypes
    expect(types.map((t) => [t.code, t.magneticMedia, t.securityMarker])).toEqual([
      ['book', 'N', '00'],
      ['dvd', 'Y', '00'],
      ['magazine', 'N', '00'],
      ['reference', 'N', '00'],
    ])
  })

  it('sets, keeps and clears an item type’s settings; bad values are refused whole', async () => {
    const { token } = await signIn(app(), env().ctx, 'admin')
    const put = (code: string, payload: unknown): Promise<Reply> =>
      call(app(), { method: 'PUT', url: `${V1}/library/item-types/${code}`, token, payload })
    expect((await put('cd', { name: 'CD', magneticMedia: 'Y', securityMarker: '03' })).status).toBe(
      204,
    )
    expect(await typeRow('cd')).toEqual({ name: 'CD', magnetic_media: 'Y', security_marker: '03' })
    // Renaming leaves out the strip settings: they are kept.
    expect((await put('cd', { name: 'Compact disc' })).status).toBe(204)
    expect(await typeRow('cd')).toEqual({
      name: 'Compact disc',
      magnetic_media: 'Y',
      security_marker: '03',
    })
    expect((await put('cd', { name: 'Compact disc', magneticMedia: null })).status).toBe(204)
    expect((await typeRow('cd')).magnetic_media).toBeNull()
    // A new type without them: not known, marker 00.
    expect((await put('kit', { name: 'Kit' })).status).toBe(204)
    expect(await typeRow('kit')).toEqual({
      name: 'Kit',
      magnetic_media: null,
      security_marker: '00',
    })

    for (const bad of [
      { name: 'Changed', magneticMedia: 'U' },
      { name: 'Changed', magneticMedia: 'y' },
      { name: 'Changed', securityMarker: '04' },
      { name: 'Changed', securityMarker: 2 },
      { name: 'Changed', securityMarker: null },
    ]) {
      const res = await put('cd', bad)
      expectProblem(res, 400, 'INVALID_INPUT')
    }
    expect(await typeRow('cd')).toEqual({
      name: 'Compact disc',
      magnetic_media: null,
      security_marker: '03',
    })
  })

  it('a copy overrides its type’s settings on creation and update; null takes the type’s again', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const { record } = await lib.title([])
    const { token } = await signIn(app(), ctx, 'librarian')
    const add = (payload: Record<string, unknown>) =>
      call(app(), {
        method: 'POST',
        url: `${V1}/catalog/items`,
        token,
        payload: {
          recordId: record.id,
          branch: 'main',
          itemType: 'dvd',
          replacementPriceCents: 2000,
          ...payload,
        },
      })
    const patch = (barcode: string, payload: unknown) =>
      call(app(), { method: 'PATCH', url: `${V1}/catalog/items/${barcode}`, token, payload })

    const plain = await add({ barcode: 'DVD-PLAIN' })
    expect(plain.status).toBe(201)
    expect(plain.body).toMatchObject({ magneticMedia: null, securityMarker: null })
    const own = await add({ barcode: 'DVD-OWN', magneticMedia: 'N', securityMarker: '02' })
    expect(own.status).toBe(201)
    expect(own.body).toMatchObject({ magneticMedia: 'N', securityMarker: '02' })
    expect(await itemRow('DVD-OWN')).toMatchObject({ magnetic_media: 'N', security_marker: '02' })

    const changed = await patch('DVD-PLAIN', { securityMarker: '01' })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({ magneticMedia: null, securityMarker: '01' })
    const cleared = await patch('DVD-OWN', { magneticMedia: null, securityMarker: null })
    expect(cleared.body).toMatchObject({ magneticMedia: null, securityMarker: null })
    expect(await itemRow('DVD-OWN')).toMatchObject({ magnetic_media: null, security_marker: null })

    expectProblem(await add({ barcode: 'DVD-BAD', magneticMedia: 'U' }), 400, 'INVALID_INPUT')
    expectProblem(await add({ barcode: 'DVD-BAD', securityMarker: '4' }), 400, 'INVALID_INPUT')
    const none = await ctx.db
      .selectFrom('items')
      .select('id')
      .where('barcode', '=', 'DVD-BAD')
      .execute()
    expect(none).toEqual([])
    // A bad value refuses the whole change: the call number is not written either.
    expectProblem(
      await patch('DVD-PLAIN', { callNumber: '791.43 X', magneticMedia: 'maybe' }),
      400,
      'INVALID_INPUT',
    )
    expect(await itemRow('DVD-PLAIN')).toMatchObject({ call_number: null, security_marker: '01' })
  })
})
