import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import {
  actorFromToken,
  createStaff,
  signInStaff,
  updateStaff,
} from '../../src/staff/staff.service.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { STAFF_PASSWORD, patronInput, staffActor } from '../harness/factories.js'

describeEngines('staff accounts', (env) => {
  it('signs in with an individual account and ends old credentials when the password or role changes', async () => {
    const { ctx, clock } = env()
    const admin = await staffActor(ctx, 'admin')
    const made = await createStaff(ctx, admin, {
      username: 'rosa',
      displayName: 'Rosa Park',
      password: STAFF_PASSWORD,
      role: 'librarian',
    })
    const first = await signInStaff(ctx, 'rosa', STAFF_PASSWORD)
    expect(await actorFromToken(ctx, first.token)).toEqual({
      type: 'staff',
      id: made.id,
      role: 'librarian',
    })
    clock.advance(1000)
    await updateStaff(ctx, admin, made.id, { role: 'circulation' })
    expect(await actorFromToken(ctx, first.token)).toBeUndefined()
    clock.advance(1000)
    const second = await signInStaff(ctx, 'rosa', STAFF_PASSWORD)
    expect((await actorFromToken(ctx, second.token))?.role).toBe('circulation')
    clock.advance(1000)
    await updateStaff(ctx, admin, made.id, { password: 'a brand new passphrase' })
    expect(await actorFromToken(ctx, second.token)).toBeUndefined()
    await expect(signInStaff(ctx, 'rosa', STAFF_PASSWORD)).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    clock.advance(1000)
    const third = await signInStaff(ctx, 'rosa', 'a brand new passphrase')
    await updateStaff(ctx, admin, made.id, { active: false })
    clock.advance(1000)
    await updateStaff(ctx, admin, made.id, { active: true })
    expect(await actorFromToken(ctx, third.token)).toBeUndefined()
  })

  it('refuses weak passwords, bad usernames, odd input and duplicate names', async () => {
    const { ctx } = env()
    const base = {
      username: 'sam',
      displayName: 'Sam',
      password: STAFF_PASSWORD,
      role: 'circulation',
    }
    await expect(
      createStaff(ctx, SYSTEM_ACTOR, { ...base, password: 'short' }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSWORD' })
    await expect(
      createStaff(ctx, SYSTEM_ACTOR, { ...base, username: 'Sam Smith' }),
    ).rejects.toMatchObject({ code: 'INVALID_USERNAME' })
    await expect(
      createStaff(ctx, SYSTEM_ACTOR, { ...base, role: 'janitor' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      createStaff(ctx, SYSTEM_ACTOR, { ...base, displayName: 42 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      createStaff(ctx, SYSTEM_ACTOR, { ...base, displayName: 'Sam\u0000' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await createStaff(ctx, SYSTEM_ACTOR, base)
    await expect(createStaff(ctx, SYSTEM_ACTOR, base)).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    })
    await expect(
      createStaff(ctx, await staffActor(ctx, 'librarian'), { ...base, username: 'sam2' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('keeps at least one active administrator', async () => {
    const { ctx } = env()
    await ctx.db.updateTable('staff').set({ active: 0 }).where('role', '=', 'admin').execute()
    const admin = await staffActor(ctx, 'admin')
    await expect(updateStaff(ctx, admin, admin.id, { role: 'librarian' })).rejects.toMatchObject({
      code: 'LAST_ADMIN',
    })
    await expect(updateStaff(ctx, admin, admin.id, { active: false })).rejects.toMatchObject({
      code: 'LAST_ADMIN',
    })
    const second = await staffActor(ctx, 'admin')
    await updateStaff(ctx, second, admin.id, { role: 'librarian' })
  })

  it('refuses control characters in any patron field', async () => {
    const { ctx } = env()
    await expect(
      registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        address: { line1: '1 Main\u0000St', city: 'X', postcode: '1' },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { problems: [{ field: 'address.line1' }] },
    })
  })
})
