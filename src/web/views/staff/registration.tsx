import type { VNode } from 'preact'
import type { PatronFieldSwitches } from '../../../config/config.schema.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, type FieldProps, type Option } from '../ui.js'
import {
  RegistrationErrorSummary,
  RegistrationField,
  RegistrationSelect,
} from './registration-fields.js'

export const FIELD_LABELS: Record<string, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  address: 'Address',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'Town or city',
  region: 'State',
  postcode: 'ZIP code',
  phone: 'Phone number',
  email: 'Email address',
  licenceNumber: "Driver's license number",
  sex: 'Sex',
  birthDate: 'Date of birth',
  category: 'Patron category',
  homeBranch: 'Home branch',
  expiresOn: 'Card valid until',
  card: 'Library card',
  barcode: 'Card number',
  pin: 'PIN',
}

export interface RegistrationFormProps {
  chrome: Chrome
  csrf: string
  mode: 'new' | 'edit'
  action: string
  /** What the library collects: a switched-off field gets no input at all (P1). */
  fields: PatronFieldSwitches
  /** Fields this role may not see in full: not editable here either. */
  restricted: string[]
  values: Record<string, string>
  checked: Record<string, boolean>
  categories: Option[]
  branches: Option[]
  problem?: { message: string; errors: Record<string, string> } | undefined
  /** New registrations: the policy version in force, recorded with the registration (P12). */
  policyVersion?: number | undefined
}

/** Where an error about a field (or a group of fields) sends the reader. */
const LINK_TO: Record<string, string> = { address: 'line1', card: 'barcode' }

export function RegistrationPage(p: RegistrationFormProps): VNode {
  const errors = p.problem?.errors ?? {}
  const err = (name: string) =>
    errors[name] ?? (['line1', 'city', 'postcode'].includes(name) ? errors.address : undefined)
  /** The inputs this page has: switched-off fields and fields the role may not see have none. */
  const present = (name: string): boolean => {
    if (p.restricted.includes(name)) return false
    if (name === 'phone' || name === 'licenceNumber' || name === 'birthDate' || name === 'sex')
      return p.fields[name]
    if (name === 'barcode' || name === 'pin') return p.mode === 'new'
    return FIELD_LABELS[name] !== undefined && name !== 'address' && name !== 'card'
  }
  const target = (field: string) => {
    const name = LINK_TO[field] ?? field
    return present(name) ? `f-${name}` : undefined
  }
  const text = (name: string, extra: Partial<FieldProps> = {}) =>
    p.restricted.includes(name) ? (
      <p class="small">{`${FIELD_LABELS[name] ?? name}: not shown to your role, so not editable here.`}</p>
    ) : (
      <RegistrationField
        name={name}
        label={FIELD_LABELS[name] ?? name}
        value={p.values[name]}
        error={err(name)}
        {...extra}
      />
    )
  return (
    <Page chrome={p.chrome}>
      <h1>{p.mode === 'new' ? 'Register a patron' : 'Edit registration'}</h1>
      {p.problem !== undefined && (
        <RegistrationErrorSummary
          message={p.problem.message}
          errors={p.problem.errors}
          labels={FIELD_LABELS}
          target={target}
        />
      )}
      <p class="hint">
        Fields marked <span class="required-mark">*</span> must be filled in.
      </p>
      <form method="post" action={p.action}>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>Name</legend>
          <div class="grid-2">
            {text('givenName', { required: true, autocomplete: 'off', maxLength: 100 })}
            {text('familyName', { required: true, autocomplete: 'off', maxLength: 100 })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Address</legend>
          {text('line1', { required: true, autocomplete: 'off', maxLength: 120 })}
          {text('line2', { autocomplete: 'off', maxLength: 120 })}
          <div class="grid-2">
            {text('city', { required: true, autocomplete: 'off', maxLength: 80 })}
            {text('region', { autocomplete: 'off', maxLength: 80 })}
            {text('postcode', { required: true, autocomplete: 'off', maxLength: 20 })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Contact and identity</legend>
          <div class="grid-2">
            {p.fields.phone && text('phone', { type: 'tel', autocomplete: 'off', maxLength: 25 })}
            {text('email', { type: 'email', autocomplete: 'off', maxLength: 254 })}
            {p.fields.licenceNumber &&
              text('licenceNumber', { autocomplete: 'off', maxLength: 30 })}
            {p.fields.birthDate && text('birthDate', { type: 'date', autocomplete: 'off' })}
            {p.fields.sex && !p.restricted.includes('sex') && (
              <RegistrationSelect
                name="sex"
                label="Sex"
                value={p.values.sex ?? ''}
                error={err('sex')}
                options={[
                  { value: '', label: 'Not given' },
                  { value: 'F', label: 'Female' },
                  { value: 'M', label: 'Male' },
                  { value: 'X', label: 'Another, or not stated' },
                ]}
              />
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Membership</legend>
          <div class="grid-2">
            <RegistrationSelect
              name="category"
              label="Patron category"
              options={p.categories}
              value={p.values.category}
              error={err('category')}
              required
            />
            <RegistrationSelect
              name="homeBranch"
              label="Home branch"
              options={p.branches}
              value={p.values.homeBranch}
              error={err('homeBranch')}
              required
            />
            {text('expiresOn', {
              type: 'date',
              hint: p.mode === 'new' ? 'Leave empty for the usual length.' : undefined,
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Messages the patron asked for</legend>
          <Checkbox name="notices" label="Account notices" checked={p.checked.notices ?? false} />
          <Checkbox name="newsletter" label="Newsletter" checked={p.checked.newsletter ?? false} />
          <Checkbox
            name="policyChanges"
            label="Privacy policy changes"
            checked={p.checked.policyChanges ?? false}
          />
        </fieldset>
        {p.mode === 'new' && (
          <fieldset>
            <legend>Library card</legend>
            <div class="grid-2">
              {text('barcode', {
                hint: 'Scan a new card, or leave empty to have a number made.',
                autocomplete: 'off',
                maxLength: 32,
              })}
              {text('pin', {
                type: 'password',
                hint: 'Let the patron type it. Leave empty to set it later.',
                autocomplete: 'new-password',
                inputMode: 'numeric',
                maxLength: 32,
              })}
            </div>
          </fieldset>
        )}
        {p.mode === 'new' && (
          <p class="hint" data-policy-version={p.policyVersion ?? 'none'}>
            {p.policyVersion === undefined ? (
              'No privacy policy version is published yet, so none is recorded with this registration.'
            ) : (
              <>
                The registration records that the patron was shown{' '}
                <a href={`/policy/versions/${p.policyVersion}`}>
                  version {p.policyVersion} of the privacy policy
                </a>
                ; offer them a copy or the address <code>/policy</code>.
              </>
            )}
          </p>
        )}
        <button type="submit">{p.mode === 'new' ? 'Register' : 'Save changes'}</button>
      </form>
    </Page>
  )
}
