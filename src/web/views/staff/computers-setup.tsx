import type { VNode } from 'preact'
import { CODE_HTML_PATTERN, CODE_MAX_LENGTH } from '../../../library/codes.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, type Option } from '../ui.js'
import { computerHref, type ComputerRow, type GroupRow } from './computers.js'

/** A registered computer as set-up shows it: whether it has a credential, never the credential. */
export interface SetupComputer extends ComputerRow {
  groupId: string
  tokenIssuedOn: string | null
}

const Back = ({ label }: { label: string }): VNode => (
  <p>
    <a href="/staff/computers">{label}</a>
  </p>
)

/** Groups and computers, each added with a short form; credentials issued from the list. */
export function ComputerSetupPage(p: {
  chrome: Chrome
  csrf: string
  groups: GroupRow[]
  computers: SetupComputer[]
  branches: Option[]
  branchName: (code: string) => string
  fmt: Formats
  problem?: string | undefined
}): VNode {
  const { t } = p.chrome.i18n
  const groupOptions = p.groups.map((g) => ({
    value: g.id,
    label: `${g.name} (${p.branchName(g.branch)})`,
  }))
  return (
    <Page chrome={p.chrome}>
      <Back label={t('staffComputers.titles.list')} />
      <h1>{t('staffComputers.titles.setup')}</h1>
      <p class="measure">{t('staffComputers.setup.intro')}</p>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}

      <h2>{t('staffComputers.setup.groupsHeading')}</h2>
      {p.groups.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staffComputers.setup.name')}</th>
              <th scope="col">{t('staffComputers.setup.code')}</th>
              <th scope="col">{t('staffComputers.setup.branch')}</th>
            </tr>
          </thead>
          <tbody>
            {p.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">{g.name}</th>
                <td data-label={t('staffComputers.setup.code')}>{g.code}</td>
                <td data-label={t('staffComputers.setup.branch')}>{p.branchName(g.branch)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/staff/computers/groups" class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <SelectField
            name="branch"
            id="group-branch"
            label={t('staffComputers.setup.branch')}
            options={p.branches}
          />
          <Field
            name="code"
            id="group-code"
            label={t('staffComputers.setup.code')}
            hint={t('staffComputers.setup.codeHint')}
            required
            maxLength={CODE_MAX_LENGTH}
            pattern={CODE_HTML_PATTERN}
          />
          <Field
            name="name"
            id="group-name"
            label={t('staffComputers.setup.name')}
            required
            maxLength={80}
          />
        </div>
        <button type="submit">{t('staffComputers.setup.addGroup')}</button>
      </form>

      <h2>{t('staffComputers.setup.computersHeading')}</h2>
      {p.computers.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staffComputers.setup.name')}</th>
              <th scope="col">{t('staffComputers.setup.branch')}</th>
              <th scope="col">{t('staffComputers.setup.group')}</th>
              <th scope="col">{t('staffComputers.setup.credential')}</th>
            </tr>
          </thead>
          <tbody>
            {p.computers.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td data-label={t('staffComputers.setup.branch')}>{p.branchName(c.branch)}</td>
                <td data-label={t('staffComputers.setup.group')}>{c.groupName}</td>
                <td data-label={t('staffComputers.setup.credential')}>
                  <p class="small">
                    {c.tokenIssuedOn === null
                      ? t('staffComputers.setup.noCredential')
                      : t('staffComputers.setup.issuedOn', { date: p.fmt.date(c.tokenIssuedOn) })}
                  </p>
                  <a
                    class="button secondary"
                    href={computerHref(c.id, '/credential')}
                    aria-label={`${t(
                      c.tokenIssuedOn === null
                        ? 'staffComputers.setup.issue'
                        : 'staffComputers.setup.reissue',
                    )} ${c.name}`}
                  >
                    {t(
                      c.tokenIssuedOn === null
                        ? 'staffComputers.setup.issue'
                        : 'staffComputers.setup.reissue',
                    )}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.groups.length === 0 ? (
        <Empty>{t('staffComputers.setup.noGroups')}</Empty>
      ) : (
        <form method="post" action="/staff/computers/new" class="card">
          <Csrf token={p.csrf} />
          <div class="grid-2">
            <SelectField
              name="groupId"
              id="computer-group"
              label={t('staffComputers.setup.group')}
              options={groupOptions}
            />
            <Field
              name="name"
              id="computer-name"
              label={t('staffComputers.setup.name')}
              required
              maxLength={60}
            />
          </div>
          <button type="submit">{t('staffComputers.setup.addComputer')}</button>
        </form>
      )}
    </Page>
  )
}

/** Issuing (or re-issuing, which revokes the old one) asks first; only this form's post issues. */
export function CredentialConfirmPage(p: {
  chrome: Chrome
  csrf: string
  computer: SetupComputer
}): VNode {
  const { t } = p.chrome.i18n
  const again = p.computer.tokenIssuedOn !== null
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/computers/setup">{t('staffComputers.credential.back')}</a>
      </p>
      <h1>
        {again
          ? t('staffComputers.credential.confirmHeading', { name: p.computer.name })
          : t('staffComputers.setup.issue')}
      </h1>
      {again && <p class="measure">{t('staffComputers.credential.confirmBody')}</p>}
      <form method="post" action={computerHref(p.computer.id, '/credential')} class="actions">
        <Csrf token={p.csrf} />
        <button type="submit" class={again ? 'button danger' : 'button'}>
          {again ? t('staffComputers.credential.confirm') : t('staffComputers.setup.issue')}
        </button>
        <a class="button secondary" href="/staff/computers/setup">
          {t('staffComputers.end.cancel')}
        </a>
      </form>
    </Page>
  )
}

/** The one time a credential is shown. The answer is not stored anywhere (no-store, no redirect). */
export function CredentialShownPage(p: { chrome: Chrome; name: string; token: string }): VNode {
  const { t } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('staffComputers.credential.heading', { name: p.name })}</h1>
      <p class="credential">
        <code>{p.token}</code>
      </p>
      <p class="notice measure">{t('staffComputers.credential.once')}</p>
      <p class="measure">{t('staffComputers.credential.howTo')}</p>
      <p>
        <a href="/staff/computers/setup">{t('staffComputers.credential.back')}</a>
      </p>
    </Page>
  )
}
