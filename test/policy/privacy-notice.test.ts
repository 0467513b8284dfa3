import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { privacyNotice } from '../../src/policy/privacy-notice.js'
import { INVENTORY } from '../../src/privacy/inventory.js'

const whats = (config: ReturnType<typeof loadConfig>) =>
  privacyNotice(config).flatMap((s) => s.items.map((i) => i.what))

describe('privacy notice (P2)', () => {
  it('lists every confidential category in the inventory, with why and how long', () => {
    const notice = privacyNotice(loadConfig({ env: {} }))
    const categories = new Set(
      Object.values(INVENTORY).flatMap((t) =>
        Object.values(t.columns)
          .filter((c) => c.classification === 'confidential')
          .map((c) => c.category),
      ),
    )
    const listed = notice.filter((s) => !s.title.startsWith('What is left afterwards'))
    expect(new Set(listed.flatMap((s) => s.items.map((i) => i.what)))).toEqual(categories)
    for (const item of notice.flatMap((s) => s.items)) {
      expect(item.why.length).toBeGreaterThan(0)
      expect(item.howLong.length).toBeGreaterThan(10)
    }
    const name = notice.flatMap((s) => s.items).find((i) => i.what === 'name')
    expect(name?.encrypted).toBe(true)
  })

  it('says what is left after a loan, hold or fee: counts with no names, from the inventory', () => {
    const notice = privacyNotice(loadConfig({ env: {} }))
    const after = notice.find((s) => s.title.startsWith('What is left afterwards'))
    const counted = new Set(
      ['circulation_counts', 'hold_counts', 'fee_counts', 'items'].flatMap((t) =>
        Object.values(INVENTORY[t]?.columns ?? {})
          .filter((c) => c.classification === 'anonymous_statistic')
          .map((c) => c.category),
      ),
    )
    expect(counted.size).toBeGreaterThan(3)
    expect(new Set(after?.items.map((i) => i.what))).toEqual(counted)
    const loans = after?.items.find((i) => i.what.startsWith('counts of checkouts'))
    expect(loans?.howLong).toMatch(/five years/)
    expect(loans?.why.join(' ')).toMatch(/never the patron/)
  })

  it('drops a field the library switches off', () => {
    const on = whats(loadConfig({ env: {} }))
    expect(on).toContain('sex')
    expect(on).toContain("driver's licence number")
    const off = whats(
      loadConfig({ env: { CARREL_FIELD_SEX: 'false', CARREL_FIELD_LICENCE_NUMBER: 'false' } }),
    )
    expect(off).not.toContain('sex')
    expect(off).not.toContain("driver's licence number")
    expect(off).toContain('name')
  })
})
