import type { VNode } from 'preact'
import type { RecordSummary } from '../../../catalog/catalog.service.js'
import { MATERIAL_TYPES } from '../../../catalog/catalog.schemas.js'
import type { ItemStatus } from '../../../catalog/catalog.tables.js'
import { useI18n, type I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, Field } from '../ui.js'

export interface SearchTerms {
  q?: string | undefined
  title?: string | undefined
  author?: string | undefined
  isbn?: string | undefined
}

export type BranchNames = Record<string, string>

type MaterialType = (typeof MATERIAL_TYPES)[number]
const isMaterial = (code: string): code is MaterialType =>
  (MATERIAL_TYPES as readonly string[]).includes(code)

/** A title's kind of material in words; a code the catalog does not know is shown as "other". */
export const materialName = ({ t }: I18n, code: string): string =>
  t(`public.material.${isMaterial(code) ? code : 'other'}`)

const ITEM_STATUSES: readonly ItemStatus[] = [
  'available',
  'on_loan',
  'on_hold_shelf',
  'in_transit',
  'not_for_loan',
  'lost',
  'withdrawn',
]
const isItemStatus = (code: string): code is ItemStatus =>
  (ITEM_STATUSES as readonly string[]).includes(code)

export function SearchForm({
  terms,
  autofocus,
}: {
  terms: SearchTerms
  autofocus?: boolean
}): VNode {
  const { t, link } = useI18n()
  const advanced =
    terms.title !== undefined || terms.author !== undefined || terms.isbn !== undefined
  return (
    <form
      method="get"
      action={link('/search')}
      role="search"
      aria-label={t('public.search.formLabel')}
    >
      <div class="search-form">
        <Field
          name="q"
          label={t('public.search.words')}
          hint={t('public.search.wordsHint')}
          type="search"
          value={terms.q}
          autofocus={autofocus}
          maxLength={200}
        />
        <button type="submit">{t('public.search.submit')}</button>
      </div>
      <details open={advanced}>
        <summary>{t('public.search.separately')}</summary>
        <div class="grid-2">
          <Field
            name="title"
            label={t('public.search.title')}
            value={terms.title}
            maxLength={200}
          />
          <Field
            name="author"
            label={t('public.search.author')}
            value={terms.author}
            maxLength={200}
          />
          <Field
            name="isbn"
            label={t('public.search.isbn')}
            value={terms.isbn}
            inputMode="numeric"
            maxLength={20}
          />
        </div>
        <button type="submit" class="button secondary">
          {t('public.search.submit')}
        </button>
      </details>
    </form>
  )
}

/** A title's copies, grouped by branch: how many, and how many are on the shelf now. */
export function Availability({
  record,
  branches,
}: {
  record: RecordSummary
  branches: BranchNames
}): VNode {
  const { t } = useI18n()
  if (record.availability.length === 0)
    return <p class="small">{t('public.search.availability.noCopies')}</p>
  return (
    <ul class="small">
      {record.availability.map((a) => (
        <li key={a.branch}>
          {`${branches[a.branch] ?? a.branch}: `}
          <strong>
            {a.available > 0
              ? t('public.search.availability.available', { count: a.available })
              : t('public.search.availability.allInUse')}
          </strong>
          {` (${t('public.search.availability.copies', { count: a.total })})`}
        </li>
      ))}
    </ul>
  )
}

export interface RecordPageProps {
  chrome: Chrome
  record: RecordSummary & {
    items: { id: string; branch: string; call_number: string | null; status: string }[]
  }
  branches: BranchNames
}

export function RecordPage({ chrome, record, branches }: RecordPageProps): VNode {
  const { t, link } = chrome.i18n
  const copies = record.items.filter((i) => i.status !== 'withdrawn')
  const status = (code: string) => (isItemStatus(code) ? t(`public.record.status.${code}`) : code)
  return (
    <Page chrome={chrome}>
      <h1>{record.title}</h1>
      <p class="lead">{record.author ?? t('public.record.authorUnknown')}</p>
      <dl class="summary">
        <div>
          <dt>{t('public.record.format')}</dt>
          <dd>{materialName(chrome.i18n, record.materialType)}</dd>
        </div>
        {record.year !== null && (
          <div>
            <dt>{t('public.record.year')}</dt>
            <dd>{record.year}</dd>
          </div>
        )}
        {record.isbn !== null && (
          <div>
            <dt>{t('public.record.isbn')}</dt>
            <dd>{record.isbn}</dd>
          </div>
        )}
      </dl>
      <h2>{t('public.record.whereHeading')}</h2>
      {copies.length === 0 ? (
        <Empty>{t('public.record.noCopies')}</Empty>
      ) : (
        <table>
          <caption>{t('public.record.copiesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('public.record.columns.branch')}</th>
              <th scope="col">{t('public.record.columns.callNumber')}</th>
              <th scope="col">{t('public.record.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {copies.map((i) => (
              <tr key={i.id}>
                <td data-label={t('public.record.columns.branch')}>
                  {branches[i.branch] ?? i.branch}
                </td>
                <td data-label={t('public.record.columns.callNumber')}>{i.call_number ?? '—'}</td>
                <td data-label={t('public.record.columns.status')}>{status(i.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('public.record.borrowHeading')}</h2>
      <p>{t('public.record.borrowText')}</p>
      <p>
        <a class="button" href={link(`/account/holds/new?record=${encodeURIComponent(record.id)}`)}>
          {t('public.record.placeHold')}
        </a>
      </p>
    </Page>
  )
}
