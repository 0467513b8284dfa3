import { connect } from 'node:net'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { describeEngines } from '../harness/engines.js'
import { sealed } from './sip-client.js'
import { SIP_PASSWORD, sipWorld } from './sip-world.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

/**
 * Closing the SIP2 server (as `carrel serve` does on SIGTERM): a terminal whose message is being
 * handled gets its answer before its connection is closed, so a checkout the database committed
 * is never left unanswered; nothing sent after that is read.
 */
describeEngines('closing the SIP2 server', (env) => {
  it('answers the message being handled, then closes; closes a waiting connection at once', async () => {
    // A password hashed at a high cost: checking it takes long enough to close the server
    // while the login is being handled.
    const slow = await env().reopen({ security: { argon2MemoryKiB: 65536, argon2TimeCost: 6 } })
    const world = await sipWorld(env().ctx)
    const account = await createSipAccount(slow, SYSTEM_ACTOR, {
      login: 'kiosk-closing',
      password: SIP_PASSWORD,
      institutionId: 'CARREL',
      location: 'main',
    })
    const waiting = await world.client()
    const busy = await world.client()
    let waitingClosedAt: number | undefined
    void waiting.closed.then(() => (waitingClosedAt = performance.now()))

    const t0 = performance.now()
    const login = busy.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '0')
    await sleep(50)
    const closeStartedAt = performance.now()
    const closing = world.server.close()
    // Sent after closing began: not read, not answered.
    busy.write(`${sealed('9900302.00', '1')}\r`)

    expect(await login).toBe(sealed('941', '0'))
    const answeredAt = performance.now()
    await busy.closed
    await closing
    expect(await busy.silence(50)).toEqual([])
    // The login was still being checked when closing began, and its answer came after.
    expect(answeredAt - t0).toBeGreaterThan(closeStartedAt - t0)
    // The idle terminal was let go at once, not after the busy one's answer.
    expect(waitingClosedAt).toBeDefined()
    expect(waitingClosedAt ?? Infinity).toBeLessThan(answeredAt)
    expect(await refused(world.server.port)).toBe(true)
    waiting.close()
    busy.close()
    await slow.close()
  }, 30_000)

  it('closes connections that send nothing more once closing begins, without waiting for them', async () => {
    const world = await sipWorld(env().ctx)
    const clients = await Promise.all([world.client(), world.client(), world.client()])
    const t0 = performance.now()
    await world.server.close()
    await Promise.all(clients.map((c) => c.closed))
    expect(performance.now() - t0).toBeLessThan(900)
    for (const c of clients) c.close()
  })
})
