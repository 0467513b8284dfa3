import type { VNode } from 'preact'
import type { FieldProps, Option } from '../ui.js'

/** The visible mark on a required field's label; screen readers hear "required" from the input. */
export const RequiredMark = (): VNode => (
  <span class="required-mark" aria-hidden="true">
    {' *'}
  </span>
)

const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined

/**
 * A required field's name is the words alone (the input points at them with aria-labelledby),
 * so the mark never becomes part of what the field is called.
 */
function Label(p: { id: string; label: string; required: boolean }): VNode {
  return p.required ? (
    <label for={p.id}>
      <span id={`${p.id}-label`}>{p.label}</span>
      <RequiredMark />
    </label>
  ) : (
    <label for={p.id}>{p.label}</label>
  )
}

const labelledBy = (id: string, required: boolean) => (required ? `${id}-label` : undefined)

function HintAndError(p: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-text" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
    </>
  )
}

/**
 * A registration input: a required one is marked on its label and carries `required` and
 * `aria-required`; its hint and error are tied to it by `aria-describedby`.
 */
export function RegistrationField(p: FieldProps): VNode {
  const id = p.id ?? `f-${p.name}`
  const required = p.required === true
  // Preact types each input type separately; one component serves them all, so the attributes
  // are assembled here and spread.
  const attributes: object = {
    id,
    name: p.name,
    type: p.type ?? 'text',
    value: p.value ?? '',
    required,
    'aria-required': required ? 'true' : undefined,
    'aria-labelledby': labelledBy(id, required),
    autocomplete: p.autocomplete,
    inputMode: p.inputMode,
    maxLength: p.maxLength,
    'aria-invalid': p.error ? 'true' : undefined,
    'aria-describedby': describedBy(id, p.hint, p.error),
  }
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <Label id={id} label={p.label} required={required} />
      <HintAndError id={id} hint={p.hint} error={p.error} />
      <input {...attributes} />
    </div>
  )
}

export function RegistrationSelect(p: {
  name: string
  label: string
  options: Option[]
  value?: string | undefined
  error?: string | undefined
  required?: boolean
}): VNode {
  const id = `f-${p.name}`
  const required = p.required === true
  return (
    <div class={`field${p.error ? ' has-error' : ''}`}>
      <Label id={id} label={p.label} required={required} />
      <HintAndError id={id} error={p.error} />
      <select
        id={id}
        name={p.name}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-labelledby={labelledBy(id, required)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(id, undefined, p.error)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * What to fix, at the top of a refused form. It takes the focus when the page loads (`autofocus`
 * on an element made focusable with `tabindex="-1"`: no script needed), so a screen reader reads
 * it first and a keyboard user starts from it; each problem links to its field.
 */
export function RegistrationErrorSummary(p: {
  message: string
  /** What is wrong, by field name. */
  errors: Record<string, string>
  labels: Record<string, string>
  /** The id of the input a field name's link goes to; undefined when the page has no such input. */
  target: (field: string) => string | undefined
}): VNode {
  const items = Object.entries(p.errors).filter(([field]) => p.labels[field] !== undefined)
  return (
    <div
      id="error-summary"
      class="flash flash-error error-summary"
      role="alert"
      tabindex={-1}
      autofocus
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{p.message}</h2>
      {items.length > 0 && (
        <ul>
          {items.map(([field, text]) => {
            const line = `${p.labels[field] ?? ''}: ${text}`
            const target = p.target(field)
            return (
              <li key={field}>{target === undefined ? line : <a href={`#${target}`}>{line}</a>}</li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
