import type { VNode } from 'preact'
import type { RecordSummary } from '../../../catalog/catalog.service.js'
import { CATALOG_SORTS } from '../../../catalog/catalog.schemas.js'
import type { CatalogFacets, CatalogSort, FacetCount } from '../../../catalog/search.js'
import { useI18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, SelectField } from '../ui.js'
import {
  Availability,
  materialName,
  SearchForm,
  type BranchNames,
  type SearchTerms,
} from './catalog.js'

/** Everything a search page's address holds: the words, the order and the filters. */
export interface SearchState {
  terms: SearchTerms
  sort?: CatalogSort | undefined
  formats: string[]
  branches: string[]
  available: boolean
  /** The first year of a decade: 1990 for 1990–1999. */
  decade?: number | undefined
}

export const isFiltered = (s: SearchState): boolean =>
  s.formats.length > 0 || s.branches.length > 0 || s.available || s.decade !== undefined

const TERM_NAMES = ['q', 'title', 'author', 'isbn'] as const

/** The address of a search: the words, then (unless `words only`) the order and filters. */
export function searchHref(s: SearchState, offset = 0, wordsOnly = false): string {
  const p = new URLSearchParams()
  for (const name of TERM_NAMES) {
    const value = s.terms[name]
    if (value !== undefined) p.append(name, value)
  }
  if (!wordsOnly) {
    if (s.sort !== undefined) p.append('sort', s.sort)
    for (const f of s.formats) p.append('format', f)
    for (const b of s.branches) p.append('branch', b)
    if (s.available) p.append('available', '1')
    if (s.decade !== undefined) p.append('decade', String(s.decade))
  }
  if (offset > 0) p.append('offset', String(offset))
  const query = p.toString()
  return query === '' ? '/search' : `/search?${query}`
}

/** An id made of the characters any id may hold. */
const idPart = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_')

function Choice(p: {
  type: 'checkbox' | 'radio'
  name: string
  value: string
  id: string
  label: string
  checked: boolean
}): VNode {
  return (
    <div class="check">
      <input type={p.type} id={p.id} name={p.name} value={p.value} checked={p.checked} />
      <label for={p.id}>{p.label}</label>
    </div>
  )
}

/** Facet values with matches, and any value chosen that no longer has one (so it can be undone). */
function withChosen(counts: readonly FacetCount[], chosen: readonly string[]): FacetCount[] {
  const missing = chosen.filter((c) => !counts.some((f) => f.value === c))
  return [...counts, ...missing.map((value) => ({ value, count: 0 }))]
}

function Refine(p: { state: SearchState; facets: CatalogFacets; branches: BranchNames }): VNode {
  const i18n = useI18n()
  const { t, link } = i18n
  const { state, facets } = p
  const formats = withChosen(facets.formats, state.formats)
  const branches = withChosen(facets.branches, state.branches)
  const decades = withChosen(
    facets.decades.map((d) => ({ value: String(d.from), count: d.count })),
    state.decade === undefined ? [] : [String(state.decade)],
  )
  const counted = (label: string, count: number) => `${label} (${count})`
  return (
    <details class="refine" open={isFiltered(state) || state.sort !== undefined}>
      <summary>{t('public.search.refine')}</summary>
      <form method="get" action={link('/search')}>
        {TERM_NAMES.map((name) =>
          state.terms[name] === undefined ? null : (
            <input key={name} type="hidden" name={name} value={state.terms[name]} />
          ),
        )}
        <SelectField
          name="sort"
          label={t('public.search.sortBy')}
          options={CATALOG_SORTS.map((s) => ({ value: s, label: t(`public.search.sorts.${s}`) }))}
          value={state.sort ?? 'relevance'}
        />
        <div class="grid-2">
          {formats.length > 0 && (
            <fieldset>
              <legend>{t('public.search.facets.format')}</legend>
              {formats.map((f) => (
                <Choice
                  key={f.value}
                  type="checkbox"
                  name="format"
                  value={f.value}
                  id={`f-format-${idPart(f.value)}`}
                  label={counted(materialName(i18n, f.value), f.count)}
                  checked={state.formats.includes(f.value)}
                />
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>{t('public.search.facets.availability')}</legend>
            <Choice
              type="checkbox"
              name="available"
              value="1"
              id="f-available"
              label={counted(t('public.search.facets.availableNow'), facets.availableNow)}
              checked={state.available}
            />
          </fieldset>
          {branches.length > 0 && (
            <fieldset>
              <legend>{t('public.search.facets.branch')}</legend>
              {branches.map((b) => (
                <Choice
                  key={b.value}
                  type="checkbox"
                  name="branch"
                  value={b.value}
                  id={`f-branch-${idPart(b.value)}`}
                  label={counted(p.branches[b.value] ?? b.value, b.count)}
                  checked={state.branches.includes(b.value)}
                />
              ))}
            </fieldset>
          )}
          {decades.length > 0 && (
            <fieldset>
              <legend>{t('public.search.facets.year')}</legend>
              <Choice
                type="radio"
                name="decade"
                value=""
                id="f-decade-any"
                label={t('public.search.facets.anyYear')}
                checked={state.decade === undefined}
              />
              {decades.map((d) => (
                <Choice
                  key={d.value}
                  type="radio"
                  name="decade"
                  value={d.value}
                  id={`f-decade-${d.value}`}
                  label={counted(`${d.value}–${Number(d.value) + 9}`, d.count)}
                  checked={String(state.decade) === d.value}
                />
              ))}
            </fieldset>
          )}
        </div>
        <div class="actions">
          <button type="submit">{t('public.search.apply')}</button>
          {isFiltered(state) && (
            <a href={link(searchHref(state, 0, true))}>{t('public.search.clear')}</a>
          )}
        </div>
      </form>
    </details>
  )
}

export interface SearchOutcome {
  total: number
  results: RecordSummary[]
  facets?: CatalogFacets | undefined
  offset: number
  pageSize: number
}

/** "3 titles found", or which of them this page shows. */
export function resultsText(t: ReturnType<typeof useI18n>['t'], o: SearchOutcome): string {
  if (o.total === 0) return t('public.search.none')
  if (o.total <= o.pageSize) return t('public.search.found', { count: o.total })
  return t('public.search.foundShowing', {
    count: o.total,
    first: o.offset + 1,
    last: o.offset + o.results.length,
  })
}

export interface SearchPageProps {
  chrome: Chrome
  state: SearchState
  branches: BranchNames
  outcome?: SearchOutcome
  problem?: string
}

export function SearchPage(p: SearchPageProps): VNode {
  const { t, link } = p.chrome.i18n
  const o = p.outcome
  return (
    <Page chrome={p.chrome}>
      <h1>{t('public.search.heading')}</h1>
      <SearchForm terms={p.state.terms} autofocus={o === undefined} />
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}
      {o !== undefined && (
        <section aria-labelledby="results-heading">
          {/* Read out as soon as the page loads: how many titles the search found. */}
          <div role="status">
            <h2 id="results-heading">{resultsText(t, o)}</h2>
          </div>
          {o.facets !== undefined && (
            <Refine state={p.state} facets={o.facets} branches={p.branches} />
          )}
          {o.total === 0 && <Empty>{t('public.search.noneHint')}</Empty>}
          {o.results.length > 0 && (
            <ul class="results">
              {o.results.map((r) => (
                <li key={r.id}>
                  <h3>
                    <a href={link(`/records/${r.id}`)}>{r.title}</a>
                  </h3>
                  <p class="small">
                    {[r.author, r.year, materialName(p.chrome.i18n, r.materialType)]
                      .filter((v) => v !== null)
                      .join(' · ')}
                  </p>
                  <Availability record={r} branches={p.branches} />
                </li>
              ))}
            </ul>
          )}
          <nav aria-label={t('public.search.pages')} class="actions">
            {o.offset > 0 && (
              <a href={link(searchHref(p.state, Math.max(0, o.offset - o.pageSize)))}>
                {t('public.search.previous')}
              </a>
            )}
            {o.offset + o.pageSize < o.total && (
              <a href={link(searchHref(p.state, o.offset + o.pageSize))}>
                {t('public.search.next')}
              </a>
            )}
          </nav>
        </section>
      )}
    </Page>
  )
}
