import type { ComponentChildren, VNode } from 'preact'
import { Page, type Chrome } from '../layout.js'
import { Csrf, SelectField, type FieldProps, type Option } from '../ui.js'

export const SEARCH_BY: Option[] = [
  { value: 'surname', label: 'Surname' },
  { value: 'surnamePrefix', label: 'Surname starts with' },
  { value: 'email', label: 'Email address' },
  { value: 'phone', label: 'Phone number' },
  { value: 'licenceNumber', label: "Driver's license number" },
]

/**
 * The desk's shortcut keys, as HTML access keys: no script, and the browser supplies the
 * modifier (Alt in Chrome and Edge, Alt+Shift in Firefox, Control+Option on a Mac).
 */
export const SHORTCUT_KEYS = { checkout: 'o', checkin: 'i', search: 'p' } as const
export type Shortcut = keyof typeof SHORTCUT_KEYS

const SHORTCUT_WORDS: Record<Shortcut, string> = {
  checkout: 'check out',
  checkin: 'check in',
  search: 'find a patron',
}

/** The visible legend of the access keys a page offers (only those it really has). */
export function ShortcutLegend({ keys }: { keys: Shortcut[] }): VNode {
  return (
    <p class="small shortcuts no-print" id="shortcut-keys">
      {'Shortcut keys, with Alt (Alt+Shift in Firefox, Control+Option on a Mac): '}
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && ' · '}
          <kbd>{SHORTCUT_KEYS[k].toUpperCase()}</kbd> {SHORTCUT_WORDS[k]}
        </span>
      ))}
    </p>
  )
}

/** A scan field: the shared field's markup, plus the access key the shared one does not take. */
export function ScanField(
  p: Pick<FieldProps, 'name' | 'label' | 'autofocus' | 'inputMode' | 'maxLength' | 'id'> & {
    shortcut?: Shortcut
    required?: boolean
  },
): VNode {
  const id = p.id ?? `f-${p.name}`
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type="text"
        value=""
        required={p.required ?? true}
        autocomplete="off"
        autofocus={p.autofocus}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        accessKey={p.shortcut === undefined ? undefined : SHORTCUT_KEYS[p.shortcut]}
      />
    </div>
  )
}

/** Scanner-first: the card field has the cursor, and a scanner's Enter submits it. */
export function DeskPage(p: {
  chrome: Chrome
  csrf: string
  branches: Option[]
  branch: string
  searchBy: Option[]
  /** The search field has the cursor instead (the "find a patron" key from another page). */
  focusSearch?: boolean
  /** Reminders for this role (the policy's review date passed). */
  reminders?: ComponentChildren
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Circulation desk</h1>
      {p.reminders}
      <ShortcutLegend keys={['checkout', 'checkin', 'search']} />
      <form method="post" action="/staff/lookup" class="scan">
        <Csrf token={p.csrf} />
        <ScanField
          name="barcode"
          label="Scan or type a library card"
          autofocus={p.focusSearch !== true}
          inputMode="numeric"
          maxLength={32}
          shortcut="checkout"
        />
        <button type="submit">Open the patron</button>
      </form>
      <p class="actions">
        <a class="button secondary" href="/staff/checkin" accessKey={SHORTCUT_KEYS.checkin}>
          Check items in
        </a>
        <a class="button secondary" href="/staff/holds">
          Hold shelf
        </a>
        <a class="button secondary" href="/staff/patrons/new">
          Register a patron
        </a>
      </p>
      <h2 id="find-patron">Find a patron without their card</h2>
      <form method="post" action="/staff/patrons/search" class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <SelectField name="by" label="Search by" options={p.searchBy} value="surname" />
          <div class="field">
            <label for="f-value">Search for</label>
            <input
              id="f-value"
              name="value"
              type="text"
              value=""
              required
              autocomplete="off"
              autofocus={p.focusSearch === true}
              maxLength={254}
              accessKey={SHORTCUT_KEYS.search}
            />
          </div>
        </div>
        <button type="submit">Find</button>
        <p class="small">Every patron a search finds is recorded in the audit log.</p>
      </form>
      <h2>Where you are working</h2>
      <form method="post" action="/staff/branch" class="card">
        <Csrf token={p.csrf} />
        <SelectField name="branch" label="Branch" options={p.branches} value={p.branch} />
        <button type="submit" class="button secondary">
          Change branch
        </button>
      </form>
    </Page>
  )
}
