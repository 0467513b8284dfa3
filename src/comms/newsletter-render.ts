import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'
import { translator } from '../i18n/i18n.js'

export type NewsletterLocale = 'en' | 'es'

/** What an issue says: English, and optionally Spanish (both subject and body, or neither). */
export interface IssueText {
  subject: string
  body: string
  subjectEs: string | null
  bodyEs: string | null
}

export interface RenderedMail {
  subject: string
  html: string
  text: string
}

// Raw HTML in the Markdown is shown as text, never passed through; bare addresses become links.
const markdown = new MarkdownIt({ html: false, linkify: true })

/**
 * What survives of staff-written HTML: text structure and plain links (http, https, mailto), no
 * images, no attributes but href, nothing that runs. Headings start at h2: the message's own
 * title is the subject.
 */
const ALLOW: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'blockquote',
    'code',
    'pre',
    'hr',
    'br',
  ],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' },
}

/** Markdown to the sanitized HTML a subscriber receives. */
export function markdownToSafeHtml(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOW)
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

function page(locale: NewsletterLocale, subject: string, content: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 1em;">',
    content,
    '</body></html>',
  ].join('\n')
}

/** Which language's text a subscriber in `locale` gets: Spanish only where the issue has it. */
export function issueTextFor(
  issue: IssueText,
  locale: NewsletterLocale,
): { subject: string; body: string; locale: NewsletterLocale } {
  const hasSpanish = (issue.subjectEs ?? '').trim() !== '' && (issue.bodyEs ?? '').trim() !== ''
  return locale === 'es' && hasSpanish
    ? { subject: issue.subjectEs ?? '', body: issue.bodyEs ?? '', locale: 'es' }
    : { subject: issue.subject, body: issue.body, locale: 'en' }
}

/**
 * One issue as a subscriber in `locale` receives it: sanitized HTML, the Markdown source as the
 * plain-text part, and a footer with the unsubscribe link. Links go straight to their targets.
 */
export function renderIssueText(
  issue: IssueText,
  locale: NewsletterLocale,
  options: { libraryName: string; unsubscribeUrl: string },
): RenderedMail {
  const chosen = issueTextFor(issue, locale)
  // The footer is in the language of the text it closes.
  const t = translator(chosen.locale)
  const library = options.libraryName
  const url = options.unsubscribeUrl
  const html = page(
    chosen.locale,
    chosen.subject,
    [
      `<main>${markdownToSafeHtml(chosen.body)}</main>`,
      '<hr>',
      '<footer style="font-size: 14px; color: #444;">',
      `<p>${escapeHtml(t('newsletterMail.issue.reason', { library }))}</p>`,
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t('newsletterMail.issue.unsubscribe'))}</a></p>`,
      `<p>${escapeHtml(t('newsletterMail.issue.noTracking'))}</p>`,
      '</footer>',
    ].join('\n'),
  )
  const text = [
    chosen.body.replace(/\r\n/g, '\n').trimEnd(),
    '',
    '-- ',
    t('newsletterMail.issue.reason', { library }),
    t('newsletterMail.issue.unsubscribeText', { url }),
    t('newsletterMail.issue.noTracking'),
    '',
  ].join('\n')
  return { subject: chosen.subject, html, text }
}

/** The message that asks a new subscriber to confirm, with the link that does it. */
export function renderConfirmation(
  locale: NewsletterLocale,
  options: { libraryName: string; confirmUrl: string; days: number },
): RenderedMail {
  const t = translator(locale)
  const library = options.libraryName
  const url = options.confirmUrl
  const subject = t('newsletterMail.confirm.subject', { library })
  const html = page(
    locale,
    subject,
    [
      `<h1 style="font-size: 20px;">${escapeHtml(t('newsletterMail.confirm.heading'))}</h1>`,
      `<p>${escapeHtml(t('newsletterMail.confirm.body', { library }))}</p>`,
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t('newsletterMail.confirm.button'))}</a></p>`,
      `<p>${escapeHtml(t('newsletterMail.confirm.valid', { count: options.days }))}</p>`,
      `<p>${escapeHtml(t('newsletterMail.confirm.ignore'))}</p>`,
    ].join('\n'),
  )
  const text = [
    t('newsletterMail.confirm.heading'),
    '',
    t('newsletterMail.confirm.body', { library }),
    url,
    '',
    t('newsletterMail.confirm.valid', { count: options.days }),
    '',
    t('newsletterMail.confirm.ignore'),
    '',
  ].join('\n')
  return { subject, html, text }
}
