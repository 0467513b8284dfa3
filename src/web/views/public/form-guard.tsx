import type { VNode } from 'preact'
import { HONEYPOT_FIELD } from '../../public-forms.js'

/**
 * The public forms' two hidden fields: the form token, and the honeypot a person never sees
 * (off-screen, out of the tab order, hidden from screen readers, never autofilled).
 */
export function PublicFormGuard({ token, label }: { token: string; label: string }): VNode {
  return (
    <>
      <input type="hidden" name="_form" value={token} />
      <div class="trap" aria-hidden="true">
        <label for={`f-${HONEYPOT_FIELD}`}>{label}</label>
        <input
          id={`f-${HONEYPOT_FIELD}`}
          type="text"
          name={HONEYPOT_FIELD}
          tabIndex={-1}
          autocomplete="off"
          value=""
        />
      </div>
    </>
  )
}
