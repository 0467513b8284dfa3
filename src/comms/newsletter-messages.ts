import type { Selectable } from 'kysely'
import type { AppContext } from '../context.js'
import { openPatronRow } from '../patrons/patron-record.js'
import { loadPatronCiphers } from '../privacy/field-cipher.js'
import { openEmails, unsubscribeToken } from './newsletter-keys.js'
import {
  issueTextFor,
  renderConfirmation,
  renderIssueText,
  type NewsletterLocale,
  type RenderedMail,
} from './newsletter-render.js'
import { publicBase } from './newsletter-store.js'
import type { NewsletterDeliveriesTable, NewsletterIssuesTable } from './newsletter.tables.js'

type DeliveryRow = Selectable<NewsletterDeliveriesTable>
type IssueRow = Selectable<NewsletterIssuesTable>

export interface Recipient {
  subscriptionId: string
  patronId: string | null
  status: 'pending' | 'active'
  locale: NewsletterLocale
  email: string | null
}

/** The subscribers of a batch with their addresses, decrypted here and nowhere else. */
export async function recipientsOf(ctx: AppContext, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  const subs =
    unique.length === 0
      ? []
      : await ctx.db
          .selectFrom('newsletter_subscriptions')
          .select(['id', 'patron_id', 'email_enc', 'status', 'language'])
          .where('id', 'in', unique)
          .execute()
  const publicEmails = await openEmails(ctx.keys, ctx.keyring, subs)
  const patronIds = subs.flatMap((s) => (s.patron_id === null ? [] : [s.patron_id]))
  const patrons =
    patronIds.length === 0
      ? []
      : await ctx.db.selectFrom('patrons').selectAll().where('id', 'in', patronIds).execute()
  const ciphers = await loadPatronCiphers(ctx.keys, ctx.keyring, patronIds)
  const patronEmails = new Map<string, string | null>()
  for (const p of patrons) {
    const cipher = ciphers.get(p.id)
    if (p.status !== 'active' || cipher === undefined) continue
    patronEmails.set(p.id, openPatronRow(p, cipher).email)
  }
  return new Map<string, Recipient>(
    subs.map((s) => [
      s.id,
      {
        subscriptionId: s.id,
        patronId: s.patron_id,
        status: s.status,
        locale: s.language === 'es' ? 'es' : 'en',
        email:
          s.patron_id === null
            ? (publicEmails.get(s.id) ?? null)
            : (patronEmails.get(s.patron_id) ?? null),
      },
    ]),
  )
}

export interface Message extends RenderedMail {
  locale: NewsletterLocale
  headers?: Record<string, string>
}

/** The issues a batch carries. */
export async function issuesOf(
  ctx: AppContext,
  rows: readonly DeliveryRow[],
): Promise<Map<string, IssueRow>> {
  const ids = [...new Set(rows.flatMap((r) => (r.issue_id === null ? [] : [r.issue_id])))]
  const issues =
    ids.length === 0
      ? []
      : await ctx.db.selectFrom('newsletter_issues').selectAll().where('id', 'in', ids).execute()
  return new Map(issues.map((i) => [i.id, i]))
}

/**
 * What one delivery says, or undefined when there is nothing to send any more: no address, a
 * confirmation for a subscription no longer pending, an issue for one no longer active.
 */
export function messageFor(
  ctx: AppContext,
  row: DeliveryRow,
  to: Recipient,
  issue: IssueRow | undefined,
): Message | undefined {
  if (to.email === null) return undefined
  const base = publicBase(ctx)
  const libraryName = ctx.config.library.name
  if (row.kind === 'confirm' && to.status === 'pending' && row.payload !== null) {
    // The confirmation page in the subscriber's language.
    const prefix = to.locale === 'es' ? '/es' : ''
    return {
      ...renderConfirmation(to.locale, {
        libraryName,
        confirmUrl: `${base}${prefix}/newsletter/confirm/${row.payload}`,
        days: ctx.config.newsletter.confirmDays,
      }),
      locale: to.locale,
    }
  }
  if (row.kind === 'issue' && to.status === 'active' && issue?.status === 'sending') {
    const text = {
      subject: issue.subject,
      body: issue.body,
      subjectEs: issue.subject_es,
      bodyEs: issue.body_es,
    }
    const unsubscribeUrl = `${base}/newsletter/unsubscribe/${unsubscribeToken(ctx.keyring, to.subscriptionId)}`
    return {
      ...renderIssueText(text, to.locale, { libraryName, unsubscribeUrl }),
      locale: issueTextFor(text, to.locale).locale,
      // RFC 8058: a mail provider may unsubscribe with one POST to this address, no page.
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    }
  }
  return undefined
}
