import type { VNode } from 'preact'
import { QUESTION_MAX, type OwnInquiry } from '../../../comms/inquiry-submit.js'
import type { RequestView } from '../../../circulation/requests.service.js'
import type { Address } from '../../../patrons/patron.schemas.js'
import { RadioGroup, TextArea } from '../form-fields.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field } from '../ui.js'

/** Ask a librarian from the account, and what the patron has sent, with the answers. */
export function AccountAskPage(p: { chrome: Chrome; csrf: string; sent: OwnInquiry[] }): VNode {
  const { t, fmt, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('inquiries.account.heading')}</h1>
      <p class="lead measure">{t('inquiries.account.intro')}</p>
      <ul class="measure">
        <li>
          <a href={link('/account/address')}>{t('inquiries.account.addressLink')}</a>
        </li>
        <li>
          <a href={link('/account/requests')}>{t('inquiries.account.requestsLink')}</a>
        </li>
      </ul>
      <section aria-labelledby="ask" class="measure">
        <h2 id="ask">{t('inquiries.account.askHeading')}</h2>
        <form method="post" action={link('/account/ask')}>
          <Csrf token={p.csrf} />
          <TextArea
            name="question"
            label={t('inquiries.ask.question')}
            hint={t('inquiries.ask.questionHint', { count: QUESTION_MAX })}
            required
            maxLength={QUESTION_MAX}
          />
          <RadioGroup
            name="replyBy"
            legend={t('inquiries.ask.replyBy')}
            value="email"
            options={[
              { value: 'email', label: t('inquiries.account.replyEmail') },
              { value: 'desk', label: t('inquiries.ask.replyDesk') },
            ]}
          />
          <button type="submit">{t('inquiries.ask.submit')}</button>
        </form>
        <p class="small">{t('inquiries.ask.private')}</p>
      </section>
      <section aria-labelledby="yours" class="measure">
        <h2 id="yours">{t('inquiries.account.yoursHeading')}</h2>
        {p.sent.length === 0 ? (
          <Empty>{t('inquiries.account.none')}</Empty>
        ) : (
          p.sent.map((q, i) => (
            <table key={q.id} class="record">
              <caption>
                {q.kind === 'address'
                  ? t('inquiries.account.address')
                  : `${t('inquiries.account.question')} ${p.sent.length - i}`}
              </caption>
              <tbody>
                <tr>
                  <th scope="row">{t('inquiries.account.sentOn')}</th>
                  <td>{fmt.date(q.sentAt)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('inquiries.account.status')}</th>
                  <td>{t(`inquiries.account.statuses.${q.status}`)}</td>
                </tr>
                <tr>
                  <th scope="row">
                    {q.kind === 'address'
                      ? t('inquiries.account.address')
                      : t('inquiries.account.question')}
                  </th>
                  <td class="mail-text">{q.text}</td>
                </tr>
                {q.replies.map((r, j) => (
                  <tr key={j}>
                    <th scope="row">{t('inquiries.account.reply')}</th>
                    <td class="mail-text">{r}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))
        )}
      </section>
    </Page>
  )
}

/** A new postal address, for staff to check and apply. */
export function AddressChangePage(p: {
  chrome: Chrome
  csrf: string
  current: Address | null
}): VNode {
  const { t, link } = p.chrome.i18n
  const c = p.current
  return (
    <Page chrome={p.chrome}>
      <h1>{t('inquiries.address.heading')}</h1>
      <p class="lead measure">{t('inquiries.address.intro')}</p>
      {c !== null && (
        <p class="measure">
          <strong>{t('inquiries.address.current')}:</strong>{' '}
          {[c.line1, c.line2, c.city, c.region, c.postcode].filter(Boolean).join(', ')}
        </p>
      )}
      <form method="post" action={link('/account/address')} class="measure">
        <Csrf token={p.csrf} />
        <Field
          name="line1"
          label={t('inquiries.address.line1')}
          required
          maxLength={120}
          autocomplete="address-line1"
        />
        <Field
          name="line2"
          label={t('inquiries.address.line2')}
          maxLength={120}
          autocomplete="address-line2"
        />
        <Field
          name="city"
          label={t('inquiries.address.city')}
          required
          maxLength={80}
          autocomplete="address-level2"
        />
        <Field
          name="region"
          label={t('inquiries.address.region')}
          maxLength={80}
          autocomplete="address-level1"
        />
        <Field
          name="postcode"
          label={t('inquiries.address.postcode')}
          required
          maxLength={20}
          autocomplete="postal-code"
        />
        <button type="submit">{t('inquiries.address.submit')}</button>
      </form>
      <p class="small measure">{t('inquiries.address.kept')}</p>
    </Page>
  )
}

/** Purchase suggestions and interlibrary-loan requests: the form, and the patron's own list. */
export function RequestsPage(p: { chrome: Chrome; csrf: string; requests: RequestView[] }): VNode {
  const { t, fmt, link } = p.chrome.i18n
  const kindText = (k: string) =>
    t(`account.myData.values.requestKind.${k as 'purchase'}`, { defaultValue: k })
  const statusText = (s: string) =>
    t(`account.myData.values.requestStatus.${s as 'submitted'}`, { defaultValue: s })
  return (
    <Page chrome={p.chrome}>
      <h1>{t('inquiries.requests.heading')}</h1>
      <p class="lead measure">{t('inquiries.requests.intro')}</p>
      <form method="post" action={link('/account/requests')} class="measure">
        <Csrf token={p.csrf} />
        <RadioGroup
          name="kind"
          legend={t('inquiries.requests.kind')}
          value="purchase"
          options={[
            { value: 'purchase', label: t('inquiries.requests.purchase') },
            { value: 'interlibrary_loan', label: t('inquiries.requests.interlibraryLoan') },
          ]}
        />
        <Field name="title" label={t('inquiries.requests.title')} required maxLength={300} />
        <Field name="author" label={t('inquiries.requests.author')} maxLength={200} />
        <TextArea name="note" label={t('inquiries.requests.note')} maxLength={1000} />
        <button type="submit">{t('inquiries.requests.submit')}</button>
      </form>
      <section aria-labelledby="own-requests">
        <h2 id="own-requests">{t('inquiries.requests.yoursHeading')}</h2>
        {p.requests.length === 0 ? (
          <Empty>{t('inquiries.requests.none')}</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('inquiries.account.sentOn')}</th>
                <th scope="col">{t('inquiries.requests.kindColumn')}</th>
                <th scope="col">{t('inquiries.requests.titleColumn')}</th>
                <th scope="col">{t('inquiries.account.status')}</th>
              </tr>
            </thead>
            <tbody>
              {p.requests.map((r) => (
                <tr key={r.id}>
                  <td>{fmt.date(r.createdAt)}</td>
                  <td>{kindText(r.kind)}</td>
                  <td>{r.author === null ? r.title : `${r.title} (${r.author})`}</td>
                  <td>{statusText(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  )
}
