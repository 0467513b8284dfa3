import type { VNode } from 'preact'
import type { TransparencyRow } from '../../../privacy/legal/legal-requests.service.js'
import type { RecordsRequestCounts } from '../../../records/records-counts.js'
import { RecordsRequestCountsTable } from './transparency-records.js'
import { Page, type Chrome } from '../layout.js'

const KINDS = ['court_order', 'emergency', 'other'] as const
type Kind = (typeof KINDS)[number]
const isKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind)

/** P8: how often anyone asked for patron records, and how often the library released them — counts only. */
export function TransparencyPage({
  chrome,
  rows,
  recordsRequests = [],
}: {
  chrome: Chrome
  rows: TransparencyRow[]
  recordsRequests?: RecordsRequestCounts[]
}): VNode {
  const { t } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('public.transparency.heading')}</h1>
      <div class="measure">
        <p>{t('public.transparency.intro')}</p>
      </div>
      {rows.length === 0 ? (
        <p>{t('public.transparency.none')}</p>
      ) : (
        <table>
          <caption>{t('public.transparency.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('public.transparency.columns.year')}</th>
              <th scope="col">{t('public.transparency.columns.kind')}</th>
              <th scope="col">{t('public.transparency.columns.received')}</th>
              <th scope="col">{t('public.transparency.columns.released')}</th>
              <th scope="col">{t('public.transparency.columns.refused')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.year}/${r.kind}`}>
                <th scope="row">{r.year}</th>
                <td>{t(`public.transparency.kinds.${isKind(r.kind) ? r.kind : 'other'}`)}</td>
                <td>{r.received}</td>
                <td>{r.released}</td>
                <td>{r.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RecordsRequestCountsTable t={t} rows={recordsRequests} />
    </Page>
  )
}
