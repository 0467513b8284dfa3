import { expect, it } from 'vitest'
import { erasePatron } from '../../src/patrons/patron.service.js'
import { setOwnLanguage } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('erasure and the chosen language', (env) => {
  it('clears the language a patron chose when their registration is erased', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    await setOwnLanguage(ctx, { type: 'patron', id: p.id }, { language: 'es' })
    await erasePatron(ctx, await staffActor(ctx, 'admin'), p.id)
    const row = await ctx.db
      .selectFrom('patrons')
      .select(['status', 'language'])
      .where('id', '=', p.id)
      .executeTakeFirst()
    expect(row).toEqual({ status: 'erased', language: null })
  })
})
