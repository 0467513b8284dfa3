import type { VNode } from 'preact'
import { PublicFormGuard } from './form-guard.js'

/** A labelled text area with its hint and error tied to it, for the public-record forms. */
export function TextArea(p: {
  name: string
  label: string
  hint?: string
  error?: string | undefined
  value?: string | undefined
  maxLength: number
  required?: boolean
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
        rows={8}
        required={p.required}
        maxLength={p.maxLength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        value={p.value ?? ''}
      />
    </div>
  )
}

/** What went wrong with a public form: a general problem, or fields to fix (each linked). */
export interface FormProblem {
  text: string
  fields: Record<string, string>
}

export function ProblemBox({
  problem,
  heading,
}: {
  problem: FormProblem | undefined
  heading: string
}) {
  if (problem === undefined) return null
  const fields = Object.entries(problem.fields)
  return (
    <div class="flash flash-error" role="alert">
      <p>{fields.length > 0 ? heading : problem.text}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, text]) => (
            <li key={field}>
              <a href={`#f-${field}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export { PublicFormGuard }
