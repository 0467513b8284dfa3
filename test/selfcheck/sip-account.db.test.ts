import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { SIP_MESSAGE_CODES } from '../../src/selfcheck/sip-account.schemas.js'
import {
  authenticateSipAccount,
  createSipAccount,
  listSipAccounts,
  updateSipAccount,
} from '../../src/selfcheck/sip-account.service.js'
import { describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

const PASSWORD = 'machine password 7'
const base = { password: PASSWORD, institutionId: 'CARREL', location: 'main' }
const failure = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure')
    },
    (err: { code?: string }) => err.code,
  )

describeEngines('SIP accounts', (env) => {
  it('creates an account with safe defaults: every message, UTF-8, the name only', async () => {
    const { ctx } = env()
    const a = await createSipAccount(ctx, SYSTEM_ACTOR, { ...base, login: 'selfcheck-1' })
    expect(a).toEqual({
      id: expect.any(String) as unknown,
      login: 'selfcheck-1',
      institutionId: 'CARREL',
      location: 'main',
      allowedMessages: SIP_MESSAGE_CODES,
      charset: 'utf8',
      personalFields: ['name'],
      mayBlockPatrons: false,
      unknownCommands: 'ignore',
      active: true,
      createdAt: ctx.clock.now().toISOString(),
      updatedAt: ctx.clock.now().toISOString(),
    })
    expect(JSON.stringify(a)).not.toContain(PASSWORD)
    const { rows } = await sql<{ password_hash: string }>`select password_hash from sip_accounts
      where id = ${a.id}`.execute(ctx.db)
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/)
    expect((await listSipAccounts(ctx, SYSTEM_ACTOR)).map((x) => x.login)).toContain('selfcheck-1')
  })

  it('checks logins, passwords, branches, institution ids, messages and fields', async () => {
    const { ctx } = env()
    const make = (extra: Record<string, unknown>) =>
      failure(createSipAccount(ctx, SYSTEM_ACTOR, { ...base, login: 'kiosk-x', ...extra }))
    expect(await make({ login: 'a' })).toBe('INVALID_LOGIN')
    expect(await make({ login: 'has space' })).toBe('INVALID_LOGIN')
    expect(await make({ password: 'short' })).toBe('WEAK_PASSWORD')
    expect(await make({ password: 'long enough but | piped' })).toBe('INVALID_PASSWORD')
    expect(await make({ location: 'nowhere' })).toBe('UNKNOWN_BRANCH')
    expect(await make({ institutionId: 'A|B' })).toBe('INVALID_INSTITUTION')
    expect(await make({ allowedMessages: ['42'] })).toBe('INVALID_INPUT')
    expect(await make({ personalFields: ['sex'] })).toBe('INVALID_INPUT')
    expect(await make({ charset: 'ebcdic' })).toBe('INVALID_INPUT')
    await createSipAccount(ctx, SYSTEM_ACTOR, { ...base, login: 'kiosk-dup' })
    expect(
      await failure(createSipAccount(ctx, SYSTEM_ACTOR, { ...base, login: 'kiosk-dup' })),
    ).toBe('LOGIN_TAKEN')
  })

  it('is for administrators only, and every change is audited', async () => {
    const { ctx } = env()
    const librarian = await staffActor(ctx, 'librarian')
    const admin = await staffActor(ctx, 'admin')
    expect(await failure(createSipAccount(ctx, librarian, { ...base, login: 'kiosk-l' }))).toBe(
      'FORBIDDEN',
    )
    expect(await failure(listSipAccounts(ctx, librarian))).toBe('FORBIDDEN')
    expect(await failure(listSipAccounts(ctx, { type: 'sip', id: 'x' }))).toBe('FORBIDDEN')
    const a = await createSipAccount(ctx, admin, { ...base, login: 'kiosk-a' })
    const changed = await updateSipAccount(ctx, admin, a.id, {
      charset: 'latin1',
      personalFields: ['name', 'email'],
      allowedMessages: ['23', '63'],
      password: 'another password 9',
    })
    expect(changed).toMatchObject({
      charset: 'latin1',
      personalFields: ['name', 'email'],
      allowedMessages: ['23', '63'],
    })
    expect(await failure(updateSipAccount(ctx, admin, 'nope', { active: false }))).toBe(
      'SIP_ACCOUNT_NOT_FOUND',
    )
    const { rows } = await sql<{
      action: string
      detail: string
    }>`select action, detail from audit_log
      where actor_id = ${admin.id} order by seq`.execute(ctx.db)
    expect(rows.map((r) => r.action)).toEqual(['sip.account_create', 'sip.account_update'])
    expect(rows[1]?.detail).not.toContain('another password 9')
  })

  it('authenticates: unknown, switched-off and wrong all fail alike, each audited', async () => {
    const { ctx } = env()
    const a = await createSipAccount(ctx, SYSTEM_ACTOR, { ...base, login: 'kiosk-auth' })
    expect((await authenticateSipAccount(ctx, 'kiosk-auth', PASSWORD))?.id).toBe(a.id)
    expect(await authenticateSipAccount(ctx, 'kiosk-auth', 'wrong password!')).toBeUndefined()
    expect(await authenticateSipAccount(ctx, 'nobody-here', PASSWORD)).toBeUndefined()
    await updateSipAccount(ctx, SYSTEM_ACTOR, a.id, { active: false })
    expect(await authenticateSipAccount(ctx, 'kiosk-auth', PASSWORD)).toBeUndefined()
    const { rows } = await sql<{
      actor_type: string
      actor_id: string
      action: string
      detail: string
    }>`
      select actor_type, actor_id, action, detail from audit_log
      where action in ('sip.login', 'sip.login_failed') order by seq`.execute(ctx.db)
    expect(rows.slice(-4)).toEqual([
      { actor_type: 'sip', actor_id: a.id, action: 'sip.login', detail: '{}' },
      {
        actor_type: 'sip',
        actor_id: a.id,
        action: 'sip.login_failed',
        detail: '{"reason":"password"}',
      },
      {
        actor_type: 'sip',
        actor_id: 'unknown',
        action: 'sip.login_failed',
        detail: '{"reason":"unknown_login"}',
      },
      {
        actor_type: 'sip',
        actor_id: a.id,
        action: 'sip.login_failed',
        detail: '{"reason":"inactive"}',
      },
    ])
  })
})
