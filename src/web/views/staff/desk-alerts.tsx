import type { VNode } from 'preact'
import type { HoldView } from '../../../circulation/holds.service.js'
import { addDays } from '../../../library/calendar.js'
import type { PatronView } from '../../../patrons/patron-views.js'
import { money, type Formats } from '../../format.js'
import type { LibraryNames } from '../../library-names.js'

/** A card this close to its end date is flagged at the desk, so staff can offer to renew it. */
export const CARD_EXPIRY_WARNING_DAYS = 30

/** What the desk should know before lending: each alert says in words what it is. */
export type DeskAlert =
  | { kind: 'hold_ready'; title: string; branch: string; until: string; pickupCode: string }
  | { kind: 'no_card' }
  | { kind: 'card_expired'; on: string }
  | { kind: 'fines_over_limit'; owedCents: number; limitCents: number; category: string }
  | { kind: 'card_expiring'; on: string; days: number }

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000)

/**
 * The alerts for a patron at the desk, from what the page already has: their record, what they
 * owe, their holds (for roles that see them) and the category's limit. Nothing new is looked up.
 */
export function deskAlerts(p: {
  patron: PatronView
  owedCents: number
  holds: HoldView[] | undefined
  names: LibraryNames
  today: string
}): DeskAlert[] {
  const alerts: DeskAlert[] = []
  for (const h of p.holds ?? [])
    if (h.status === 'ready' && h.pickupCode !== null && h.expiresOn !== null)
      alerts.push({
        kind: 'hold_ready',
        title: h.title,
        branch: p.names.branch(h.pickupBranch),
        until: h.expiresOn,
        pickupCode: h.pickupCode,
      })
  if (!p.patron.cards.some((c) => c.status === 'active')) alerts.push({ kind: 'no_card' })
  const expires = p.patron.expiresOn
  if (expires < p.today) alerts.push({ kind: 'card_expired', on: expires })
  const limit = p.names.maxOwedCents(p.patron.category)
  if (p.owedCents > limit)
    alerts.push({
      kind: 'fines_over_limit',
      owedCents: p.owedCents,
      limitCents: limit,
      category: p.names.category(p.patron.category),
    })
  if (expires >= p.today && expires <= addDays(p.today, CARD_EXPIRY_WARNING_DAYS))
    alerts.push({ kind: 'card_expiring', on: expires, days: daysBetween(p.today, expires) })
  return alerts
}

function AlertText({ alert, fmt }: { alert: DeskAlert; fmt: Formats }): VNode {
  switch (alert.kind) {
    case 'hold_ready':
      return (
        <>
          <strong>Hold waiting:</strong>
          {` “${alert.title}” is on the hold shelf at ${alert.branch} under pickup code ${alert.pickupCode}; collect by ${fmt.date(alert.until)}.`}
        </>
      )
    case 'no_card':
      return (
        <>
          <strong>Blocked:</strong>
          {
            ' no card is in use (lost, replaced or expired). Issue or reactivate one before lending.'
          }
        </>
      )
    case 'card_expired':
      return (
        <>
          <strong>Blocked:</strong>
          {` the registration ended on ${fmt.date(alert.on)}. Renew it before lending.`}
        </>
      )
    case 'fines_over_limit':
      return (
        <>
          <strong>Blocked:</strong>
          {` owes ${money(alert.owedCents)}, over the ${money(alert.limitCents)} limit for ${alert.category}. Lending stops until the balance is at or under the limit.`}
        </>
      )
    case 'card_expiring':
      return (
        <>
          <strong>Card ending soon:</strong>
          {` the registration ends on ${fmt.date(alert.on)} (${alert.days === 0 ? 'today' : alert.days === 1 ? 'tomorrow' : `in ${alert.days} days`}). Offer to renew it.`}
        </>
      )
  }
}

/** First on the patron page: a hold to hand over, anything that stops lending, a card about to end. */
export function DeskAlerts({ alerts, fmt }: { alerts: DeskAlert[]; fmt: Formats }): VNode | null {
  if (alerts.length === 0) return null
  return (
    <section class="notice desk-alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Before you lend</h2>
      <ul>
        {alerts.map((a, i) => (
          <li key={i} data-alert={a.kind}>
            <AlertText alert={a} fmt={fmt} />
          </li>
        ))}
      </ul>
    </section>
  )
}
