import type { VNode } from 'preact'
import type { Config } from '../../../config/config.js'
import type { T } from '../../../i18n/i18n.js'

/**
 * What the privacy notice says about browsing, following the settings in force: whether views
 * are counted at all, which query parameters are kept, and which browser signals are honoured.
 */
export function BrowsingSection({ t, config }: { t: T; config: Config }): VNode {
  const s = config.statistics
  const optOut =
    s.honourGpc && s.honourDnt
      ? 'notice.browsing.optOut'
      : s.honourGpc
        ? 'notice.browsing.optOutGpc'
        : s.honourDnt
          ? 'notice.browsing.optOutDnt'
          : 'notice.browsing.optOutNone'
  return (
    <>
      <h2>{t('notice.browsing.heading')}</h2>
      <p class="measure">{t('notice.browsing.text')}</p>
      {s.enabled && (
        <>
          <p class="measure">
            {t('notice.browsing.statistics', { days: s.rawDays })}
            {s.queryAllowList.length > 0 &&
              ` ${t('notice.browsing.keptQuery', { names: s.queryAllowList.join(', ') })}`}
          </p>
          <p class="measure">
            {t(optOut)} {t('notice.browsing.neverCounted')}
          </p>
        </>
      )}
    </>
  )
}
