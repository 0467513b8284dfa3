import type { VNode } from 'preact'
import type { TFunction } from 'i18next'
import { Field } from '../ui.js'
import { PublicFormGuard } from './form-guard.js'
import { TextArea } from '../form-fields.js'

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

/** How to reach a sender: the same labelled fields, with their autocomplete hints, on both forms. */
const CONTACT = {
  email: { type: 'email', autocomplete: 'email', inputMode: 'email', maxLength: 254 },
  address: { autocomplete: 'street-address', maxLength: 300 },
  phone: { type: 'tel', autocomplete: 'tel', inputMode: 'tel', maxLength: 25 },
} as const

export function ContactField(p: {
  kind: keyof typeof CONTACT
  t: TFunction
  value: string | undefined
  error: string | undefined
}): VNode {
  return (
    <Field
      name={p.kind}
      label={p.t(`records.fields.${p.kind}`)}
      value={p.value}
      error={p.error}
      {...CONTACT[p.kind]}
    />
  )
}

export { PublicFormGuard, TextArea }
