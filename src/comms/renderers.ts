import { translator, formatsFor, type Formats, type T } from '../i18n/i18n.js'
import type { Locale } from '../i18n/catalog.js'

/** What the worker knows about the patron a notice is for (decrypted in the worker only). */
export interface PatronContact {
  patronId: string
  email: string | null
  givenName: string | null
  /** Whether the patron wants circulation notices (their choice on the account). */
  wantsNotices: boolean
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

/** Plain text and an accessible HTML version of the same paragraphs (real text, no images). */
export function composeMessage(
  locale: Locale,
  subject: string,
  paragraphs: string[],
): { subject: string; text: string; html: string } {
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</body></html>',
  ].join('\n')
  return { subject, text: `${paragraphs.join('\n\n')}\n`, html }
}

const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : ''

// The catalog's mail keys are built from the notice kind, so they are not literal types.
const tx = (t: T, key: string, options?: Record<string, unknown>): string =>
  (t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options)

/**
 * The short fallback for a kind the catalog has words for (`mail.<kind>.subject` and `.body`):
 * greeting, the body filled from the payload (its `branch` named, its date written in the
 * patron's language), and the footer. `optional` notices respect the patron's choice.
 */
export function genericRenderer(kind: string, options: { optional: boolean }): NoticeRenderer {
  return (input) => {
    if (options.optional && !input.contact.wantsNotices)
      return { outcome: 'skip', reason: 'The patron chose not to get notices.' }
    if (input.contact.email === null) return { outcome: 'print' }
    const p = input.payload
    const date = str(p.expiresOn ?? p.erasureOn ?? p.date)
    const values = {
      branch: input.library.branchName(str(p.branch)),
      date: date === '' ? '' : input.fmt.date(date),
      pickupCode: str(p.pickupCode),
    }
    const name = input.contact.givenName
    return {
      outcome: 'mail',
      ...composeMessage(input.locale, tx(input.t, `mail.${kind}.subject`), [
        name === null ? input.t('mail.greeting') : input.t('mail.greetingNamed', { name }),
        tx(input.t, `mail.${kind}.body`, values),
        input.t('mail.footer', { library: input.library.name }),
      ]),
    }
  }
}

/** The kinds Carrel queues today, with the short fallback texts. */
export function defaultRenderers(): RendererRegistry {
  return new RendererRegistry()
    .register('hold_ready', genericRenderer('hold_ready', { optional: true }))
    .register('erasure_warning', genericRenderer('erasure_warning', { optional: false }))
}

/** The renderer's inputs for one patron's language. */
export function renderInput(base: Omit<RenderInput, 't' | 'fmt'>, timeZone: string): RenderInput {
  return { ...base, t: translator(base.locale), fmt: formatsFor(base.locale, timeZone) }
}
