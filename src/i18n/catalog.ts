/**
 * The message catalog: every sentence a patron reads, in American English and in Spanish.
 * English is the shape; the Spanish catalog must have exactly the same keys (the compiler checks
 * it, and test/i18n/catalog.test.ts checks it again at run time), plus the `_many` plural form
 * that Spanish uses for large round numbers ("1 000 000 de ejemplares").
 */
import { en } from './en/index.js'

export type Locale = 'en' | 'es'
export const LOCALES: readonly Locale[] = ['en', 'es']
export const DEFAULT_LOCALE: Locale = 'en'

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' }

/** The BCP 47 tag used with Intl for dates and money: both are the United States' forms. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', es: 'es-US' }

export const isLocale = (text: unknown): text is Locale =>
  typeof text === 'string' && (LOCALES as readonly string[]).includes(text)

export type Catalog = typeof en

/** Another language's catalog: the same keys as English, and a `_many` form beside each `_other`. */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>
} & {
  [K in keyof T as K extends `${infer B}_other` ? `${B}_many` : never]: string
}
