import { isIP } from 'node:net'

/**
 * The network address as stored: only its leading bits (IPv4 /24, IPv6 /48 by default), the rest
 * zeroed, so a row names a neighbourhood of addresses, never one machine. An IPv4 address
 * written as IPv6 (`::ffff:203.0.113.7`) is truncated as the IPv4 address it is.
 * Undefined for anything that is not an address.
 */
export function truncateAddress(
  address: string,
  ipv4Bits: number,
  ipv6Bits: number,
): string | undefined {
  const plain = address.trim().replace(/^\[|\]$/g, '')
  const version = isIP(plain)
  if (version === 4) return truncateV4(plain.split('.').map(Number), ipv4Bits)
  if (version !== 6) return undefined
  const groups = expandV6(plain)
  if (groups === undefined) return undefined
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff
  if (mapped) {
    const [hi = 0, lo = 0] = groups.slice(6)
    return truncateV4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff], ipv4Bits)
  }
  return compressV6(maskBits(groups, 16, ipv6Bits))
}

function truncateV4(octets: number[], bits: number): string {
  return maskBits(octets, 8, bits).join('.')
}

/** Keeps the first `bits` bits of a list of `width`-bit numbers; zeroes the rest. */
function maskBits(parts: number[], width: number, bits: number): number[] {
  return parts.map((part, i) => {
    const keep = Math.max(0, Math.min(width, bits - i * width))
    if (keep === 0) return 0
    return part & (((1 << keep) - 1) << (width - keep))
  })
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included). */
function expandV6(text: string): number[] | undefined {
  let body = text.split('%')[0] ?? ''
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body)
  if (tail?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = tail[1].split('.').map(Number)
    body =
      body.slice(0, -tail[1].length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', rest] = body.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = rest === undefined || rest === '' ? [] : rest.split(':')
  const missing = 8 - left.length - right.length
  if (rest === undefined ? missing !== 0 : missing < 1) return undefined
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right]
  return groups.map((g) => parseInt(g, 16))
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
function compressV6(groups: number[]): string {
  let bestStart = -1
  let bestLength = 1
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < groups.length && groups[j] === 0) j++
    if (j - i > bestLength) {
      bestStart = i
      bestLength = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  const before = hex.slice(0, bestStart).join(':')
  const after = hex.slice(bestStart + bestLength).join(':')
  return `${before}::${after}`
}
