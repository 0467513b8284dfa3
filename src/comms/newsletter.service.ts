/**
 * The newsletter, as the pages, the CLI and the scheduler call it: public and account sign-up
 * with double opt-in, one-click unsubscribe that erases, and staff issues written in Markdown,
 * sent in batches by the delivery worker (newsletter-worker.ts). No tracking of any kind: links
 * go straight to their targets and nothing is recorded about who opened or clicked.
 */
import type { NewsletterLocale } from './newsletter-render.js'
import { renderIssueText } from './newsletter-render.js'
import type { IssueDetail } from './newsletter-issues.js'

export type { NewsletterLocale } from './newsletter-render.js'
export {
  accountSubscription,
  checkUnsubscribeToken,
  confirmSubscription,
  subscribeAccount,
  subscribeByEmail,
  unsubscribeAccount,
  unsubscribeByToken,
} from './newsletter-subscriptions.js'
export {
  createIssue,
  deleteDraft,
  getIssue,
  issueProgress,
  listIssues,
  startSending,
  updateIssue,
  type IssueDetail,
  type IssueDraft,
  type IssueSummary,
} from './newsletter-issues.js'
export { activeSubscriberCount } from './newsletter-counts.js'

/**
 * Pure: what a subscriber in `locale` receives of an issue (sanitized HTML, the Markdown source
 * as text, the subject), with `unsubscribeUrl` in the footer. Used by the preview and the worker.
 */
export function renderIssue(
  issue: IssueDetail,
  locale: NewsletterLocale,
  options: { libraryName: string; unsubscribeUrl: string },
): { subject: string; html: string; text: string } {
  return renderIssueText(issue, locale, options)
}
