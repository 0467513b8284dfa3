import type { VNode } from 'preact'
import type { Catalog } from '../../../i18n/catalog.js'
import type { HeldSection } from '../../../patrons/self-service.js'
import { RETENTION_RULES } from '../../../privacy/retention-rules.js'
import type { I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { Empty } from '../ui.js'
import { NEWSLETTER_SECTION, NewsletterHeld } from './newsletter.js'

/**
 * The page reads the sections of `myData()` (whose titles, reasons and retention sentences are
 * the service's English, kept as they are in the downloads) and says each in the page's language:
 * a section is known by its English title (its retention sentence follows from it; failing that,
 * from the rule whose sentence it carries).
 * A section the page does not know yet is shown under "Other records", never left in English on
 * a Spanish page.
 */
type SectionId = Exclude<keyof Catalog['account']['myData']['sections'], 'other'>
type KeptId = Exclude<keyof Catalog['account']['myData']['kept'], 'other'>

const SECTIONS: Record<string, SectionId> = {
  Registration: 'registration',
  'Library cards': 'cards',
  'Card balance': 'balance',
  'Notes about your account': 'notes',
  'Items on loan': 'loans',
  'Items on loan and your reading history': 'loansAndHistory',
  Holds: 'holds',
  'Fines and fees': 'fees',
  'Payments and waivers': 'payments',
  'Purchase suggestions and interlibrary-loan requests': 'requests',
  'Messages to you': 'messages',
  'Questions and changes of address': 'inquiries',
  'Public computer session': 'computer',
}

const KEPT: Partial<Record<keyof typeof RETENTION_RULES, KeptId>> = {
  'card-record': 'cardRecord',
  'card-ledger': 'cardLedger',
  'account-notes': 'accountNotes',
  'loan-link': 'loanLink',
  'reading-history': 'readingHistory',
  holds: 'holds',
  fees: 'fees',
  payments: 'payments',
  'patron-requests': 'patronRequests',
  notices: 'notices',
  inquiries: 'inquiries',
  'computer-sessions': 'computerSessions',
}

/** Codes shown as words, by section and field. */
const CODED: Partial<Record<SectionId, Record<string, string>>> = {
  registration: { status: 'values.patronStatus', language: 'values.language', sex: 'values.sex' },
  cards: { status: 'values.cardStatus' },
  holds: { status: 'values.holdStatus' },
  payments: { kind: 'values.paymentKind', method: 'values.paymentMethod' },
  requests: { kind: 'values.requestKind', status: 'values.requestStatus' },
  messages: { kind: 'values.noticeKind' },
  inquiries: {
    kind: 'values.inquiryKind',
    status: 'values.inquiryStatus',
    replyBy: 'values.replyBy',
  },
}
const CODED_FEES: Record<string, string> = { kind: 'fines.kind', status: 'fines.status' }

const BRANCH_FIELDS = new Set(['homeBranch', 'pickupBranch', 'branch'])
const DATE_FIELDS = new Set(['expiresOn', 'birthDate', 'erasureOn'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** `checked_out_at` and `address.line1` as the catalog names them: checkedOutAt, addressLine1. */
const camel = (path: string): string =>
  path
    .split(/[._]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('')

/** "givenName" and "checked_out_at" both read as words: for a field the catalog has no name for. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .replaceAll('.', ': ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  return [[prefix, value]]
}

export interface Names {
  branches: Record<string, string>
  categories: Record<string, string>
}

interface Row {
  label: string
  value: string
}

/** One record's fields as labelled words: no ids, money as money, codes as words, local dates. */
function rowsOf(
  record: Record<string, unknown>,
  section: SectionId | undefined,
  i18n: I18n,
  names: Names,
): Row[] {
  const { t, fmt, locale } = i18n
  const look = (key: string, fallback: string) =>
    t(`account.myData.${key}` as 'account.myData.yes', { defaultValue: fallback })
  const rows: Row[] = []
  for (const [path, raw] of flatten(record)) {
    const field = camel(path)
    if (
      field === 'id' ||
      field.endsWith('Id') ||
      field.endsWith('Ids') ||
      (typeof raw === 'string' && UUID.test(raw))
    )
      continue
    // An account that is not erased has no erasure date to speak of.
    if (field === 'erasedAt' && (raw === null || raw === undefined)) continue
    const labelKey =
      field === 'expiresOn' && (section === 'holds' || section === 'messages')
        ? 'expiresOnHold'
        : field
    const label = look(`fields.${labelKey}`, locale === 'en' ? fieldLabel(path) : path)
    const coded = (section === 'fees' ? CODED_FEES : CODED[section ?? 'notes'])?.[path]
    let value: string
    if (raw === null || raw === undefined || raw === '') {
      value =
        field === 'language' && section === 'registration'
          ? look('values.language.browser', '—')
          : '—'
    } else if (Array.isArray(raw) && field === 'noticesDeclined') {
      value =
        raw.length === 0
          ? '—'
          : raw
              .map((n) =>
                t(`account.choices.types.${String(n)}` as 'account.choices.types.courtesy', {
                  defaultValue: String(n),
                }),
              )
              .join(', ')
    } else if (typeof raw === 'boolean') {
      value = raw ? t('account.myData.yes') : t('account.myData.no')
    } else if (typeof raw === 'number' && /Cents$/.test(field)) {
      value = fmt.money(raw)
    } else if (typeof raw !== 'string') {
      value = typeof raw === 'number' ? String(raw) : JSON.stringify(raw)
    } else if (coded !== undefined) {
      value = coded.startsWith('fines.')
        ? t(`account.${coded}.${raw}` as 'account.fines.kind.lost', { defaultValue: raw })
        : look(`${coded}.${raw}`, raw)
    } else if (BRANCH_FIELDS.has(field)) {
      value = names.branches[raw] ?? raw
    } else if (field === 'category') {
      value = names.categories[raw] ?? raw
    } else if (/At$/.test(field) && !DATE.test(raw)) {
      value = fmt.dateTime(raw)
    } else if (DATE_FIELDS.has(field) || DATE.test(raw)) {
      value = fmt.date(raw)
    } else {
      value = raw
    }
    rows.push({ label, value })
  }
  return rows
}

/** Which retention sentence each known section carries (see `myData()`). */
const SECTION_KEPT: Record<SectionId, KeptId | undefined> = {
  registration: undefined,
  cards: 'cardRecord',
  balance: 'cardLedger',
  notes: 'accountNotes',
  loans: 'loanLink',
  loansAndHistory: 'readingHistory',
  holds: 'holds',
  fees: 'fees',
  payments: 'payments',
  requests: 'patronRequests',
  messages: 'notices',
  inquiries: 'inquiries',
  computer: 'computerSessions',
}

function keptText(keptUntil: string, section: SectionId | undefined, i18n: I18n): string {
  const { t, fmt } = i18n
  if (DATE.test(keptUntil)) return t('account.myData.until', { date: fmt.date(keptUntil) })
  const known = section === undefined ? undefined : SECTION_KEPT[section]
  if (known !== undefined) return t(`account.myData.kept.${known}`)
  const rule = (Object.keys(RETENTION_RULES) as (keyof typeof RETENTION_RULES)[]).find(
    (r) => RETENTION_RULES[r].summary === keptUntil,
  )
  const id = rule === undefined ? undefined : KEPT[rule]
  return id === undefined ? t('account.myData.kept.other') : t(`account.myData.kept.${id}`)
}

function Section({
  section,
  index,
  i18n,
  names,
}: {
  section: HeldSection
  index: number
  i18n: I18n
  names: Names
}): VNode {
  const { t } = i18n
  const id = SECTIONS[section.what]
  const title = t(`account.myData.sections.${id ?? 'other'}.title`)
  const why = t(`account.myData.sections.${id ?? 'other'}.why`)
  return (
    <section aria-labelledby={`held-${index}`} class="card">
      <h2 id={`held-${index}`}>{title}</h2>
      <dl class="kept">
        <div>
          <dt>{t('account.myData.why')}</dt>
          <dd>{why}</dd>
        </div>
        <div>
          <dt>{t('account.myData.howLong')}</dt>
          <dd>{keptText(section.keptUntil, id, i18n)}</dd>
        </div>
      </dl>
      {section.records.length === 0 ? (
        <Empty>{t('account.myData.nothing')}</Empty>
      ) : (
        section.records.map((record, i) => (
          <table key={i} class="record">
            <caption>
              {section.records.length > 1
                ? t('account.myData.recordNumber', { number: i + 1 })
                : t('account.myData.whatWeHold')}
            </caption>
            <tbody>
              {rowsOf(record, id, i18n, names).map((row, j) => (
                <tr key={j}>
                  <th scope="row">{row.label}</th>
                  <td>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </section>
  )
}

export function MyDataPage(p: {
  chrome: Chrome
  generatedAt: string
  sections: HeldSection[]
  names: Names
}): VNode {
  const i18n = p.chrome.i18n
  const { t, fmt, link } = i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('account.myData.heading')}</h1>
      <p class="lead measure">{t('account.myData.lead')}</p>
      <p class="actions">
        <a class="button" href={link('/account/my-data.json')} download>
          {t('account.myData.downloadJson')}
        </a>
        <a class="button secondary" href={link('/account/my-data.csv')} download>
          {t('account.myData.downloadCsv')}
        </a>
      </p>
      <p class="small measure">{t('account.myData.downloadNote')}</p>
      <p class="small">{t('account.myData.prepared', { date: fmt.dateTime(p.generatedAt) })}</p>
      {p.sections.map((s, i) =>
        s.what === NEWSLETTER_SECTION ? (
          <NewsletterHeld key={s.what} section={s} index={i} i18n={i18n} />
        ) : (
          <Section key={s.what} section={s} index={i} i18n={i18n} names={p.names} />
        ),
      )}
      <h2>{t('account.myData.notHereHeading')}</h2>
      <p class="measure">{t('account.myData.notHere')}</p>
      <p class="measure">
        {t('account.myData.notHereLinkBefore')}{' '}
        <a href={link('/privacy')}>{t('account.myData.notHereLink')}</a>{' '}
        {t('account.myData.notHereLinkAfter')}
      </p>
    </Page>
  )
}
