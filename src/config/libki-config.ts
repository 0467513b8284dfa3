import type { Config } from './config.schema.js'

export interface Cidr {
  address: string
  prefix: number
  family: 'ipv4' | 'ipv6'
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** 4, 6, or 0 for neither (the URL parser knows IPv6's many spellings). */
function ipVersion(address: string): 4 | 6 | 0 {
  if (IPV4.test(address)) return 4
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return 0
  try {
    new URL(`http://[${address}]/`)
    return 6
  } catch {
    return 0
  }
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (a whole /32 or /128); undefined if neither. */
export function parseCidr(text: string): Cidr | undefined {
  const [address = '', bits, extra] = text.trim().split('/')
  if (extra !== undefined) return undefined
  const version = ipVersion(address)
  if (version === 0) return undefined
  const max = version === 4 ? 32 : 128
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined
  const prefix = bits === undefined ? max : Number(bits)
  if (prefix > max) return undefined
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' }
}

/** What stops the Libki endpoint from starting safely, named by key. */
export function libkiProblems(c: Config): string[] {
  const libki = c.computers.libki
  const out: string[] = []
  if (libki.enabled && libki.token === undefined)
    out.push(
      'computers.libki.token (environment variable CARREL_LIBKI_TOKEN): required when computers.libki.enabled is on; every Libki client sends it in its custom header',
    )
  for (const [i, range] of libki.allowFrom.entries()) {
    if (parseCidr(range) === undefined)
      out.push(
        `computers.libki.allowFrom.${i}: "${range.slice(0, 64)}" is not a network range; write 192.168.10.0/24, fd00::/8 or one address`,
      )
  }
  return out
}
