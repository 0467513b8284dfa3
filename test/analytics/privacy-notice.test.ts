// P2 for the website: the generated privacy notice has a part for the website statistics, says
// how long single page views stay (the configured number of days) and that counts remain, and
// its browsing paragraph says what is recorded, in English and Spanish.
import { expect, it, describe } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { translator } from '../../src/i18n/i18n.js'
import { howLongText, privacyNotice } from '../../src/policy/privacy-notice.js'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { BrowsingSection } from '../../src/web/views/public/privacy-browsing.js'

const config = (statistics: Record<string, unknown> = {}) =>
  loadConfig({ env: {}, overrides: { statistics } })

describe('privacy notice: website statistics', () => {
  it('lists single page views and daily counts in a part of their own', () => {
    const website = privacyNotice(config()).find((s) => s.id === 'website')
    expect(website?.items.map((i) => [i.what, i.rules])).toEqual([
      ['website page view', ['website-views']],
      ['website statistics', ['website-statistics']],
    ])
    expect(website?.items[0]?.columns.map((c) => c.column)).toContain('address')
  })

  it('says how many days page views stay, as configured', () => {
    for (const locale of ['en', 'es'] as const) {
      const t = translator(locale)
      expect(howLongText(t, config({ rawDays: 14 }), 'website-views')).toMatch(
        /^14 (days|días)[,;] (then deleted|después se borra)\. [^.]+\.$/,
      )
      expect(t('notice.browsing.statistics', { days: 14 })).toContain('14')
      expect(t('notice.browsing.optOut')).toMatch(/Global Privacy Control/)
    }
  })
})

describe('privacy notice: browsing, as the settings stand', () => {
  const text = (locale: 'en' | 'es', statistics: Record<string, unknown>) =>
    renderToString(h(BrowsingSection, { t: translator(locale), config: config(statistics) }))

  it('names the kept query items and the signals honoured, in both languages', () => {
    for (const locale of ['en', 'es'] as const) {
      const t = translator(locale)
      const plain = text(locale, {})
      expect(plain).toContain(t('notice.browsing.optOut'))
      expect(plain).not.toContain(t('notice.browsing.keptQuery', { names: 'q' }))
      expect(text(locale, { queryAllowList: ['q', 'page'] })).toContain(
        t('notice.browsing.keptQuery', { names: 'q, page' }),
      )
      expect(text(locale, { honourDnt: false })).toContain(t('notice.browsing.optOutGpc'))
      expect(text(locale, { honourGpc: false })).toContain(t('notice.browsing.optOutDnt'))
      const neither = text(locale, { honourGpc: false, honourDnt: false })
      expect(neither).toContain(t('notice.browsing.optOutNone'))
      expect(neither).not.toContain(t('notice.browsing.optOut'))
      const off = text(locale, { enabled: false })
      expect(off).not.toContain(t('notice.browsing.neverCounted'))
      expect(off).toContain(t('notice.browsing.text'))
    }
  })
})
