import { catalogOf } from '../../src/i18n/i18n.js'
import { textOf } from './web-client.js'

/** What a reader or a screen reader meets on a page: its text and its labelling attributes. */
export function readableText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map(
    (m) => m[1] ?? '',
  )
  return textOf(`${html} ${attributes.join(' ')}`)
}

/**
 * English sentences of the catalog found on a page that should be in Spanish: every English text
 * of three words or more (its placeholders as wildcards) that Spanish does not share word for word.
 */
export function englishLeftIn(html: string): string[] {
  const text = readableText(html)
  const es = new Set(Object.values(catalogOf('es')))
  return Object.values(catalogOf('en'))
    .filter((sentence) => !es.has(sentence) && sentence.split(/\s+/).length >= 3)
    .filter((sentence) => {
      const parts = sentence.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.trim())
      const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '')
      return longest.split(/\s+/).length >= 3 && text.includes(longest)
    })
}
