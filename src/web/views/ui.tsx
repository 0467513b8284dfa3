import type { ComponentChildren, VNode } from 'preact'
import type { Flash } from '../sessions.js'

export function FlashMessage({ flash }: { flash: Flash }): VNode {
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <p>{flash.text}</p>
    </div>
  )
}

/** The hidden token every signed-in form carries. */
export const Csrf = ({ token }: { token: string }): VNode => (
  <input type="hidden" name="_csrf" value={token} />
)

export interface FieldProps {
  name: string
  label: string
  value?: string | undefined
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'search' | 'number'
  hint?: string
  error?: string | undefined
  required?: boolean
  autocomplete?: string
  autofocus?: boolean
  inputMode?: 'numeric' | 'text' | 'decimal' | 'email' | 'tel'
  /** A different id when one page has two fields of the same name. */
  id?: string
  class?: string
  maxLength?: number
  /** What the browser checks before sending (the server checks again). */
  pattern?: string
}

// Preact types each input type separately; one component serves them all, so the attributes
// are assembled here and spread.
function inputAttributes(p: FieldProps, id: string, described: string): object {
  return {
    id,
    name: p.name,
    type: p.type ?? 'text',
    value: p.value ?? '',
    required: p.required,
    autocomplete: p.autocomplete,
    autofocus: p.autofocus,
    inputMode: p.inputMode,
    maxLength: p.maxLength,
    pattern: p.pattern,
    'aria-invalid': p.error ? 'true' : undefined,
    'aria-describedby': described || undefined,
  }
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field(p: FieldProps): VNode {
  const id = p.id ?? `f-${p.name}`
  const described = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class={`field${p.error ? ' has-error' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-text" id={`${id}-error`}>
          {p.error}
        </p>
      )}
      <input {...inputAttributes(p, id, described)} />
    </div>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField(p: {
  name: string
  label: string
  options: Option[]
  value?: string | undefined
  error?: string | undefined
  id?: string
  hint?: string
}): VNode {
  const id = p.id ?? `f-${p.name}`
  const described = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-text" id={`${id}-error`}>
          {p.error}
        </p>
      )}
      <select id={id} name={p.name} aria-describedby={described || undefined}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function Checkbox(p: {
  name: string
  label: string
  checked: boolean
  hint?: string
  id?: string
}): VNode {
  const id = p.id ?? `f-${p.name}`
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value="on"
        checked={p.checked}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
    </div>
  )
}

/** A one-button form: the way to act on a row without script. */
export function PostButton(p: {
  action: string
  csrf: string
  label: string
  /** The same action in words that make sense out of context (one button per row). */
  accessibleLabel?: string
  fields?: Record<string, string>
  variant?: 'primary' | 'secondary' | 'danger'
}): VNode {
  return (
    <form method="post" action={p.action} class="inline">
      <Csrf token={p.csrf} />
      {Object.entries(p.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={`button ${p.variant ?? 'secondary'}`}
        aria-label={p.accessibleLabel}
      >
        {p.label}
      </button>
    </form>
  )
}

/** A list of what to fix, at the top of a refused form, each linking to its field. */
export function ErrorSummary({
  message,
  errors,
  labels,
}: {
  message: string
  errors: Record<string, string>
  labels: Record<string, string>
}): VNode {
  const named = Object.entries(errors).filter(([f]) => labels[f] !== undefined)
  return (
    <div class="flash flash-error" role="alert">
      <p>{message}</p>
      {named.length > 0 && (
        <ul>
          {named.map(([field, text]) => (
            <li key={field}>
              <a href={`#f-${field}`}>{`${labels[field] ?? field}: ${text}`}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const Empty = ({ children }: { children: ComponentChildren }): VNode => (
  <p class="empty">{children}</p>
)

export function Summary({ items }: { items: [string, ComponentChildren][] }): VNode {
  return (
    <dl class="summary">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
