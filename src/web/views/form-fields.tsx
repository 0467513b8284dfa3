import type { VNode } from 'preact'

/** A labelled text area with its hint and error tied to it for screen readers. */
export function TextArea(p: {
  name: string
  label: string
  value?: string | undefined
  hint?: string
  error?: string | undefined
  required?: boolean
  maxLength: number
  rows?: number
}): VNode {
  const id = `f-${p.name}`
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
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 6}
        required={p.required}
        maxLength={p.maxLength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        value={p.value ?? ''}
      />
    </div>
  )
}

/** One choice among a few, as radio buttons in a fieldset whose legend asks the question. */
export function RadioGroup(p: {
  name: string
  legend: string
  options: { value: string; label: string }[]
  value: string
}): VNode {
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      {p.options.map((o) => (
        <div class="check" key={o.value}>
          <input
            type="radio"
            id={`f-${p.name}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={o.value === p.value}
          />
          <label for={`f-${p.name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}
