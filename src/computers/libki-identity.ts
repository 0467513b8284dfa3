import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

interface Known {
  sessionId: string
  mac: Buffer
}

/**
 * Libki's client repeats the card number and PIN on every poll (every 10 s). Running Argon2id for
 * each would cost a core; keeping the PIN would break P4. So the PIN is verified once, at login,
 * and this process then keeps only HMAC(card + PIN) under a key drawn at start-up and never
 * written anywhere, for that one computer's running session. A restart forgets everything, which
 * is the point: nothing here outlives the process, the session or a logout.
 */
export class LibkiIdentities {
  private readonly key = randomBytes(32)
  private readonly byComputer = new Map<string, Known>()

  private mac(username: string, password: string): Buffer {
    // Length-prefixed, so ("12", "345") and ("123", "45") differ.
    return createHmac('sha256', this.key)
      .update(`${username.length}:${username}\u0000${password}`)
      .digest()
  }

  remember(computerId: string, sessionId: string, username: string, password: string): void {
    this.byComputer.set(computerId, { sessionId, mac: this.mac(username, password) })
  }

  /** Whether these credentials are the ones that opened this session on this computer. */
  recognises(computerId: string, sessionId: string, username: string, password: string): boolean {
    const known = this.byComputer.get(computerId)
    if (known === undefined) return false
    if (known.sessionId !== sessionId) {
      // That session ended and another began: what was kept for it goes.
      this.byComputer.delete(computerId)
      return false
    }
    return timingSafeEqual(known.mac, this.mac(username, password))
  }

  forget(computerId: string): void {
    this.byComputer.delete(computerId)
  }

  clear(): void {
    this.byComputer.clear()
  }

  /** How many sessions this process currently recognises (for tests: nothing lingers). */
  get size(): number {
    return this.byComputer.size
  }
}
