import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIPv4 } from 'node:net'
import { parseCidr } from '../config/libki-config.js'
import { unmappedAddress } from '../privacy/throttle.js'

/** A set of addresses and network ranges, checked against a request's client address. */
export class AddressAllowList {
  private readonly list = new BlockList()

  constructor(ranges: readonly string[]) {
    for (const range of ranges) {
      // The configuration was checked at start-up; a range that does not parse allows nothing.
      const cidr = parseCidr(range)
      if (cidr !== undefined) this.list.addSubnet(cidr.address, cidr.prefix, cidr.family)
    }
  }

  /** `ip` as Fastify gives it (request.ip, which honours http.trustProxy); IPv4-mapped IPv6 is unmapped. */
  allows(ip: string): boolean {
    const address = unmappedAddress(ip)
    return this.list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6')
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/** A shared secret compared in constant time: both sides are hashed first, so lengths match. */
export class SecretMatcher {
  private readonly expected: Buffer

  constructor(secret: string) {
    this.expected = digest(secret)
  }

  matches(given: unknown): boolean {
    return typeof given === 'string' && timingSafeEqual(digest(given), this.expected)
  }
}
