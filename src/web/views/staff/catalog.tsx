import type { VNode } from 'preact'
import type { ItemRow, RecordSummary } from '../../../catalog/catalog.service.js'
import { MATERIAL_TYPES } from '../../../catalog/catalog.schemas.js'
import { humanise, money } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, type Option } from '../ui.js'
import { ItemStripFields, type TypeStrip } from './item-strip-fields.js'

const MATERIALS: Option[] = MATERIAL_TYPES.map((m) => ({ value: m, label: humanise(m) }))

export function CatalogPage(p: {
  chrome: Chrome
  csrf: string
  q: string | undefined
  results: RecordSummary[] | undefined
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Catalogue</h1>
      <div class="grid-2">
        <form method="get" action="/staff/catalog" role="search" aria-label="Titles" class="card">
          <Field
            name="q"
            label="Find a title (words from the title or author, or an ISBN)"
            type="search"
            value={p.q}
            maxLength={200}
          />
          <button type="submit">Find titles</button>
        </form>
        <form method="get" action="/staff/items" class="card">
          <Field
            name="barcode"
            label="Open a copy by its barcode"
            autocomplete="off"
            maxLength={32}
          />
          <button type="submit">Open copy</button>
        </form>
      </div>
      {p.results !== undefined &&
        (p.results.length === 0 ? (
          <Empty>No titles found.</Empty>
        ) : (
          <ul class="results">
            {p.results.map((r) => (
              <li key={r.id}>
                <h2>
                  <a href={`/staff/records/${r.id}`}>{r.title}</a>
                </h2>
                <p class="small">
                  {[r.author, r.year, r.isbn].filter((v) => v !== null).join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        ))}
      <form method="post" action="/staff/records" class="card">
        <Csrf token={p.csrf} />
        <h2>Add a title</h2>
        <div class="grid-2">
          <Field name="title" label="Title" required maxLength={500} />
          <Field name="author" label="Author" maxLength={300} />
          <Field name="isbn" label="ISBN" inputMode="numeric" maxLength={20} />
          <Field name="year" label="Year" inputMode="numeric" maxLength={4} />
          <SelectField name="materialType" label="Kind" options={MATERIALS} value="book" />
        </div>
        <button type="submit">Add title</button>
      </form>
    </Page>
  )
}

export interface ItemFormOptions {
  branches: Option[]
  itemTypes: Option[]
}

/** A code's name among the options (the code itself when the library gave it none). */
const nameIn = (options: Option[], code: string): string =>
  options.find((o) => o.value === code)?.label ?? code

export function RecordPage(p: {
  chrome: Chrome
  csrf: string
  record: RecordSummary & { items: Omit<ItemRow, 'created_at' | 'updated_at'>[] }
  options: ItemFormOptions
  branch: string
}): VNode {
  const r = p.record
  return (
    <Page chrome={p.chrome}>
      <h1>{r.title}</h1>
      <p class="lead">{[r.author, r.year, r.isbn].filter((v) => v !== null).join(' · ')}</p>
      <h2>Copies</h2>
      {r.items.length === 0 ? (
        <Empty>No copies yet.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Barcode</th>
              <th scope="col">Branch</th>
              <th scope="col">Type</th>
              <th scope="col">Call number</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Replacement
              </th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr key={i.id}>
                <td data-label="Barcode">
                  <a href={`/staff/items/${encodeURIComponent(i.barcode)}`}>{i.barcode}</a>
                </td>
                <td data-label="Branch">{nameIn(p.options.branches, i.branch)}</td>
                <td data-label="Type">{nameIn(p.options.itemTypes, i.item_type)}</td>
                <td data-label="Call number">{i.call_number ?? '—'}</td>
                <td data-label="Status">
                  {humanise(i.status)}
                  {i.transit_to !== null && ` to ${nameIn(p.options.branches, i.transit_to)}`}
                </td>
                <td data-label="Replacement" class="num">
                  {money(i.replacement_price_cents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`/staff/records/${r.id}/items`} class="card">
        <Csrf token={p.csrf} />
        <h2>Add a copy</h2>
        <div class="grid-2">
          <Field
            name="barcode"
            label="Barcode"
            hint="Scan the new label."
            autocomplete="off"
            required
            maxLength={32}
          />
          <Field name="callNumber" label="Call number" maxLength={100} />
          <SelectField name="branch" label="Branch" options={p.options.branches} value={p.branch} />
          <SelectField name="itemType" label="Item type" options={p.options.itemTypes} />
          <Field
            name="price"
            label="Replacement price"
            hint="For example 24.99"
            inputMode="decimal"
            required
            maxLength={12}
          />
        </div>
        <button type="submit">Add copy</button>
      </form>
    </Page>
  )
}

const STATUSES: Option[] = ['available', 'not_for_loan', 'withdrawn', 'lost'].map((s) => ({
  value: s,
  label: humanise(s),
}))

export function ItemPage(p: {
  chrome: Chrome
  csrf: string
  item: ItemRow
  title: string
  options: ItemFormOptions
  /** What the copy's item type says about its security strip. */
  typeStrip: TypeStrip | undefined
}): VNode {
  const i = p.item
  const settable = STATUSES.some((s) => s.value === i.status)
  return (
    <Page chrome={p.chrome}>
      <h1>{`Copy ${i.barcode}`}</h1>
      <p class="lead">
        <a href={`/staff/records/${i.record_id}`}>{p.title}</a>
      </p>
      <p>{`Status: ${humanise(i.status)}`}</p>
      <form method="post" action={`/staff/items/${encodeURIComponent(i.barcode)}`} class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <Field
            name="callNumber"
            label="Call number"
            value={i.call_number ?? ''}
            maxLength={100}
          />
          <SelectField name="branch" label="Branch" options={p.options.branches} value={i.branch} />
          <SelectField
            name="itemType"
            label="Item type"
            options={p.options.itemTypes}
            value={i.item_type}
          />
          <Field
            name="price"
            label="Replacement price"
            value={money(i.replacement_price_cents).replace('$', '')}
            inputMode="decimal"
            required
            maxLength={12}
          />
          {settable ? (
            <SelectField name="status" label="Status" options={STATUSES} value={i.status} />
          ) : (
            <p class="small">The status changes when the copy is checked in.</p>
          )}
          <ItemStripFields item={i} type={p.typeStrip} />
        </div>
        <button type="submit">Save copy</button>
      </form>
    </Page>
  )
}
