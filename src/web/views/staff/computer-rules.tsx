import type { VNode } from 'preact'
import { CODE_MAX_LENGTH, SCOPE_HTML_PATTERN } from '../../../library/codes.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, Empty, Field } from '../ui.js'

export interface RuleRow {
  groupCode: string
  category: string
  allowed: boolean
  dailyMinutes: number
  sessionMinutes: number
  extensionMinutes: number
}

/** The time rules, and a form that adds a rule or replaces the one for the same group and category. */
export function ComputerRulesPage(p: {
  chrome: Chrome
  csrf: string
  rules: RuleRow[]
  categoryName: (code: string) => string
  problem?: string | undefined
  errors?: Record<string, string>
}): VNode {
  const { t } = p.chrome.i18n
  const errors = p.errors ?? {}
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/computers">{t('staffComputers.titles.list')}</a>
      </p>
      <h1>{t('staffComputers.titles.rules')}</h1>
      <p class="measure">{t('staffComputers.rules.intro')}</p>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.problem}</p>
        </div>
      )}
      {p.rules.length === 0 ? (
        <Empty>{t('staffComputers.rules.none')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staffComputers.rules.groupCode')}</th>
              <th scope="col">{t('staffComputers.rules.category')}</th>
              <th scope="col">{t('staffComputers.rules.allowed')}</th>
              <th scope="col" class="num">
                {t('staffComputers.rules.daily')}
              </th>
              <th scope="col" class="num">
                {t('staffComputers.rules.session')}
              </th>
              <th scope="col" class="num">
                {t('staffComputers.rules.extension')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rules.map((r) => (
              <tr key={`${r.groupCode}/${r.category}`}>
                <th scope="row">{r.groupCode}</th>
                <td data-label={t('staffComputers.rules.category')}>
                  {r.category === '*' ? '*' : p.categoryName(r.category)}
                </td>
                <td data-label={t('staffComputers.rules.allowed')}>
                  {t(r.allowed ? 'staffComputers.rules.yes' : 'staffComputers.rules.no')}
                </td>
                <td data-label={t('staffComputers.rules.daily')} class="num">
                  {r.dailyMinutes}
                </td>
                <td data-label={t('staffComputers.rules.session')} class="num">
                  {r.sessionMinutes}
                </td>
                <td data-label={t('staffComputers.rules.extension')} class="num">
                  {r.extensionMinutes}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/staff/computers/rules" class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <Field
            name="groupCode"
            label={t('staffComputers.rules.groupCode')}
            error={errors.groupCode}
            required
            maxLength={CODE_MAX_LENGTH}
            pattern={SCOPE_HTML_PATTERN}
          />
          <Field
            name="category"
            label={t('staffComputers.rules.category')}
            error={errors.category}
            required
            maxLength={CODE_MAX_LENGTH}
            pattern={SCOPE_HTML_PATTERN}
          />
          <Field
            name="dailyMinutes"
            label={t('staffComputers.rules.daily')}
            error={errors.dailyMinutes}
            inputMode="numeric"
            required
            maxLength={4}
          />
          <Field
            name="sessionMinutes"
            label={t('staffComputers.rules.session')}
            error={errors.sessionMinutes}
            inputMode="numeric"
            required
            maxLength={4}
          />
          <Field
            name="extensionMinutes"
            label={t('staffComputers.rules.extension')}
            error={errors.extensionMinutes}
            inputMode="numeric"
            value="0"
            maxLength={4}
          />
        </div>
        <Checkbox name="allowed" label={t('staffComputers.rules.allowed')} checked />
        <button type="submit">{t('staffComputers.rules.save')}</button>
      </form>
    </Page>
  )
}
