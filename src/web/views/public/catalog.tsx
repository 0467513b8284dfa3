import type { VNode } from 'preact'
import type { RecordSummary } from '../../../catalog/catalog.service.js'
import { humanise } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, Field } from '../ui.js'

export interface SearchTerms {
  q?: string | undefined
  title?: string | undefined
  author?: string | undefined
  isbn?: string | undefined
}

export type BranchNames = Record<string, string>

export function SearchForm({
  terms,
  autofocus,
}: {
  terms: SearchTerms
  autofocus?: boolean
}): VNode {
  const advanced =
    terms.title !== undefined || terms.author !== undefined || terms.isbn !== undefined
  return (
    <form method="get" action="/search" role="search" aria-label="Catalogue">
      <div class="search-form">
        <Field
          name="q"
          label="Search by title, author or keyword"
          type="search"
          value={terms.q}
          autofocus={autofocus}
          maxLength={200}
        />
        <button type="submit">Search</button>
      </div>
      <details open={advanced}>
        <summary>Search by title, author or ISBN separately</summary>
        <div class="grid-2">
          <Field name="title" label="Title" value={terms.title} maxLength={200} />
          <Field name="author" label="Author" value={terms.author} maxLength={200} />
          <Field name="isbn" label="ISBN" value={terms.isbn} inputMode="numeric" maxLength={20} />
        </div>
        <button type="submit" class="button secondary">
          Search
        </button>
      </details>
    </form>
  )
}

function Availability({
  record,
  branches,
}: {
  record: RecordSummary
  branches: BranchNames
}): VNode {
  if (record.availability.length === 0) return <p class="small">No copies to lend at present.</p>
  return (
    <ul class="small">
      {record.availability.map((a) => (
        <li key={a.branch}>
          {`${branches[a.branch] ?? a.branch}: `}
          <strong>{a.available > 0 ? `${a.available} available` : 'all copies in use'}</strong>
          {` (${a.total} ${a.total === 1 ? 'copy' : 'copies'})`}
        </li>
      ))}
    </ul>
  )
}

export interface SearchPageProps {
  chrome: Chrome
  terms: SearchTerms
  branches: BranchNames
  outcome?: { total: number; results: RecordSummary[]; offset: number; pageSize: number }
  problem?: string
  nextHref?: string
  previousHref?: string
}

export function SearchPage(p: SearchPageProps): VNode {
  const o = p.outcome
  return (
    <Page chrome={p.chrome}>
      <h1>Search the catalogue</h1>
      <SearchForm terms={p.terms} autofocus={o === undefined} />
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}
      {o !== undefined && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {o.total === 0
              ? 'No titles found'
              : `${o.total} ${o.total === 1 ? 'title' : 'titles'} found` +
                (o.total > o.pageSize
                  ? `, showing ${o.offset + 1}–${o.offset + o.results.length}`
                  : '')}
          </h2>
          {o.total === 0 && <Empty>Try fewer words, or check the spelling.</Empty>}
          <ul class="results">
            {o.results.map((r) => (
              <li key={r.id}>
                <h3>
                  <a href={`/records/${r.id}`}>{r.title}</a>
                </h3>
                <p class="small">
                  {[r.author, r.year, humanise(r.materialType)]
                    .filter((v) => v !== null)
                    .join(' · ')}
                </p>
                <Availability record={r} branches={p.branches} />
              </li>
            ))}
          </ul>
          <nav aria-label="Result pages" class="actions">
            {p.previousHref !== undefined && <a href={p.previousHref}>Previous page</a>}
            {p.nextHref !== undefined && <a href={p.nextHref}>Next page</a>}
          </nav>
        </section>
      )}
    </Page>
  )
}

const ITEM_STATUS: Record<string, string> = {
  available: 'On the shelf',
  on_loan: 'Checked out',
  on_hold_shelf: 'Waiting for someone who placed a hold',
  in_transit: 'Travelling between branches',
  not_for_loan: 'Library use only',
  lost: 'Missing',
  withdrawn: 'Withdrawn',
}

export interface RecordPageProps {
  chrome: Chrome
  record: RecordSummary & {
    items: { id: string; branch: string; call_number: string | null; status: string }[]
  }
  branches: BranchNames
}

export function RecordPage({ chrome, record, branches }: RecordPageProps): VNode {
  const copies = record.items.filter((i) => i.status !== 'withdrawn')
  return (
    <Page chrome={chrome}>
      <h1>{record.title}</h1>
      <p class="lead">{record.author ?? 'Author unknown'}</p>
      <dl class="summary">
        <div>
          <dt>Kind</dt>
          <dd>{humanise(record.materialType)}</dd>
        </div>
        {record.year !== null && (
          <div>
            <dt>Year</dt>
            <dd>{record.year}</dd>
          </div>
        )}
        {record.isbn !== null && (
          <div>
            <dt>ISBN</dt>
            <dd>{record.isbn}</dd>
          </div>
        )}
      </dl>
      <h2>Where to find it</h2>
      {copies.length === 0 ? (
        <Empty>The library has no copies of this title at present.</Empty>
      ) : (
        <table>
          <caption>Copies by branch</caption>
          <thead>
            <tr>
              <th scope="col">Branch</th>
              <th scope="col">Call number</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {copies.map((i) => (
              <tr key={i.id}>
                <td data-label="Branch">{branches[i.branch] ?? i.branch}</td>
                <td data-label="Call number">{i.call_number ?? '—'}</td>
                <td data-label="Status">{ITEM_STATUS[i.status] ?? humanise(i.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Borrow it</h2>
      <p>
        Place a hold and we will keep the next copy for you at the branch you choose. You will be
        asked to sign in with your library card.
      </p>
      <p>
        <a class="button" href={`/account/holds/new?record=${encodeURIComponent(record.id)}`}>
          Place a hold
        </a>
      </p>
    </Page>
  )
}
