import type { VNode } from 'preact'
import { Page, type Chrome } from './layout.js'
import { Field, SelectField, type Option } from './ui.js'

export interface PatronSignInProps {
  chrome: Chrome
  token: string
  next: string
  barcode?: string | undefined
  problem?: string | undefined
  /** Why the patron was sent here, such as a PIN they just changed. */
  notice?: string | undefined
}

/** Rendering this form sets no cookie: its token is stateless (see security.ts). */
export function PatronSignInPage(p: PatronSignInProps): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('public.signIn.heading')}</h1>
      {p.notice !== undefined && (
        <div class="flash flash-ok" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}
      {/* The address keeps a language chosen in it, so a refusal and the next page stay in it. */}
      <form method="post" action={link('/account/sign-in')} class="measure">
        <input type="hidden" name="_form" value={p.token} />
        <input type="hidden" name="next" value={p.next} />
        <Field
          name="barcode"
          label={t('public.signIn.barcode')}
          hint={t('public.signIn.barcodeHint')}
          value={p.barcode}
          autocomplete="username"
          inputMode="numeric"
          required
          autofocus={p.barcode === undefined}
          maxLength={32}
        />
        <Field
          name="pin"
          label={t('public.signIn.pin')}
          type="password"
          autocomplete="current-password"
          inputMode="numeric"
          required
          autofocus={p.barcode !== undefined}
          maxLength={32}
        />
        <button type="submit">{t('public.signIn.submit')}</button>
      </form>
      <p class="small measure">{t('public.signIn.cookie')}</p>
      <p class="small measure">{t('public.signIn.forgotPin')}</p>
    </Page>
  )
}

export interface StaffSignInProps {
  chrome: Chrome
  token: string
  branches: Option[]
  username?: string | undefined
  branch?: string | undefined
  problem?: string | undefined
}

export function StaffSignInPage(p: StaffSignInProps): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Staff sign-in</h1>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}
      <form method="post" action="/staff/sign-in" class="measure">
        <input type="hidden" name="_form" value={p.token} />
        <Field
          name="username"
          label="Username"
          value={p.username}
          autocomplete="username"
          required
          autofocus={p.username === undefined}
          maxLength={100}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          required
          autofocus={p.username !== undefined}
          maxLength={200}
        />
        <SelectField name="branch" label="Working at" options={p.branches} value={p.branch} />
        <button type="submit">Sign in</button>
      </form>
      <p class="small measure">
        Your own account only: every record you open is written to the audit log in your name.
      </p>
    </Page>
  )
}
