// Notices name days with their weekday ("1 item is due Tuesday, December 8"), in the patron's
// language and the library's time zone; the year is added only when the day is far from today.
import { describe, expect, it } from 'vitest'
import { noticeRenderer, renderInput, type PatronContact } from '../../src/comms/renderers.js'
import { formatsFor } from '../../src/i18n/i18n.js'

const TZ = 'America/Chicago'
const en = formatsFor('en', TZ)
const es = formatsFor('es', TZ)

const contact: PatronContact = {
  patronId: 'p1',
  email: 'reader@example.org',
  givenName: 'Ada',
  wantsNotices: true,
  wantsTitles: false,
  declined: [],
  wantsPolicyChanges: true,
}

function render(
  kind: string,
  payload: Record<string, unknown>,
  locale: 'en' | 'es',
  today?: string,
): string {
  const out = noticeRenderer(kind)(
    renderInput(
      {
        kind,
        payload,
        contact,
        locale,
        library: { name: 'Thornton Library', branchName: () => 'East Branch' },
        accountUrl: 'https://library.example/account',
        ...(today === undefined ? {} : { today }),
      },
      TZ,
    ),
  )
  if (out.outcome !== 'mail') throw new Error(`expected a message, got ${out.outcome}`)
  return out.text
}

describe('weekday dates in notices', () => {
  it('writes a calendar day with its weekday in English and in Spanish', () => {
    expect(en.weekdayDate('2026-12-08', '2026-12-06')).toBe('Tuesday, December 8')
    expect(es.weekdayDate('2026-12-08', '2026-12-06')).toBe('martes 8 de diciembre')
  })

  it('adds the year when the day is more than half a year away, or no day is given to compare', () => {
    expect(en.weekdayDate('2027-09-01', '2026-12-06')).toBe('Wednesday, September 1, 2027')
    expect(es.weekdayDate('2027-09-01', '2026-12-06')).toBe('miércoles 1 de septiembre de 2027')
    expect(en.weekdayDate('2026-12-08')).toBe('Tuesday, December 8, 2026')
    // Across New Year, near days still leave the year out.
    expect(en.weekdayDate('2027-01-04', '2026-12-28')).toBe('Monday, January 4')
  })

  it('reads an instant in the library’s time zone', () => {
    // 03:30 UTC on December 9 is still the evening of Tuesday, December 8 in Chicago.
    expect(en.weekdayDate('2026-12-09T03:30:00Z', '2026-12-06')).toBe('Tuesday, December 8')
    expect(
      formatsFor('en', 'Europe/Madrid').weekdayDate('2026-12-09T03:30:00Z', '2026-12-06'),
    ).toBe('Wednesday, December 9')
  })

  it('leaves nothing to misread: an empty or unreadable value', () => {
    expect(en.weekdayDate(null)).toBe('—')
    expect(en.weekdayDate('')).toBe('—')
    expect(en.weekdayDate('not a day')).toBe('not a day')
  })

  it('puts the weekday into due dates, collect-by dates and the like', () => {
    const today = '2026-12-06'
    expect(render('courtesy', { count: 1, dueOn: '2026-12-08' }, 'en', today)).toContain(
      '1 item is due Tuesday, December 8.',
    )
    expect(render('courtesy', { count: 3, dueOn: '2026-12-08' }, 'es', today)).toContain(
      '3 materiales vencen el martes 8 de diciembre.',
    )
    expect(
      render(
        'hold_ready',
        { branch: 'east', expiresOn: '2026-12-11', pickupCode: 'X' },
        'en',
        today,
      ),
    ).toContain('You can pick it up until Friday, December 11.')
    expect(
      render(
        'hold_ready',
        { branch: 'east', expiresOn: '2026-12-11', pickupCode: 'X' },
        'es',
        today,
      ),
    ).toContain('Puede recogerlo hasta el viernes 11 de diciembre.')
    expect(render('overdue_first', { count: 2, dueOn: '2026-12-01' }, 'en', today)).toContain(
      '2 items were due Tuesday, December 1 and are now overdue.',
    )
    expect(render('card_expiring', { expiresOn: '2027-01-05' }, 'en', today)).toContain(
      'Your library card expires on Tuesday, January 5.',
    )
    expect(render('erasure_warning', { erasureOn: '2027-01-05' }, 'es', today)).toContain(
      'antes del martes 5 de enero',
    )
  })
})
