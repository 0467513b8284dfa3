import { describe, expect, it } from 'vitest'
import { addressKey } from '../../src/privacy/throttle.js'

describe('the address a wrong secret is counted against', () => {
  it('is an IPv4 address whole, however it arrived', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7')
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(addressKey('::FFFF:198.51.100.42')).toBe('198.51.100.42')
    expect(addressKey('192.0.2.8')).not.toBe(addressKey('192.0.2.7'))
  })

  it('is the /64 of an IPv6 address, in one spelling', () => {
    const same = ['2001:db8:1:2::1', '2001:DB8:1:2:ffff:ffff:ffff:1', '2001:0db8:0001:0002::5']
    expect(new Set(same.map(addressKey))).toEqual(new Set(['2001:db8:1:2::/64']))
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    // An IPv6 address written with an IPv4 tail is not a mapped IPv4 address.
    expect(addressKey('2001:db8:1:2::ffff:192.0.2.7')).toBe('2001:db8:1:2::/64')
  })
})
