/** The SIP2 checksum: the 16-bit two's complement of the byte sum (reference §3.2). */
export function sipChecksum(bytes: Uint8Array): string {
  let sum = 0
  for (const b of bytes) sum = (sum + b) & 0xffff
  return (-sum & 0xffff).toString(16).toUpperCase().padStart(4, '0')
}

/** True when `bytes` (through "AZ") plus the four hex digits sum to zero modulo 2^16. */
export function checksumMatches(bytes: Uint8Array, hex: string): boolean {
  if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return false
  let sum = parseInt(hex, 16)
  for (const b of bytes) sum = (sum + b) & 0xffff
  return (sum & 0xffff) === 0
}
