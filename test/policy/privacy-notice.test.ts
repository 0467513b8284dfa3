import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { catalogOf, translator } from '../../src/i18n/i18n.js'
import {
  awaitsApproval,
  categoryKey,
  howLongText,
  periodText,
  privacyNotice,
  purposeText,
  summaryFigures,
  type Schedule,
} from '../../src/policy/privacy-notice.js'
import { INVENTORY } from '../../src/privacy/inventory.js'
import { RETENTION_RULES } from '../../src/privacy/retention-rules.js'
import { SCHEDULE } from '../../src/privacy/retention/schedule.js'

const en = translator('en')
const es = translator('es')
const defaults = () => loadConfig({ env: {} })
const whats = (config: ReturnType<typeof loadConfig>) =>
  privacyNotice(config).flatMap((s) => s.items.map((i) => i.what))

/** Every series approved for disposal, as a library that has its schedule in place configures it. */
const approvedEverywhere = () =>
  loadConfig({
    env: {},
    overrides: {
      retention: {
        authorities: Object.fromEntries(
          Object.keys(SCHEDULE).map((s) => [s, { application: '26-001', item: s }]),
        ),
      },
    },
  })

describe('privacy notice (P2)', () => {
  it('lists every confidential category in the inventory, with why and how long', () => {
    const config = defaults()
    const notice = privacyNotice(config)
    const categories = new Set(
      Object.values(INVENTORY).flatMap((t) =>
        Object.values(t.columns)
          .filter((c) => c.classification === 'confidential')
          .map((c) => c.category),
      ),
    )
    // Website statistics are about browsers, not patrons: their part is checked in test/analytics.
    const listed = notice.filter(
      (s) => s.id !== 'afterwards' && s.id !== 'publicRecords' && s.id !== 'website',
    )
    // A part may end with its own anonymous counts (public computers); those are not confidential.
    const anonymous = new Set(
      Object.values(INVENTORY).flatMap((t) =>
        Object.values(t.columns)
          .filter((c) => c.classification === 'anonymous_statistic')
          .map((c) => c.category),
      ),
    )
    expect(
      new Set(listed.flatMap((s) => s.items.map((i) => i.what)).filter((w) => !anonymous.has(w))),
    ).toEqual(categories)
    for (const item of notice.flatMap((s) => s.items)) {
      expect(item.columns.length).toBeGreaterThan(0)
      for (const rule of item.rules)
        expect(howLongText(en, config, rule).length).toBeGreaterThan(10)
    }
    const name = notice.flatMap((s) => s.items).find((i) => i.what === 'name')
    expect(name?.encrypted).toBe(true)
    // In English, the purpose is the inventory's own sentence.
    expect(name?.columns.map((c) => purposeText(en, c))).toContain(
      INVENTORY.patrons?.columns.given_name_enc?.purpose,
    )
  })

  it('says what is left after a loan, hold or fee: counts with no names, from the inventory', () => {
    const config = approvedEverywhere()
    const after = privacyNotice(config).find((s) => s.id === 'afterwards')
    const counted = new Set(
      ['circulation_counts', 'hold_counts', 'fee_counts', 'items', 'activity_counts'].flatMap((t) =>
        Object.values(INVENTORY[t]?.columns ?? {})
          .filter((c) => c.classification === 'anonymous_statistic')
          .map((c) => c.category),
      ),
    )
    expect(counted.size).toBeGreaterThan(3)
    expect(new Set(after?.items.map((i) => i.what))).toEqual(counted)
    const loans = after?.items.find((i) => i.what.startsWith('counts of checkouts'))
    expect(loans?.rules.map((r) => howLongText(en, config, r)).join(' ')).toMatch(/^5 years/)
    expect(loans?.rules.map((r) => howLongText(es, config, r)).join(' ')).toMatch(/^5 años/)
    expect(loans?.columns.map((c) => purposeText(en, c)).join(' ')).toMatch(/never the patron/)
    expect(loans?.columns.map((c) => purposeText(es, c)).join(' ')).toMatch(/nunca el usuario/)
  })

  it('puts the waiting list with the public computers, not under other records', () => {
    const notice = privacyNotice(approvedEverywhere())
    const computers = notice.find((s) => s.id === 'computers')
    const other = notice.find((s) => s.id === 'other')
    const tablesOf = (items: { columns: { table: string }[] }[] | undefined) =>
      new Set(items?.flatMap((i) => i.columns.map((c) => c.table)))
    for (const table of ['computer_sessions', 'computer_queue']) {
      expect(tablesOf(computers?.items)).toContain(table)
      expect(tablesOf(other?.items)).not.toContain(table)
    }
  })

  it('drops a field the library switches off', () => {
    const on = whats(defaults())
    expect(on).toContain('sex')
    expect(on).toContain("driver's license number")
    const off = whats(
      loadConfig({ env: { CARREL_FIELD_SEX: 'false', CARREL_FIELD_LICENCE_NUMBER: 'false' } }),
    )
    expect(off).not.toContain('sex')
    expect(off).not.toContain("driver's license number")
    expect(off).toContain('name')
  })

  it('has a Spanish purpose and name for every column and category it shows, so none slips through untranslated', () => {
    const english = catalogOf('en')
    const spanish = catalogOf('es')
    // Every optional field on: the widest notice any library can show.
    const notice = privacyNotice(defaults())
    const columns = notice.flatMap((s) => s.items.flatMap((i) => i.columns))
    expect(columns.length).toBeGreaterThan(100)
    const missing = columns
      .map((c) => `notice.purpose.${c.table}.${c.column}`)
      .filter((key) => spanish[key] === undefined || english[key] === undefined)
    expect(missing).toEqual([])
    const categories = notice
      .flatMap((s) => s.items.map((i) => `notice.category.${categoryKey(i.what)}`))
      .filter((key) => spanish[key] === undefined || english[key] === undefined)
    expect(categories).toEqual([])
    // And each series the notice names has its sentence in both languages.
    const rules = new Set(notice.flatMap((s) => s.items.flatMap((i) => i.rules)))
    for (const rule of rules) {
      expect(spanish[`notice.keep.${rule}`], rule).toBeDefined()
      expect(english[`notice.keep.${rule}`], rule).toBeDefined()
    }
  })

  it('says how long in words made from the numbers, with plurals in each language', () => {
    expect(periodText(en, 365)).toBe('1 year')
    expect(periodText(en, 3 * 365)).toBe('3 years')
    expect(periodText(en, 180)).toBe('6 months')
    expect(periodText(en, 30)).toBe('30 days')
    expect(periodText(en, 60)).toBe('2 months')
    expect(periodText(en, 1)).toBe('1 day')
    expect(periodText(en, 45)).toBe('45 days')
    expect(periodText(es, 365)).toBe('1 año')
    expect(periodText(es, 5 * 365)).toBe('5 años')
    expect(periodText(es, 180)).toBe('6 meses')
    expect(periodText(es, 1)).toBe('1 día')
    expect(periodText(es, 2)).toBe('2 días')
  })

  it('follows the configuration and the schedule: card validity, periods and approvals', () => {
    const config = defaults()
    expect(summaryFigures(en, config)).toEqual({
      cardValidity: '3 years',
      registrationAfter: '3 years',
      accessLog: '3 years',
      awaitingApproval: true,
    })
    const shorter = loadConfig({ env: {}, overrides: { patrons: { cardValidityDays: 2 * 365 } } })
    expect(summaryFigures(en, shorter).cardValidity).toBe('2 years')
    expect(summaryFigures(es, shorter).cardValidity).toBe('2 años')

    // A schedule that keeps registrations for one year after expiry, and the audit log for 18 months.
    const schedule: Schedule = {
      ...RETENTION_RULES,
      'patron-registration': { period: { days: 365 } },
      'audit-log': { period: { days: 540 } },
    }
    const approved = approvedEverywhere()
    expect(summaryFigures(en, approved, schedule)).toEqual({
      cardValidity: '3 years',
      registrationAfter: '1 year',
      accessLog: '18 months',
      awaitingApproval: false,
    })
    expect(howLongText(en, approved, 'patron-registration', schedule)).toMatch(
      /^While the card is valid, then 1 year after it expires/,
    )
    expect(howLongText(es, approved, 'patron-registration', schedule)).toMatch(
      /y 1 año después de que venza/,
    )
    expect(howLongText(en, approved, 'patron-registration')).toMatch(/then 3 years after/)
  })

  it('never says records are destroyed on schedule where the library has no approval to destroy them', () => {
    const none = defaults()
    const approved = approvedEverywhere()
    // Deleted at once (no period): true whatever is configured.
    expect(awaitsApproval(none, 'loan-link')).toBe(false)
    expect(howLongText(en, none, 'loan-link')).not.toMatch(/approval/)
    // Swept on a schedule: only with the approval.
    expect(awaitsApproval(none, 'notices')).toBe(true)
    expect(howLongText(en, none, 'notices')).toMatch(
      /Until the library records its approval, these are not destroyed\./,
    )
    expect(howLongText(es, none, 'notices')).toMatch(/Hasta que la biblioteca anote su aprobación/)
    expect(awaitsApproval(approved, 'notices')).toBe(false)
    expect(howLongText(en, approved, 'notices')).toBe(
      'At most 30 days after it is written, whether it was sent or not.',
    )
    const onlyNotices = loadConfig({
      env: {},
      overrides: { retention: { authorities: { notices: { application: 'A', item: '1' } } } },
    })
    expect(awaitsApproval(onlyNotices, 'notices')).toBe(false)
    expect(awaitsApproval(onlyNotices, 'patron-registration')).toBe(true)
  })
})
