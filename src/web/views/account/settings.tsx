import type { VNode } from 'preact'
import { OPTIONAL_NOTICES } from '../../../comms/notice-types.js'
import type { LoanView } from '../../../circulation/loans.service.js'
import { LOCALE_NAMES, type Locale } from '../../../i18n/catalog.js'
import { Page, type Chrome } from '../layout.js'
import { NewsletterSection, type AccountNewsletter } from './newsletter.js'
import { Checkbox, Csrf, Empty, Field } from '../ui.js'

export function HistoryPage(p: {
  chrome: Chrome
  csrf: string
  history: LoanView[]
  /** Whether the reading history is on now. */
  on: boolean
}): VNode {
  const { t, fmt, link } = p.chrome.i18n
  const col = {
    title: t('account.history.columns.title'),
    borrowed: t('account.history.columns.borrowed'),
    returned: t('account.history.columns.returned'),
  }
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.history.heading')}</h1>
      <div class="measure">
        <p>{t('account.history.intro')}</p>
        <p>
          <strong>{t('account.history.warningStrong')}</strong> {t('account.history.warningRest')}
        </p>
      </div>
      <p class="history-state" role="status">
        <strong>{p.on ? t('account.history.stateOn') : t('account.history.stateOff')}</strong>
      </p>
      <div class="actions">
        {p.on ? (
          // Erasing cannot be undone: the link asks first, on a page of its own.
          <a class="button danger" href={link('/account/history/erase')}>
            {t('account.history.turnOff')}
          </a>
        ) : (
          <form method="post" action={link('/account/history')} class="inline">
            <Csrf token={p.csrf} />
            <input type="hidden" name="keep" value="on" />
            <button type="submit">{t('account.history.keep')}</button>
          </form>
        )}
      </div>
      <h2>{t('account.history.returnedHeading')}</h2>
      {p.history.length === 0 ? (
        <Empty>{t('account.history.none')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{col.title}</th>
              <th scope="col">{col.borrowed}</th>
              <th scope="col">{col.returned}</th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((l, i) => (
              <tr key={`${l.itemBarcode}-${i}`}>
                <td data-label={col.title}>{l.title}</td>
                <td data-label={col.borrowed}>{fmt.date(l.checkedOutAt)}</td>
                <td data-label={col.returned}>{fmt.date(l.returnedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

/** The step before erasing the reading history, which cannot be undone. */
export function EraseHistoryPage(p: { chrome: Chrome; csrf: string; count: number }): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.history.confirm.heading')}</h1>
      <p class="measure">{t('account.history.confirm.body')}</p>
      {p.count > 0 && (
        <p class="measure">
          <strong>{t('account.history.confirm.count', { count: p.count })}</strong>
        </p>
      )}
      <div class="actions">
        <form method="post" action={link('/account/history')} class="inline">
          <Csrf token={p.csrf} />
          <input type="hidden" name="keep" value="off" />
          <button type="submit" class="button danger">
            {t('account.history.confirm.yes')}
          </button>
        </form>
        <a class="button secondary" href={link('/account/history')}>
          {t('account.history.confirm.no')}
        </a>
      </div>
    </Page>
  )
}

export function ChoicesPage(p: {
  chrome: Chrome
  csrf: string
  notify: { notices: boolean; newsletter: boolean; policyChanges: boolean }
  noticeTitles: boolean
  noticesDeclined: readonly string[]
  language: Locale | null
  newsletter: AccountNewsletter
}): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.choices.heading')}</h1>
      <p class="measure">{t('account.choices.intro')}</p>
      <form method="post" action={link('/account/choices')} class="measure">
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>{t('account.choices.legend')}</legend>
          <Checkbox
            name="notices"
            label={t('account.choices.notices')}
            hint={t('account.choices.noticesHint')}
            checked={p.notify.notices}
          />
          <Checkbox
            name="policyChanges"
            label={t('account.choices.policyChanges')}
            hint={t('account.choices.policyChangesHint')}
            checked={p.notify.policyChanges}
          />
        </fieldset>
        <input type="hidden" name="noticeTypesShown" value="1" />
        <fieldset>
          <legend>{t('account.choices.types.legend')}</legend>
          <p class="hint">{t('account.choices.types.intro')}</p>
          {OPTIONAL_NOTICES.map((n) => (
            <Checkbox
              key={n}
              name={`notice-${n}`}
              label={t(`account.choices.types.${n}`)}
              checked={!p.noticesDeclined.includes(n)}
            />
          ))}
          <p class="hint">{t('account.choices.types.always')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('account.choices.titles.legend')}</legend>
          <Checkbox
            name="noticeTitles"
            label={t('account.choices.titles.label')}
            hint={t('account.choices.titles.hint')}
            checked={p.noticeTitles}
          />
        </fieldset>
        <button type="submit">{t('account.choices.save')}</button>
      </form>
      <NewsletterSection chrome={p.chrome} csrf={p.csrf} subscription={p.newsletter} />
      <h2 id="language">{t('account.choices.language.heading')}</h2>
      <p class="measure">{t('account.choices.language.intro')}</p>
      <form method="post" action={link('/account/language')} class="measure">
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>{t('account.choices.language.legend')}</legend>
          {(['en', 'es'] as const).map((l) => (
            <div class="check" key={l}>
              <input
                type="radio"
                id={`f-language-${l}`}
                name="language"
                value={l}
                checked={p.language === l}
              />
              <label for={`f-language-${l}`} lang={l}>
                {LOCALE_NAMES[l]}
              </label>
            </div>
          ))}
          <div class="check">
            <input
              type="radio"
              id="f-language-browser"
              name="language"
              value="browser"
              checked={p.language === null}
            />
            <label for="f-language-browser">{t('account.choices.language.browser')}</label>
          </div>
        </fieldset>
        <button type="submit">{t('account.choices.language.save')}</button>
      </form>
    </Page>
  )
}

export function PinPage({ chrome, csrf }: { chrome: Chrome; csrf: string }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('account.pin.heading')}</h1>
      <form method="post" action={link('/account/pin')} class="measure">
        <Csrf token={csrf} />
        <Field
          name="currentPin"
          label={t('account.pin.current')}
          type="password"
          autocomplete="current-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <Field
          name="newPin"
          label={t('account.pin.new')}
          hint={t('account.pin.hint')}
          type="password"
          autocomplete="new-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <Field
          name="repeatPin"
          label={t('account.pin.again')}
          type="password"
          autocomplete="new-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <button type="submit">{t('account.pin.submit')}</button>
      </form>
    </Page>
  )
}

export function AccessesPage(p: {
  chrome: Chrome
  accesses: { at: string; role: string; action: string }[]
}): VNode {
  const { t, fmt } = p.chrome.i18n
  const col = {
    when: t('account.accesses.columns.when'),
    who: t('account.accesses.columns.who'),
    what: t('account.accesses.columns.what'),
  }
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.accesses.heading')}</h1>
      <p class="measure">{t('account.accesses.intro')}</p>
      {p.accesses.length === 0 ? (
        <Empty>{t('account.accesses.none')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{col.when}</th>
              <th scope="col">{col.who}</th>
              <th scope="col">{col.what}</th>
            </tr>
          </thead>
          <tbody>
            {p.accesses.map((a, i) => (
              <tr key={`${a.at}-${i}`}>
                <td data-label={col.when}>{fmt.dateTime(a.at)}</td>
                <td data-label={col.who}>
                  {t(`account.accesses.roles.${a.role as 'admin'}`, {
                    defaultValue: t('account.accesses.roles.other'),
                  })}
                </td>
                <td data-label={col.what}>{actionText(p.chrome.i18n.t, a.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

/** An audit action such as `patron.read`, in words (the catalog spells its dot as `_`). */
function actionText(t: Chrome['i18n']['t'], action: string): string {
  return t(`account.accesses.actions.${action.replaceAll('.', '_') as 'other'}`, {
    defaultValue: t('account.accesses.actions.other'),
  })
}
