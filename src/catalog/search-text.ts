import { stemmer as spanishStem } from '@orama/stemmers/spanish'
import englishStem from 'wink-porter2-stemmer'

/*
 * The words of catalog search, the same on both engines: accents folded, then each word stemmed
 * twice, once in English (Porter2, the algorithm of PostgreSQL's `english` configuration) and
 * once in Spanish (Snowball, as PostgreSQL's `spanish`). PostgreSQL stems with its own
 * configurations; SQLite's FTS5 stems only English (`porter`), so for SQLite Carrel stems here and
 * FTS5 indexes the stems as they are.
 *
 * Changing how words are folded or stemmed changes what is stored: it needs a migration that
 * rewrites `bib_records.search_text` and redefines `carrel_search_fold` (as 0017 does).
 */

/** Latin letters with diacritics (Latin-1, Extended-A and -B, Extended Additional). */
const FOLDED_RANGES: readonly (readonly [number, number])[] = [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]

function foldPairs(): { from: string; to: string } {
  let from = ''
  let to = ''
  for (const [low, high] of FOLDED_RANGES) {
    for (let code = low; code <= high; code++) {
      const letter = String.fromCharCode(code)
      const base = letter.normalize('NFD').replace(/\p{M}+/gu, '')
      if (base.length === 1 && base !== letter) {
        from += letter
        to += base
      }
    }
  }
  return { from, to }
}

/**
 * Each letter of `from` folds to the letter at the same place in `to` (é → e, Ñ → N). PostgreSQL
 * gets the same pairs through `translate()`, which needs no extension (`unaccent` may be missing).
 */
export const FOLD = foldPairs()
const FOLD_MAP = new Map([...FOLD.from].map((c, i) => [c, FOLD.to.charAt(i)]))

/** Lower case, accents off: "Canción" → "cancion". */
export function fold(text: string): string {
  let out = ''
  for (const c of text.normalize('NFC')) out += FOLD_MAP.get(c) ?? c
  return out.toLowerCase()
}

/** Runs of letters (with their marks) and digits; everything else separates words. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu
/** Longer "words" are not language (a pasted URL, a code): they are kept as they are. */
const LONGEST_STEMMED = 40

export function words(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

export interface Stems {
  en: string
  es: string
}

export function stems(word: string): Stems {
  if (word.length > LONGEST_STEMMED || !/\p{L}/u.test(word)) return { en: word, es: word }
  return { en: englishStem(word) || word, es: spanishStem(word) || word }
}

/**
 * A field's words as SQLite indexes them: the English stems, a bar, the Spanish stems. The bar is
 * a word of its own to FTS5 (`tokenchars '|'`) that no search can contain, so a quoted phrase
 * never runs from the last English stem into the first Spanish one.
 */
function fieldStems(text: string | null | undefined): string {
  const found = words(text ?? '').map(stems)
  if (found.length === 0) return ''
  return `${found.map((s) => s.en).join(' ')} | ${found.map((s) => s.es).join(' ')}`
}

/** `bib_records.search_text`: the title's stems, a line break, the author's. */
export function searchDocument(title: string, author: string | null | undefined): string {
  return `${fieldStems(title)}\n${fieldStems(author)}`
}

/** What a searcher typed, made safe: words that must all appear, and quoted phrases. */
export interface TextQuery {
  words: string[]
  phrases: string[][]
}

const MAX_WORDS = 12
const MAX_PHRASES = 4
const MAX_PHRASE_WORDS = 12
const QUOTES = /["“”„‟«»]/g

/**
 * Reads a search box. Only letters and digits survive, so nothing typed (FTS operators such as
 * NEAR( or *, a minus, a colon, stray brackets) reaches either engine as syntax. Text between a
 * pair of quotes is a phrase; a quote without its partner is ignored.
 */
export function parseText(text: string | undefined): TextQuery {
  const query: TextQuery = { words: [], phrases: [] }
  if (text === undefined) return query
  const parts = text.replace(QUOTES, '"').split('"')
  const balanced = parts.length % 2 === 1
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1 && (balanced || i < parts.length - 1)
    const found = words(part)
    if (quoted && found.length > 1) {
      if (query.phrases.length < MAX_PHRASES) query.phrases.push(found.slice(0, MAX_PHRASE_WORDS))
    } else {
      for (const w of found)
        if (!query.words.includes(w) && query.words.length < MAX_WORDS) query.words.push(w)
    }
  })
  return query
}

export const isEmptyText = (q: TextQuery): boolean => q.words.length === 0 && q.phrases.length === 0

/** The search boxes: words anywhere, in the title only, by the author only. */
export interface SearchText {
  any: TextQuery
  title: TextQuery
  author: TextQuery
}

/** Each word or phrase once per language: either language's stem may match. */
export function alternatives(q: TextQuery): Stems[] {
  return [
    ...q.words.map(stems),
    ...q.phrases.map((p) => {
      const s = p.map(stems)
      return { en: s.map((x) => x.en).join(' '), es: s.map((x) => x.es).join(' ') }
    }),
  ]
}

const literal = (s: string) => `"${s.replaceAll('"', '""')}"`
const either = ({ en, es }: Stems) =>
  en === es ? literal(en) : `(${literal(en)} OR ${literal(es)})`

/**
 * The same words, all of them in the title: the titles that rank first. Undefined when nothing was
 * typed into the words box (a search by title or author alone ranks by bm25 only).
 */
export function ftsTitleExpression(text: SearchText): string | undefined {
  const clauses = [...alternatives(text.any), ...alternatives(text.title)]
  if (isEmptyText(text.any) || clauses.length === 0) return undefined
  return clauses.map((a) => `title : ${either(a)}`).join(' AND ')
}

/** An FTS5 MATCH expression built only from quoted stems, or undefined when there is nothing. */
export function ftsExpression(text: SearchText): string | undefined {
  const clauses = [
    ...alternatives(text.any).map(either),
    ...alternatives(text.title).map((a) => `title : ${either(a)}`),
    ...alternatives(text.author).map((a) => `author : ${either(a)}`),
  ]
  return clauses.length === 0 ? undefined : clauses.join(' AND ')
}
