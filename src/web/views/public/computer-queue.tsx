import type { VNode } from 'preact'
import type { PublicPlace, QueueDisplay } from '../../../computers/queue-views.js'
import { Page, type Chrome } from '../layout.js'
import { Field, SelectField } from '../ui.js'
import { PublicFormGuard } from './form-guard.js'

export interface QueueGroupOption {
  id: string
  branch: string
  name: string
  branchName: string
}

/** A refused form's message and the stable code behind it (for programs reading the page). */
export interface QueueProblem {
  text: string
  code: string
}

function Problem({ problem }: { problem: QueueProblem | undefined }): VNode | null {
  if (problem === undefined) return null
  return (
    <div class="flash flash-error" role="alert" data-code={problem.code}>
      <p>{problem.text}</p>
    </div>
  )
}

const branchesOf = (groups: readonly QueueGroupOption[]) => [
  ...new Map(groups.map((g) => [g.branch, { value: g.branch, label: g.branchName }])).values(),
]

/** Card number and PIN, as every sign-in asks them (the PIN is never sent back). */
function CardFields({ t, card }: { t: Chrome['i18n']['t']; card?: string | undefined }): VNode {
  return (
    <>
      <Field
        name="barcode"
        label={t('computerQueue.join.card')}
        value={card}
        required
        autocomplete="off"
        inputMode="numeric"
        maxLength={32}
      />
      <Field
        name="pin"
        type="password"
        label={t('computerQueue.join.pin')}
        required
        autocomplete="off"
        maxLength={32}
      />
    </>
  )
}

/**
 * Joining the waiting list on the public site. No cookie, no script (P7): the ticket number is
 * the only thing the patron takes away, and it is in the address of the next page.
 */
export function QueueJoinPage(p: {
  chrome: Chrome
  token: string
  groups: QueueGroupOption[]
  callMinutes: number
  values?: { groupId?: string | undefined; barcode?: string | undefined }
  problem?: QueueProblem | undefined
}): VNode {
  const { t, link } = p.chrome.i18n
  const branches = branchesOf(p.groups)
  return (
    <Page chrome={p.chrome}>
      <h1>{t('computerQueue.join.heading')}</h1>
      <p class="lead measure">{t('computerQueue.join.intro')}</p>
      <Problem problem={p.problem} />
      {p.groups.length === 0 ? (
        <p class="empty">{t('computerQueue.join.noGroups')}</p>
      ) : (
        <form method="post" action={link('/computers/queue')} class="measure">
          <PublicFormGuard token={p.token} label={t('common.forms.honeypot')} />
          <SelectField
            name="groupId"
            label={t('computerQueue.join.group')}
            value={p.values?.groupId}
            options={p.groups.map((g) => ({
              value: g.id,
              label: t('computerQueue.join.groupOption', { branch: g.branchName, group: g.name }),
            }))}
          />
          <CardFields t={t} card={p.values?.barcode} />
          <p class="hint">{t('computerQueue.join.callMinutes', { count: p.callMinutes })}</p>
          <button type="submit">{t('computerQueue.join.submit')}</button>
        </form>
      )}
      {branches.length > 0 && (
        <section class="measure" aria-labelledby="queue-check">
          <h2 id="queue-check">{t('computerQueue.join.checkHeading')}</h2>
          <form method="get" action={link('/computers/queue/place')}>
            <SelectField
              name="branch"
              id="f-check-branch"
              label={t('computerQueue.join.branch')}
              options={branches}
            />
            <Field
              name="ticket"
              id="f-check-ticket"
              type="number"
              label={t('computerQueue.join.ticket')}
              inputMode="numeric"
              required
            />
            <button type="submit" class="button secondary">
              {t('computerQueue.join.check')}
            </button>
          </form>
          <p>
            <a href={link('/computers/queue/leave')}>{t('computerQueue.join.leaveLink')}</a>
          </p>
        </section>
      )}
      <section class="measure" aria-labelledby="queue-privacy">
        <h2 id="queue-privacy">{t('computerQueue.join.privacyHeading')}</h2>
        <p>{t('computerQueue.join.privacy')}</p>
      </section>
    </Page>
  )
}

/**
 * One ticket's place. It does not reload itself (a page changing under a reader is a barrier,
 * WCAG 2.2.1): "Check again" asks for it anew.
 */
export function QueuePlacePage(p: {
  chrome: Chrome
  /** This page's own address, without the language prefix. */
  self: string
  ticket: number
  place: PublicPlace | undefined
  time: (iso: string) => string
}): VNode {
  const { t, link } = p.chrome.i18n
  const place = p.place
  return (
    <Page chrome={p.chrome}>
      <h1>{t('computerQueue.place.heading', { ticket: p.ticket })}</h1>
      <div class="measure" role="status">
        <p class="lead">
          {place === undefined
            ? t('computerQueue.place.gone', { ticket: p.ticket })
            : place.status === 'called'
              ? t('computerQueue.place.called', {
                  computer: place.computerName ?? '',
                  until: p.time(place.until ?? ''),
                })
              : t('computerQueue.place.waiting', { count: place.position, group: place.groupName })}
        </p>
      </div>
      <p class="actions">
        {place !== undefined && (
          <a class="button secondary" href={link(p.self)}>
            {t('computerQueue.place.again')}
          </a>
        )}
        <a href={link('/computers/queue')}>{t('computerQueue.place.back')}</a>
      </p>
    </Page>
  )
}

/** Giving up a place cannot be undone: this page says so, and its form is the confirmation. */
export function QueueLeavePage(p: {
  chrome: Chrome
  token: string
  groups: QueueGroupOption[]
  values?: { branch?: string | undefined; barcode?: string | undefined }
  problem?: QueueProblem | undefined
}): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('computerQueue.leave.heading')}</h1>
      <p class="lead measure">{t('computerQueue.leave.intro')}</p>
      <Problem problem={p.problem} />
      <form method="post" action={link('/computers/queue/leave')} class="measure">
        <PublicFormGuard token={p.token} label={t('common.forms.honeypot')} />
        <SelectField
          name="branch"
          label={t('computerQueue.join.branch')}
          value={p.values?.branch}
          options={branchesOf(p.groups)}
        />
        <CardFields t={t} card={p.values?.barcode} />
        <div class="actions">
          <button type="submit" class="button danger">
            {t('computerQueue.leave.submit')}
          </button>
          <a class="button secondary" href={link('/computers/queue')}>
            {t('computerQueue.leave.cancel')}
          </a>
        </div>
      </form>
    </Page>
  )
}

export function QueueLeftPage(p: { chrome: Chrome }): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('computerQueue.titles.left')}</h1>
      <p class="lead measure" role="status">
        {t('computerQueue.leave.done')}
      </p>
      <p>
        <a href={link('/computers/queue')}>{t('computerQueue.place.back')}</a>
      </p>
    </Page>
  )
}

/**
 * The screen in the library: ticket numbers and counts, never a name. The wall's browser opens it
 * with `?screen=1` and it then reloads itself; otherwise it stays still, like any page.
 */
export function QueueDisplayPage(p: {
  chrome: Chrome
  branchName: string
  display: QueueDisplay
  joinAddress: string
  time: (iso: string) => string
}): VNode {
  const { t } = p.chrome.i18n
  const { called, waiting } = p.display
  return (
    <Page chrome={p.chrome}>
      <h1>
        {t('computerQueue.display.heading')}: {p.branchName}
      </h1>
      <section aria-labelledby="display-called">
        <h2 id="display-called">{t('computerQueue.display.called')}</h2>
        {called.length === 0 ? (
          <p class="empty">{t('computerQueue.display.noneCalled')}</p>
        ) : (
          <table class="queue-display">
            <thead>
              <tr>
                <th scope="col">{t('computerQueue.display.ticket')}</th>
                <th scope="col">{t('computerQueue.display.computer')}</th>
                <th scope="col">{t('computerQueue.display.until')}</th>
              </tr>
            </thead>
            <tbody>
              {called.map((c) => (
                <tr key={c.ticket}>
                  <td class="ticket">{c.ticket}</td>
                  <td>{c.computerName}</td>
                  <td>{p.time(c.until)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="display-waiting">
        <h2 id="display-waiting">{t('computerQueue.display.waiting')}</h2>
        {waiting.length === 0 ? (
          <p class="empty">{t('computerQueue.display.noneWaiting')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('computerQueue.display.group')}</th>
                <th scope="col">{t('computerQueue.display.count')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w) => (
                <tr key={w.groupName}>
                  <td>{w.groupName}</td>
                  <td>{w.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p class="lead">{t('computerQueue.display.howTo', { address: p.joinAddress })}</p>
    </Page>
  )
}
