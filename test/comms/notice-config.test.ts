// The notice switches and days are validated at start-up, each problem naming its key; the
// daily notices job is scheduled.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { loanNoticeFor } from '../../src/circulation/due-notices.service.js'
import { noticeEnabled } from '../../src/comms/notice-types.js'
import { JOBS } from '../../src/jobs/scheduler.js'

const problems = (overrides: Record<string, unknown>) => {
  try {
    loadConfig({ env: {}, overrides })
    return []
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
}

describe('notice configuration', () => {
  it('sends every type by default, and lets the library switch each off', () => {
    const c = loadConfig({ env: {} })
    for (const kind of ['hold_ready', 'courtesy', 'overdue_first', 'overdue_second'])
      expect(noticeEnabled(c, kind)).toBe(true)
    const off = loadConfig({ env: {}, overrides: { notices: { overdue: { enabled: false } } } })
    expect(noticeEnabled(off, 'overdue_first')).toBe(false)
    expect(noticeEnabled(off, 'overdue_second')).toBe(false)
    expect(noticeEnabled(off, 'courtesy')).toBe(true)
    // The erasure warning has no switch: erasure waits for it.
    expect(noticeEnabled(off, 'erasure_warning')).toBe(true)
  })

  it('refuses bad notice settings by their key', () => {
    expect(problems({ notices: { overdue: { firstDaysAfter: 10, secondDaysAfter: 10 } } })).toEqual(
      ['notices.overdue.secondDaysAfter: must be later than notices.overdue.firstDaysAfter'],
    )
    expect(problems({ notices: { courtesy: { daysBefore: 0 } } }).join('\n')).toMatch(
      /notices\.courtesy\.daysBefore/,
    )
    expect(problems({ notices: { courtesy: { enabld: false } } }).join('\n')).toMatch(
      /notices\.courtesy/,
    )
    expect(problems({ notices: { accountUrl: 'javascript:alert(1)' } }).join('\n')).toMatch(
      /notices\.accountUrl/,
    )
  })

  it('picks the notice a loan is due for from its due day', () => {
    const c = loadConfig({ env: {} })
    expect(loanNoticeFor(c, '2027-01-07', '2027-01-10')).toBeUndefined()
    expect(loanNoticeFor(c, '2027-01-08', '2027-01-10')).toBe('courtesy')
    expect(loanNoticeFor(c, '2027-01-10', '2027-01-10')).toBe('courtesy')
    expect(loanNoticeFor(c, '2027-01-11', '2027-01-10')).toBe('overdue_first')
    expect(loanNoticeFor(c, '2027-01-23', '2027-01-10')).toBe('overdue_first')
    expect(loanNoticeFor(c, '2027-01-24', '2027-01-10')).toBe('overdue_second')
  })

  it('schedules the daily notices', () => {
    expect(JOBS.map((j) => j.name)).toContain('notices-daily')
  })
})
