import type { VNode } from 'preact'
import type { T } from '../../../i18n/i18n.js'
import type { RecordsRequestCounts } from '../../../records/records-counts.js'

/** Requests for public records (Illinois FOIA) by year and outcome: counts only, never who asked. */
export function RecordsRequestCountsTable({
  t,
  rows,
}: {
  t: T
  rows: RecordsRequestCounts[]
}): VNode {
  return (
    <section aria-labelledby="records-requests-counts">
      <h2 id="records-requests-counts">{t('public.transparency.records.heading')}</h2>
      <p class="measure">{t('public.transparency.records.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('public.transparency.records.none')}</p>
      ) : (
        <table>
          <caption>{t('public.transparency.records.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('public.transparency.columns.year')}</th>
              <th scope="col">{t('public.transparency.records.received')}</th>
              <th scope="col">{t('public.transparency.records.fulfilled')}</th>
              <th scope="col">{t('public.transparency.records.partiallyDenied')}</th>
              <th scope="col">{t('public.transparency.records.denied')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td>{r.received}</td>
                <td>{r.fulfilled}</td>
                <td>{r.partiallyDenied}</td>
                <td>{r.denied}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
