import { translator, formatsFor, type Formats, type T } from '../i18n/i18n.js'
import type { Locale } from '../i18n/catalog.js'
import { choiceOf, NOTICE_TYPES, type OptionalNotice } from './notice-types.js'

/** What the worker knows about the patron a notice is for (decrypted in the worker only). */
export interface PatronContact {
  patronId: string
  email: string | null
  givenName: string | null
  /** Whether the patron wants circulation notices (their choice on the account). */
  wantsNotices: boolean
  /** The patron chose to have titles named in their notices (P10). */
  wantsTitles: boolean
  /** The optional notice types the patron turned off. */
  declined: readonly OptionalNotice[]
  /** The patron asked to hear about changes to the privacy policy (`notify.policyChanges`). */
  wantsPolicyChanges: boolean
}

export interface RenderInput {
  kind: string
  /** The notice's payload as queued (never a title). */
  payload: Record<string, unknown>
  contact: PatronContact
  locale: Locale
  t: T
  fmt: Formats
  library: { name: string; branchName(code: string): string }
  /** Whether the library sends this type of notice (`notices.<type>.enabled`). */
  enabled?: boolean
  /** The titles the notice is about, looked up while rendering; empty unless the patron opted in. */
  titles?: readonly string[]
  /** The account pages, linked from the notice. */
  accountUrl?: string
  /** A lost item's charge, read from the charge as the notice is written. */
  amountCents?: number
  /** The library's day the notice is written (YYYY-MM-DD): near dates leave the year out. */
  today?: string
}

/** What a notice says, before it is made an email or a printed letter. */
export interface NoticeContent {
  subject: string
  blocks: Block[]
}

export type Rendered =
  | { outcome: 'mail'; subject: string; text: string; html: string }
  /** No email address: the notice waits for a printed letter. */
  | { outcome: 'print' }
  /** Nothing to send: the patron chose not to get this kind of notice. */
  | { outcome: 'skip'; reason: string }

/** Turns one notice into a message. */
export type NoticeRenderer = (input: RenderInput) => Rendered

/** Renderers per notice kind; the worker claims only notices whose kind has one. */
export class RendererRegistry {
  private readonly byKind = new Map<string, NoticeRenderer>()
  register(kind: string, renderer: NoticeRenderer): this {
    this.byKind.set(kind, renderer)
    return this
  }
  get(kind: string): NoticeRenderer | undefined {
    return this.byKind.get(kind)
  }
  kinds(): string[] {
    return [...this.byKind.keys()]
  }
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** An address written in a paragraph, made a link (already escaped, so it holds no quote). */
const linked = (escaped: string): string =>
  escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)

/** A paragraph, or a list (titles) written as a bulleted list. */
export type Block = string | { list: readonly string[] }

/** Plain text and an accessible HTML version of the same blocks (real text, no images). */
export function composeMessage(
  locale: Locale,
  subject: string,
  blocks: Block[],
): { subject: string; text: string; html: string } {
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...blocks.map((b) =>
      typeof b === 'string'
        ? `<p>${linked(escapeHtml(b))}</p>`
        : `<ul>${b.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    ),
    '</body></html>',
  ].join('\n')
  const text = blocks
    .map((b) => (typeof b === 'string' ? b : b.list.map((i) => `- ${i}`).join('\n')))
    .join('\n\n')
  return { subject, text: `${text}\n`, html }
}

const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : ''

// The catalog's mail keys are built from the notice kind, so they are not literal types.
const tx = (t: T, key: string, options?: Record<string, unknown>): string =>
  (t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options)

/** Why a notice is not sent to this patron, or undefined when it is. */
export function skipReason(kind: string, input: RenderInput): string | undefined {
  if (input.enabled === false) return 'The library has switched this type of notice off.'
  if (kind === 'policy_change') {
    if (!input.contact.wantsPolicyChanges)
      return 'The patron chose not to hear about policy changes.'
    // The patron asked for an email; no letters are printed for it.
    if (input.contact.email === null) return 'The patron has no email address.'
    return undefined
  }
  const choice = choiceOf(kind)
  if (choice === undefined) return undefined
  if (!input.contact.wantsNotices) return 'The patron chose not to get notices.'
  if (input.contact.declined.includes(choice))
    return 'The patron chose not to get this type of notice.'
  return undefined
}

/** Notice types about items: they name titles only for a patron who chose that (P10). */
const ABOUT_ITEMS = new Set([
  'hold_ready',
  'courtesy',
  'overdue_first',
  'overdue_second',
  'lost_billed',
])

/** The lines particular to each type, filled from the payload (never a title). */
function bodyOf(kind: string, input: RenderInput): Block[] {
  const p = input.payload
  const t = (key: string, values?: Record<string, unknown>) =>
    tx(input.t, `mail.${kind}.${key}`, values)
  const date = (v: unknown) => (str(v) === '' ? '' : input.fmt.weekdayDate(str(v), input.today))
  switch (kind) {
    case 'hold_ready':
      return [
        t('body', { branch: input.library.branchName(str(p.branch)), date: date(p.expiresOn) }),
        t('code', { pickupCode: str(p.pickupCode) }),
      ]
    case 'courtesy':
      return [t('body', { count: Number(p.count ?? 1), date: date(p.dueOn) }), t('renew')]
    case 'overdue_first':
    case 'overdue_second':
      return [t('body', { count: Number(p.count ?? 1), date: date(p.dueOn) }), t('action')]
    case 'lost_billed':
      return [
        t('body', { date: date(p.on), amount: input.fmt.money(input.amountCents ?? 0) }),
        t('action'),
      ]
    case 'card_expiring':
      return [t('body', { date: date(p.expiresOn) }), t('action')]
    case 'pin_changed':
      return [t('body', { date: date(p.on) }), t('action')]
    case 'erasure_warning':
      return [t('body', { date: date(p.erasureOn) }), t('wait')]
    case 'policy_change':
      return [
        t('body', { library: input.library.name, label: str(p.label) }),
        t('effective', { date: date(p.effectiveOn) }),
        t('read', { url: policyUrlIn(str(p.url), input.locale) }),
        t('why'),
      ]
    default:
      return [t('body', { date: date(p.date) })]
  }
}

/** A version page's address in the patron's language: Spanish pages live under `/es`. */
function policyUrlIn(url: string, locale: Locale): string {
  return locale === 'en'
    ? url
    : url.replace(/\/policy\/versions\/(\d+)$/, `/${locale}/policy/versions/$1`)
}

/**
 * What one notice says: greeting, what it is about (titles only for a patron who opted in,
 * otherwise a count and a link to the account), how to change the choices, and the footer. The
 * email and the printed letter both say exactly this.
 */
export function noticeContent(kind: string, input: RenderInput): NoticeContent {
  const name = input.contact.givenName
  const url = input.accountUrl ?? ''
  const blocks: Block[] = [
    name === null ? input.t('mail.greeting') : input.t('mail.greetingNamed', { name }),
    ...bodyOf(kind, input),
  ]
  const titles = input.contact.wantsTitles ? (input.titles ?? []) : []
  if (ABOUT_ITEMS.has(kind) && titles.length > 0) {
    blocks.push(input.t('mail.titlesIntro'), { list: titles }, input.t('mail.titlesHint'))
    blocks.push(input.t('mail.account', { url }))
  } else if (ABOUT_ITEMS.has(kind)) {
    blocks.push(input.t('mail.accountForTitles', { url }))
  } else {
    blocks.push(input.t('mail.account', { url }))
  }
  if (choiceOf(kind) !== undefined) blocks.push(input.t('mail.optOutHint'))
  blocks.push(input.t('mail.footer', { library: input.library.name }))
  return { subject: tx(input.t, `mail.${kind}.subject`), blocks }
}

/**
 * One notice type's renderer: skip for a type the library switched off or a patron who turned
 * it off, print for a patron with no email address, otherwise the message.
 */
export function noticeRenderer(kind: string): NoticeRenderer {
  return (input) => {
    const reason = skipReason(kind, input)
    if (reason !== undefined) return { outcome: 'skip', reason }
    if (input.contact.email === null) return { outcome: 'print' }
    const content = noticeContent(kind, input)
    return { outcome: 'mail', ...composeMessage(input.locale, content.subject, content.blocks) }
  }
}

/** Every notice type Carrel sends, each with its renderer. */
export function defaultRenderers(): RendererRegistry {
  const registry = new RendererRegistry()
  for (const kind of NOTICE_TYPES) registry.register(kind, noticeRenderer(kind))
  return registry
}

// Building a language's date and money formats costs milliseconds; a worker writes thousands of
// notices in a handful of languages and time zones, so each is built once.
const formatsCache = new Map<string, Formats>()

/** The renderer's inputs for one patron's language. */
export function renderInput(base: Omit<RenderInput, 't' | 'fmt'>, timeZone: string): RenderInput {
  const key = `${base.locale}|${timeZone}`
  let fmt = formatsCache.get(key)
  if (fmt === undefined) formatsCache.set(key, (fmt = formatsFor(base.locale, timeZone)))
  return { ...base, t: translator(base.locale), fmt }
}
