import type { Logger } from '../logger.js'
import { unmappedAddress } from '../privacy/throttle.js'

/** What a connection counts against: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 one. */
export function addressKey(remoteAddress: string): string {
  return unmappedAddress(remoteAddress).toLowerCase()
}

/**
 * Open connections per remote address, checked on accept before any byte is read. The single
 * server releases a connection when its socket closes; the worker pool when the worker that
 * served it says so (or dies).
 */
export class AddressLimit {
  private readonly open = new Map<string, number>()

  constructor(
    private readonly limit: number,
    private readonly log: Logger,
  ) {}

  /** Counts a connection against its address: its key, or undefined when that address is full. */
  admit(remoteAddress: string | undefined): string | undefined {
    if (remoteAddress === undefined) return undefined // already gone
    const key = addressKey(remoteAddress)
    const open = this.open.get(key) ?? 0
    if (open >= this.limit) {
      // No client address in the logs (P6), as for HTTP: the count says enough.
      this.log.warn(
        { limit: this.limit, open },
        'SIP2 connection refused: too many connections from one address',
      )
      return undefined
    }
    this.open.set(key, open + 1)
    return key
  }

  release(key: string): void {
    const left = (this.open.get(key) ?? 1) - 1
    if (left > 0) this.open.set(key, left)
    else this.open.delete(key)
  }
}
