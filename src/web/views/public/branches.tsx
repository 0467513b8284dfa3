import type { VNode } from 'preact'
import type { BranchDetails } from '../../../library/branch-details.service.js'
import type { Closures, DayPlan, OpenState, Span } from '../../../library/opening-hours.js'
import { isOneOClock, timeOfDay, weekdayName } from '../../../i18n/time-of-day.js'
import { addDays } from '../../../library/calendar.js'
import type { I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'

/** One branch as the public pages show it, worked out for the moment the page is made. */
export interface BranchView {
  details: BranchDetails
  state: OpenState
  /** The next seven days, today first. */
  week: DayPlan[]
  closures: Closures
  /** The library's date today, and how many days ahead closures are listed. */
  today: string
  windowDays: number
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

/** A time as a sentence says it, with Spanish's article ("la 1:00 p.m.", "las 5:00 p.m."). */
const clockAt = ({ t, locale }: I18n, hhmm: string) =>
  t(isOneOClock(hhmm) ? 'branches.clock.atOne' : 'branches.clock.at', {
    time: timeOfDay(locale, hhmm),
  })

function statusText(i18n: I18n, state: OpenState, today: string): string {
  const { t, fmt } = i18n
  if (state.kind === 'unknown') return t('branches.status.unknown')
  if (state.kind === 'open') return t('branches.status.open', { time: clockAt(i18n, state.closes) })
  if (state.next === null) return t('branches.status.closed')
  const time = clockAt(i18n, state.next.opens)
  const when =
    state.next.date === today
      ? t('branches.status.today', { time })
      : state.next.date === addDays(today, 1)
        ? t('branches.status.tomorrow', { time })
        : t('branches.status.onDay', { day: fmt.weekdayDate(state.next.date, today), time })
  return t('branches.status.closedNext', { when })
}

function Status({ i18n, view }: { i18n: I18n; view: BranchView }): VNode {
  const tone = view.state.kind === 'open' ? 'tag ok' : view.state.kind === 'closed' ? 'tag bad' : ''
  return (
    <p class="branch-status">
      <strong class={tone}>{statusText(i18n, view.state, view.today)}</strong>
    </p>
  )
}

const spansText = ({ t, locale }: I18n, spans: Span[]) =>
  spans
    .map((s) =>
      t('branches.week.span', {
        opens: timeOfDay(locale, s.opens),
        closes: timeOfDay(locale, s.closes),
      }),
    )
    .join(` ${t('branches.week.and')} `)

function WeekTable({ i18n, view }: { i18n: I18n; view: BranchView }): VNode {
  const { t, fmt } = i18n
  return (
    <table class="hours">
      <caption>{t('branches.week.caption', { name: view.details.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('branches.week.day')}</th>
          <th scope="col">{t('branches.week.hours')}</th>
        </tr>
      </thead>
      <tbody>
        {view.week.map((d) => (
          <tr key={d.date} aria-current={d.date === view.today ? 'date' : undefined}>
            <th scope="row">
              {capitalised(fmt.weekdayDate(d.date, view.today))}
              {d.date === view.today && ` (${t('branches.week.today')})`}
            </th>
            <td>
              {d.closed !== null
                ? d.closed.notes.length > 0
                  ? t('branches.week.closedFor', { note: d.closed.notes.join('; ') })
                  : t('branches.week.closed')
                : d.spans.length === 0
                  ? t('branches.week.closed')
                  : spansText(i18n, d.spans)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function RegularTable({ i18n, details }: { i18n: I18n; details: BranchDetails }): VNode {
  const { t, locale } = i18n
  // The week as librarians print it: Monday first, Sunday last.
  const order = [1, 2, 3, 4, 5, 6, 0]
  return (
    <table class="hours">
      <caption>{t('branches.regular.caption', { name: details.name })}</caption>
      <tbody>
        {order.map((day) => (
          <tr key={day}>
            <th scope="row">{capitalised(weekdayName(locale, day))}</th>
            <td>
              {(details.hours[day] ?? []).length === 0
                ? t('branches.week.closed')
                : spansText(i18n, details.hours[day] ?? [])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ClosureList({ i18n, view }: { i18n: I18n; view: BranchView }): VNode {
  const { t, fmt, locale } = i18n
  const { dates, weekly } = view.closures
  const noted = (when: string, notes: string[]) =>
    notes.length === 0 ? when : t('branches.closures.withNote', { when, note: notes.join('; ') })
  return (
    <>
      {weekly.length > 0 && (
        <ul>
          {weekly.map((w) => (
            <li key={w.weekday}>
              {noted(
                t('branches.closures.weekly', { weekday: weekdayName(locale, w.weekday) }),
                w.notes,
              )}
            </li>
          ))}
        </ul>
      )}
      {dates.length === 0 ? (
        <p>{t('branches.closures.none', { count: view.windowDays })}</p>
      ) : (
        <>
          <p>{t('branches.closures.within', { count: view.windowDays })}</p>
          <ul>
            {dates.map((d) => (
              <li key={d.date}>
                {noted(capitalised(fmt.weekdayDate(d.date, view.today)), d.notes)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function Contact({ i18n, details }: { i18n: I18n; details: BranchDetails }): VNode {
  const { t } = i18n
  return (
    <dl class="kept">
      <div>
        <dt>{t('branches.branch.address')}</dt>
        <dd>
          {details.address === '' ? (
            <span class="empty">{t('branches.branch.noAddress')}</span>
          ) : (
            <address>
              {details.address.split('\n').map((line, i) => (
                <span key={i}>
                  {i > 0 && <br />}
                  {line}
                </span>
              ))}
            </address>
          )}
        </dd>
      </div>
      {details.phone !== '' && (
        <div>
          <dt>{t('branches.branch.phone')}</dt>
          <dd>
            <a href={`tel:${details.phone.replace(/[^0-9+]/g, '')}`}>{details.phone}</a>
          </dd>
        </div>
      )}
      {details.email !== null && (
        <div>
          <dt>{t('branches.branch.email')}</dt>
          <dd>
            <a href={`mailto:${details.email}`}>{details.email}</a>
          </dd>
        </div>
      )}
    </dl>
  )
}

/** Everything about one branch, its parts headed one level below the branch's own heading. */
function BranchBody({
  i18n,
  view,
  id,
  level,
}: {
  i18n: I18n
  view: BranchView
  id: string
  level: 2 | 3
}): VNode {
  const { t } = i18n
  const H = level === 2 ? 'h2' : 'h3'
  return (
    <>
      <Status i18n={i18n} view={view} />
      <H id={`${id}-contact`}>{t('branches.branch.contact')}</H>
      <Contact i18n={i18n} details={view.details} />
      <H id={`${id}-week`}>{t('branches.week.heading')}</H>
      <WeekTable i18n={i18n} view={view} />
      <H id={`${id}-closures`}>{t('branches.closures.heading')}</H>
      <ClosureList i18n={i18n} view={view} />
    </>
  )
}

export function BranchesPage({
  chrome,
  branches,
}: {
  chrome: Chrome
  branches: BranchView[]
}): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('branches.list.heading')}</h1>
      <p class="lead measure">{t('branches.list.lead')}</p>
      {branches.length === 0 ? (
        <p class="empty">{t('branches.list.none')}</p>
      ) : (
        <ul class="results">
          {branches.map((view) => (
            <li key={view.details.code}>
              <section aria-labelledby={`b-${view.details.code}`}>
                <h2 id={`b-${view.details.code}`}>{view.details.name}</h2>
                <BranchBody
                  i18n={chrome.i18n}
                  view={view}
                  id={`b-${view.details.code}`}
                  level={3}
                />
                <p>
                  <a href={link(`/branches/${encodeURIComponent(view.details.code)}`)}>
                    {t('branches.list.more', { name: view.details.name })}
                  </a>
                </p>
              </section>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

export function BranchPage({ chrome, view }: { chrome: Chrome; view: BranchView }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <p class="small">
        <a href={link('/branches')}>{t('branches.branch.back')}</a>
      </p>
      <h1>{view.details.name}</h1>
      <BranchBody i18n={chrome.i18n} view={view} id="branch" level={2} />
      <h2>{t('branches.regular.heading')}</h2>
      <RegularTable i18n={chrome.i18n} details={view.details} />
    </Page>
  )
}
