import type { VNode } from 'preact'
import { markdownToSafeHtml } from '../../../comms/newsletter-render.js'
import type { DiffPart } from '../../../policy/policy-diff.js'
import type { PolicyVersion } from '../../../policy/policy-versions.js'
import { useI18n } from '../../locale.js'

/** The text a reader in this language gets: the Spanish one where the version has it. */
export function textFor(
  version: Pick<PolicyVersion, 'body' | 'bodyEs' | 'changes' | 'changesEs'>,
  locale: string,
): { body: string; changes: string; lang: 'en' | 'es'; fallback: boolean } {
  if (locale !== 'es')
    return { body: version.body, changes: version.changes, lang: 'en', fallback: false }
  if (version.bodyEs === null)
    return {
      body: version.body,
      changes: version.changesEs ?? version.changes,
      lang: 'en',
      fallback: true,
    }
  return {
    body: version.bodyEs,
    changes: version.changesEs ?? version.changes,
    lang: 'es',
    fallback: false,
  }
}

/**
 * A version's text, from Markdown. The HTML is sanitized by an allow-list (no script, style,
 * image or attribute but a link's address), so it is set as it is; headings start at h2.
 */
export function PolicyText(p: { body: string; lang: 'en' | 'es'; fallback: boolean }): VNode {
  const { t } = useI18n()
  return (
    <>
      {p.fallback && (
        <p class="notice" data-fallback="english">
          {t('policy.englishOnly')}
        </p>
      )}
      <div
        class="policy-text measure"
        lang={p.lang}
        dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(p.body) }}
      />
    </>
  )
}

/**
 * What changed, on the Markdown source as written, word by word. Colour is never the only sign:
 * additions are <ins> and removals <del>, each announced by a visually hidden word, and struck
 * through or underlined by the stylesheet.
 */
export function PolicyDiff(p: { parts: DiffPart[]; lang: 'en' | 'es' }): VNode {
  const { t } = useI18n()
  return (
    <div class="policy-diff measure" lang={p.lang}>
      {p.parts.map((part, i) => {
        if (part.kind === 'same') return part.text
        const Tag = part.kind === 'added' ? 'ins' : 'del'
        return (
          <Tag key={i}>
            <span class="visually-hidden">
              {t(part.kind === 'added' ? 'policy.version.added' : 'policy.version.removed')}{' '}
            </span>
            {part.text}
            <span class="visually-hidden"> ({t('policy.version.endChange')})</span>
          </Tag>
        )
      })}
    </div>
  )
}
