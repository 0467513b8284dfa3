import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { VerifiedPin } from '../patrons/card.service.js'

/**
 * A connection's memory of the last PIN it saw verified, so a kiosk that sends the PIN with every
 * message of a patron's session pays for Argon2 once. It lives in this object only (never written
 * anywhere), holds a keyed digest of card + PIN under a key made for this connection, and is
 * forgotten on a wrong or different PIN, a different card, end of patron session (35), a new
 * login, after `idleMs` without use, and whenever the card is found changed, lost or locked.
 */
export class PinMemory {
  private readonly key = randomBytes(32)
  private entry:
    { barcode: string; digest: Buffer; proof: VerifiedPin; lastUsed: number } | undefined

  constructor(private readonly idleMs: number) {}

  private digest(barcode: string, pin: string): Buffer {
    return createHmac('sha256', this.key).update(barcode).update('\0').update(pin).digest()
  }

  /** What was verified for exactly this card and PIN, still within the idle limit; else nothing. */
  recall(barcode: string, pin: string, now: number): VerifiedPin | undefined {
    const e = this.entry
    if (e === undefined || this.idleMs <= 0) return undefined
    if (now - e.lastUsed > this.idleMs || e.barcode !== barcode.trim()) return undefined
    return timingSafeEqual(e.digest, this.digest(barcode.trim(), pin)) ? e.proof : undefined
  }

  remember(barcode: string, pin: string, proof: VerifiedPin, now: number): void {
    if (this.idleMs <= 0) return
    this.entry = {
      barcode: barcode.trim(),
      digest: this.digest(barcode.trim(), pin),
      proof,
      lastUsed: now,
    }
  }

  touch(now: number): void {
    if (this.entry !== undefined) this.entry.lastUsed = now
  }

  forget(): void {
    this.entry = undefined
  }

  get holding(): boolean {
    return this.entry !== undefined
  }
}
