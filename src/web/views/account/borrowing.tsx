import type { VNode } from 'preact'
import type { FeeView } from '../../../circulation/fees.service.js'
import type { HoldView } from '../../../circulation/holds.service.js'
import type { LoanView } from '../../../circulation/loans.service.js'
import type { I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, PostButton, SelectField, Summary, type Option } from '../ui.js'

/** A branch's name, or its code when the library has none for it. */
const branchName = (branches: Record<string, string>, code: string) => branches[code] ?? code

export interface OverviewProps {
  chrome: Chrome
  csrf: string
  givenName: string | undefined
  expiresOn: string
  loans: LoanView[]
  holds: HoldView[]
  branches: Record<string, string>
  owedCents: number
  balanceCents: number
}

export function OverviewPage(p: OverviewProps): VNode {
  const { t, fmt, link } = p.chrome.i18n
  const ready = p.holds.filter((h) => h.status === 'ready')
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.overview.heading')}</h1>
      {p.givenName !== undefined && (
        <p class="lead">{t('account.overview.hello', { name: p.givenName })}</p>
      )}
      {ready.length > 0 && (
        <section class="flash flash-ok" aria-labelledby="ready-heading">
          <h2 id="ready-heading">{t('account.overview.readyHeading')}</h2>
          <ul>
            {ready.map((h) => (
              <li key={h.id}>
                {t('account.overview.readyItem', {
                  title: h.title,
                  branch: branchName(p.branches, h.pickupBranch),
                  date: fmt.date(h.expiresOn),
                })}{' '}
                <strong>{t('account.overview.readyCode', { code: h.pickupCode ?? '' })}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Summary
        items={[
          [t('account.overview.tiles.checkedOut'), <a href="#checkouts">{p.loans.length}</a>],
          [
            t('account.overview.tiles.holds'),
            <a href={link('/account/holds')}>
              {ready.length > 0
                ? t('account.overview.tiles.holdsReady', {
                    total: p.holds.length,
                    count: ready.length,
                  })
                : p.holds.length}
            </a>,
          ],
          [
            t('account.overview.tiles.finesOwed'),
            <a href={link('/account/fines')}>{fmt.money(p.owedCents)}</a>,
          ],
          [
            t('account.overview.tiles.balance'),
            <a href={link('/account/fines')}>{fmt.money(p.balanceCents)}</a>,
          ],
          [t('account.overview.tiles.validUntil'), fmt.date(p.expiresOn)],
        ]}
      />
      <h2 id="checkouts">{t('account.overview.checkoutsHeading')}</h2>
      {p.loans.length === 0 ? (
        <Empty>{t('account.overview.noCheckouts')}</Empty>
      ) : (
        <LoansTable i18n={p.chrome.i18n} csrf={p.csrf} loans={p.loans} />
      )}
    </Page>
  )
}

function LoansTable({ i18n, csrf, loans }: { i18n: I18n; csrf: string; loans: LoanView[] }) {
  const { t, fmt, link } = i18n
  const col = {
    title: t('account.overview.columns.title'),
    due: t('account.overview.columns.due'),
    renewed: t('account.overview.columns.renewed'),
  }
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{col.title}</th>
          <th scope="col">{col.due}</th>
          <th scope="col">{col.renewed}</th>
          <th scope="col">
            <span class="visually-hidden">{t('account.overview.columns.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {loans.map((l) => (
          <tr key={l.itemBarcode}>
            <td data-label={col.title}>
              <strong>{l.title}</strong>
              {l.author !== null && <span class="small">{` — ${l.author}`}</span>}
            </td>
            <td data-label={col.due}>
              {fmt.date(l.dueAt)}{' '}
              {l.overdue && <span class="tag bad">{t('account.overview.overdue')}</span>}
            </td>
            <td data-label={col.renewed}>
              {l.renewals === 0
                ? t('account.overview.notRenewed')
                : t('account.overview.renewedTimes', { count: l.renewals })}
            </td>
            <td>
              <PostButton
                action={link('/account/renew')}
                csrf={csrf}
                label={t('account.overview.renew')}
                accessibleLabel={t('account.overview.renewLabel', { title: l.title })}
                fields={{ item: l.itemBarcode }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Where a hold stands, in a sentence. */
export function holdStatus(h: HoldView, i18n: I18n, branches: Record<string, string>): string {
  const { t, fmt } = i18n
  const branch = branchName(branches, h.pickupBranch)
  switch (h.status) {
    case 'ready':
      return t('account.holds.status.ready', {
        branch,
        date: fmt.date(h.expiresOn),
        code: h.pickupCode ?? '',
      })
    case 'in_transit':
      return t('account.holds.status.inTransit', { branch })
    case 'queued':
      if (h.suspendedUntil !== null)
        return h.suspendedUntil === '9999-12-31'
          ? t('account.holds.status.pausedIndefinitely')
          : t('account.holds.status.pausedUntil', { date: fmt.date(h.suspendedUntil) })
      return t('account.holds.status.waiting', { position: h.position ?? 1 })
    case 'fulfilled':
      return t('account.holds.status.fulfilled')
    case 'cancelled':
      return t('account.holds.status.cancelled')
    case 'expired':
      return t('account.holds.status.expired')
  }
}

export interface HoldsProps {
  chrome: Chrome
  csrf: string
  holds: HoldView[]
  branches: Record<string, string>
}

export function HoldsPage(p: HoldsProps): VNode {
  const { t, fmt, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.holds.heading')}</h1>
      <p class="measure">
        {t('account.holds.howToBefore')}{' '}
        <a href={link('/search')}>{t('account.holds.howToLink')}</a> {t('account.holds.howToAfter')}
      </p>
      {p.holds.length === 0 ? (
        <Empty>{t('account.holds.none')}</Empty>
      ) : (
        <ul class="results">
          {p.holds.map((h) => (
            <li key={h.id}>
              <h2>{h.title}</h2>
              <p>{holdStatus(h, p.chrome.i18n, p.branches)}</p>
              <p class="small">
                {t('account.holds.placedOn', {
                  date: fmt.date(h.placedAt),
                  branch: branchName(p.branches, h.pickupBranch),
                })}
              </p>
              <div class="actions">
                {/* Cancelling gives up the place in line: the link asks first, on its own page. */}
                <a
                  class="button danger"
                  href={link(`/account/holds/${h.id}/cancel`)}
                  aria-label={t('account.holds.cancelLabel', { title: h.title })}
                >
                  {t('account.holds.cancel')}
                </a>
                {h.status === 'queued' && h.suspendedUntil !== null && (
                  <PostButton
                    action={link(`/account/holds/${h.id}/resume`)}
                    csrf={p.csrf}
                    label={t('account.holds.resume')}
                    accessibleLabel={t('account.holds.resumeLabel', { title: h.title })}
                  />
                )}
              </div>
              {h.status === 'queued' && h.suspendedUntil === null && (
                <form method="post" action={link(`/account/holds/${h.id}/suspend`)} class="card">
                  <Csrf token={p.csrf} />
                  <Field
                    id={`until-${h.id}`}
                    name="until"
                    type="date"
                    label={t('account.holds.pauseUntil', { title: h.title })}
                    hint={t('account.holds.pauseHint')}
                  />
                  <button type="submit" class="button secondary">
                    {t('account.holds.pause')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

/** The step before cancelling a hold: the place in line is lost, so the patron says so twice. */
export function CancelHoldPage(p: {
  chrome: Chrome
  csrf: string
  hold: HoldView
  branches: Record<string, string>
}): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.holds.confirmCancel.heading')}</h1>
      <p class="lead">{p.hold.title}</p>
      <p>{holdStatus(p.hold, p.chrome.i18n, p.branches)}</p>
      <p class="measure">{t('account.holds.confirmCancel.body')}</p>
      <div class="actions">
        <form method="post" action={link(`/account/holds/${p.hold.id}/cancel`)} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            {t('account.holds.confirmCancel.yes')}
          </button>
        </form>
        <a class="button secondary" href={link('/account/holds')}>
          {t('account.holds.confirmCancel.no')}
        </a>
      </div>
    </Page>
  )
}

export function NewHoldPage(p: {
  chrome: Chrome
  csrf: string
  recordId: string
  title: string
  branches: Option[]
  homeBranch: string
}): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.newHold.heading')}</h1>
      <p class="lead">{p.title}</p>
      <form method="post" action={link('/account/holds')} class="measure">
        <Csrf token={p.csrf} />
        <input type="hidden" name="record" value={p.recordId} />
        <SelectField
          name="pickupBranch"
          label={t('account.newHold.pickup')}
          options={p.branches}
          value={p.homeBranch}
        />
        <button type="submit">{t('account.newHold.submit')}</button>
      </form>
    </Page>
  )
}

export function FinesPage(p: {
  chrome: Chrome
  owedCents: number
  balanceCents: number
  fees: FeeView[]
}): VNode {
  const { t, fmt } = p.chrome.i18n
  const col = {
    date: t('account.fines.columns.date'),
    whatFor: t('account.fines.columns.whatFor'),
    amount: t('account.fines.columns.amount'),
    stillOwed: t('account.fines.columns.stillOwed'),
    status: t('account.fines.columns.status'),
  }
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.fines.heading')}</h1>
      <Summary
        items={[
          [t('account.fines.owed'), fmt.money(p.owedCents)],
          [t('account.fines.balance'), fmt.money(p.balanceCents)],
        ]}
      />
      <p class="measure small">{t('account.fines.explain')}</p>
      <h2>{t('account.fines.listHeading')}</h2>
      {p.fees.length === 0 ? (
        <Empty>{t('account.fines.none')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{col.date}</th>
              <th scope="col">{col.whatFor}</th>
              <th scope="col" class="num">
                {col.amount}
              </th>
              <th scope="col" class="num">
                {col.stillOwed}
              </th>
              <th scope="col">{col.status}</th>
            </tr>
          </thead>
          <tbody>
            {p.fees.map((f) => (
              <tr key={f.id}>
                <td data-label={col.date}>{fmt.date(f.createdAt)}</td>
                <td data-label={col.whatFor}>
                  {t(`account.fines.kind.${f.kind as 'overdue'}`, { defaultValue: f.kind })}
                  {f.itemTitle !== null && <span class="small">{` — ${f.itemTitle}`}</span>}
                  {f.growth !== null && (
                    <div class="small">
                      {f.growth.capCents === null
                        ? t('account.fines.growthNoCap', {
                            perDay: fmt.money(f.growth.perDayCents),
                          })
                        : t('account.fines.growth', {
                            perDay: fmt.money(f.growth.perDayCents),
                            cap: fmt.money(f.growth.capCents),
                          })}
                    </div>
                  )}
                </td>
                <td data-label={col.amount} class="num">
                  {fmt.money(f.amountCents)}
                </td>
                <td data-label={col.stillOwed} class="num">
                  {fmt.money(f.outstandingCents)}
                </td>
                <td data-label={col.status}>
                  {t(`account.fines.status.${f.status as 'open'}`, { defaultValue: f.status })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}
