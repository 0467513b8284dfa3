// The key store holds one wrapped data key per patron (P4). Destroying a key says whether there
// was one to destroy; looking keys up for several patrons returns only the keys that exist, and
// nothing at all for no patrons.
import { randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { deriveKeyring } from '../../src/privacy/crypto.js'
import {
  destroyPatronKey,
  keyStoreOpens,
  loadPatronCipher,
  loadPatronCiphers,
} from '../../src/privacy/field-cipher.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'

describeEngines('key store (P4)', (env) => {
  it('finds the keys of the patrons that have one, nothing for no patrons, and destroys each once', async () => {
    const { ctx } = env()
    const a = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const b = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    expect((await loadPatronCiphers(ctx.keys, ctx.keyring, [])).size).toBe(0)
    const both = await loadPatronCiphers(ctx.keys, ctx.keyring, [a.id, b.id, 'no-such-patron'])
    expect([...both.keys()].sort()).toEqual([a.id, b.id].sort())
    // Each cipher opens its own patron's fields.
    const sealed = both.get(a.id)!.encrypt('given_name_enc', 'Ottoline')
    const own = await loadPatronCipher(ctx.keys, ctx.keyring, a.id)
    expect(own?.decrypt('given_name_enc', sealed)).toBe('Ottoline')

    expect(await destroyPatronKey(ctx.keys, a.id)).toBe(true)
    expect(await destroyPatronKey(ctx.keys, a.id)).toBe(false)
    expect(await loadPatronCipher(ctx.keys, ctx.keyring, a.id)).toBeUndefined()
    expect([...(await loadPatronCiphers(ctx.keys, ctx.keyring, [a.id, b.id])).keys()]).toEqual([
      b.id,
    ])
  })

  it('opens with the master key that wrapped its keys and with no other', async () => {
    const { ctx } = env()
    const other = deriveKeyring(randomBytes(32))
    // An empty key store has nothing to check a key against.
    await ctx.keys.deleteFrom('patron_keys').execute()
    expect(await keyStoreOpens(ctx.keys, other)).toBe(true)
    await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    expect(await keyStoreOpens(ctx.keys, ctx.keyring)).toBe(true)
    expect(await keyStoreOpens(ctx.keys, other)).toBe(false)
  })
})
