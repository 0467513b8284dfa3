import type { VNode } from 'preact'
import type { T } from '../../../i18n/i18n.js'
import type { Formats } from '../../format.js'
import { TextArea } from '../form-fields.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, PostButton } from '../ui.js'

/** A computer as the staff list shows it (the registry's ComputerState). */
export interface ComputerRow {
  id: string
  name: string
  branch: string
  groupCode: string
  groupName: string
  inService: boolean
  lastSeenAt: string | null
  session?: { endsAt: string; guest: boolean; locked: boolean; patronName?: string } | undefined
}

export interface GroupRow {
  id: string
  branch: string
  code: string
  name: string
}

export const computerHref = (id: string, rest = ''): string =>
  `/staff/computers/${encodeURIComponent(id)}${rest}`

/** Whole minutes until the session ends, never below zero. */
export const minutesLeft = (endsAt: string, now: Date): number =>
  Math.max(0, Math.ceil((Date.parse(endsAt) - now.getTime()) / 60_000))

function statusOf(c: ComputerRow, t: T): VNode {
  if (!c.inService) return <span class="tag bad">{t('staffComputers.list.outOfService')}</span>
  if (c.session === undefined) return <span class="tag ok">{t('staffComputers.list.free')}</span>
  return (
    <span class="tag">
      {t(c.session.locked ? 'staffComputers.list.locked' : 'staffComputers.list.inUse')}
    </span>
  )
}

const EXTEND_CHOICES = [15, 30, 60]

function Actions(p: { c: ComputerRow; csrf: string; t: T }): VNode {
  const { c, csrf, t } = p
  const extendId = `extend-${c.id}`
  return (
    <div class="actions">
      {c.session !== undefined && (
        <>
          <a class="button danger" href={computerHref(c.id, '/end')}>
            {t('staffComputers.list.end')}
          </a>
          <form method="post" action={computerHref(c.id, '/extend')} class="inline actions">
            <Csrf token={csrf} />
            <label class="visually-hidden" for={extendId}>
              {t('staffComputers.list.extendBy', { name: c.name })}
            </label>
            <select id={extendId} name="minutes">
              {EXTEND_CHOICES.map((m) => (
                <option key={m} value={String(m)}>
                  {t('staffComputers.list.minutes', { count: m })}
                </option>
              ))}
            </select>
            <button type="submit" class="button secondary">
              {t('staffComputers.list.extend')}
            </button>
          </form>
        </>
      )}
      <PostButton
        action={computerHref(c.id, '/service')}
        csrf={csrf}
        label={t(c.inService ? 'staffComputers.list.takeOut' : 'staffComputers.list.putBack')}
        accessibleLabel={`${t(
          c.inService ? 'staffComputers.list.takeOut' : 'staffComputers.list.putBack',
        )}: ${c.name}`}
        fields={{ inService: c.inService ? '0' : '1' }}
      />
    </div>
  )
}

/** The computers in use, per branch, with what desk staff may do to each. */
export function ComputersPage(p: {
  chrome: Chrome
  csrf: string
  computers: ComputerRow[]
  groups: GroupRow[]
  branchName: (code: string) => string
  showNames: boolean
  canManage: boolean
  now: Date
  fmt: Formats
}): VNode {
  const { t } = p.chrome.i18n
  const branches = [...new Set(p.computers.map((c) => c.branch))]
  return (
    <Page chrome={p.chrome}>
      <div class="staff-computers">
        <h1>{t('staffComputers.titles.list')}</h1>
        <p class="measure">{t('staffComputers.list.intro')}</p>
        {p.canManage && (
          <p class="actions">
            <a href="/staff/computers/setup">{t('staffComputers.list.setupLink')}</a>
            <a href="/staff/computers/rules">{t('staffComputers.list.rulesLink')}</a>
          </p>
        )}
        {p.computers.length === 0 && <Empty>{t('staffComputers.list.none')}</Empty>}
        {branches.map((branch) => (
          <section key={branch} aria-labelledby={`branch-${branch}`}>
            <h2 id={`branch-${branch}`}>{p.branchName(branch)}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('staffComputers.list.computer')}</th>
                  <th scope="col">{t('staffComputers.list.group')}</th>
                  <th scope="col">{t('staffComputers.list.status')}</th>
                  <th scope="col">{t('staffComputers.list.timeLeft')}</th>
                  {p.showNames && <th scope="col">{t('staffComputers.list.patron')}</th>}
                  <th scope="col">{t('staffComputers.list.lastSeen')}</th>
                  <th scope="col">{t('staffComputers.list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {p.computers
                  .filter((c) => c.branch === branch)
                  .map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      <td data-label={t('staffComputers.list.group')}>{c.groupName}</td>
                      <td data-label={t('staffComputers.list.status')}>{statusOf(c, t)}</td>
                      <td data-label={t('staffComputers.list.timeLeft')} class="num">
                        {c.session === undefined
                          ? '—'
                          : t('staffComputers.list.minutes', {
                              count: minutesLeft(c.session.endsAt, p.now),
                            })}
                      </td>
                      {p.showNames && (
                        <td data-label={t('staffComputers.list.patron')}>
                          {c.session === undefined
                            ? '—'
                            : c.session.guest
                              ? t('staffComputers.list.guest')
                              : (c.session.patronName ?? '—')}
                        </td>
                      )}
                      <td data-label={t('staffComputers.list.lastSeen')}>
                        {c.lastSeenAt === null
                          ? t('staffComputers.list.never')
                          : p.fmt.dateTime(c.lastSeenAt)}
                      </td>
                      <td data-label={t('staffComputers.list.actions')}>
                        <Actions c={c} csrf={p.csrf} t={t} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
        {p.computers.length > 0 && <MessageForm {...p} />}
      </div>
    </Page>
  )
}

function MessageForm(p: {
  chrome: Chrome
  csrf: string
  computers: ComputerRow[]
  groups: GroupRow[]
  branchName: (code: string) => string
}): VNode {
  const { t } = p.chrome.i18n
  return (
    <section aria-labelledby="message-heading">
      <h2 id="message-heading">{t('staffComputers.message.heading')}</h2>
      <form method="post" action="/staff/computers/message" class="measure">
        <Csrf token={p.csrf} />
        <div class="field">
          <label for="f-target">{t('staffComputers.message.target')}</label>
          <select id="f-target" name="target">
            {p.computers.map((c) => (
              <option key={c.id} value={`computer:${c.id}`}>
                {`${c.name} (${p.branchName(c.branch)})`}
              </option>
            ))}
            {p.groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {t('staffComputers.message.group', {
                  name: g.name,
                  branch: p.branchName(g.branch),
                })}
              </option>
            ))}
          </select>
        </div>
        <TextArea
          name="text"
          label={t('staffComputers.message.text')}
          hint={t('staffComputers.message.hint')}
          required
          maxLength={500}
        />
        <button type="submit">{t('staffComputers.message.send')}</button>
      </form>
    </section>
  )
}

/** Ending a session cannot be undone, so the list's link leads here and only this form ends it. */
export function EndSessionPage(p: { chrome: Chrome; csrf: string; computer: ComputerRow }): VNode {
  const { t } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('staffComputers.end.heading', { name: p.computer.name })}</h1>
      <p class="measure">{t('staffComputers.end.body')}</p>
      <form method="post" action={computerHref(p.computer.id, '/end')} class="actions">
        <Csrf token={p.csrf} />
        <button type="submit" class="button danger">
          {t('staffComputers.end.confirm')}
        </button>
        <a class="button secondary" href="/staff/computers">
          {t('staffComputers.end.cancel')}
        </a>
      </form>
    </Page>
  )
}
