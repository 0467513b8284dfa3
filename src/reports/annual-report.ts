import { websiteTotals } from '../analytics/reports.js'
import type { AppContext } from '../context.js'
import type { T } from '../i18n/i18n.js'
import { activityIn } from './annual-activity.js'
import {
  circulationIn,
  computerSessionsIn,
  registrationsCurrentAt,
} from './annual-counts.js'
import type { ReportPeriod } from './annual-period.js'

/*
 * The counts the Illinois Public Library Annual Report (IPLAR) asks for that also feed the IMLS
 * Public Libraries Survey (PLS). Field names are the PLS variable names, as written in:
 * - "FY 2024 Public Libraries Survey Data Element Definitions" (IMLS, OMB control number
 *   3137-0074, Attachment A) and the columns of the PLS public-use data files, which carry
 *   REGBOR, TOTCIR, PHYSCIR, ELMATCIR, KIDCIRCL, LOANTO, LOANFM, REFERENC, PITUSR and WIFISESS;
 * - element 503 "registered users" (the PLS State Data Coordinators' wiki, 2014);
 * - elements 651 PITUSR (uses of public internet computers) and 652 WIFISESS (wireless sessions)
 *   as numbered in the Maryland State Library's guide to the same survey;
 * - element 653 "Website Visits (WEBVISIT)" as quoted in IMLS/public-libraries-survey issue #66.
 * Carrel adds no field of its own: every row here is a survey field.
 */

export type AnnualField =
  | 'REGBOR'
  | 'TOTCIR'
  | 'PHYSCIR'
  | 'ELMATCIR'
  | 'KIDCIRCL'
  | 'LOANTO'
  | 'LOANFM'
  | 'REFERENC'
  | 'PITUSR'
  | 'WIFISESS'
  | 'WEBVISIT'

export type AnnualSource = 'patrons' | 'circulation' | 'activity' | 'computers' | 'website' | 'none'

export interface AnnualRow {
  /** The survey's field (variable) name. */
  field: AnnualField
  /** What the field means, in plain words. */
  label: string
  /** Null when Carrel cannot know it (never 0 for "unknown"): `method` says why. */
  value: number | null
  /** How Carrel counted it, in words. */
  method: string
  /** Which of Carrel's records the number comes from. */
  source: AnnualSource
  sourceLabel: string
}

export interface AnnualReport {
  period: ReportPeriod
  rows: AnnualRow[]
}

/** The report for a period: one row per survey field, in the survey's order. */
export async function annualReport(
  ctx: AppContext,
  period: ReportPeriod,
  t: T,
): Promise<AnnualReport> {
  const { db, config } = ctx
  const kids = config.statistics.childCategories
  const [registered, circulation, children, activity, sessions, web] = await Promise.all([
    registrationsCurrentAt(db, period, config.library.timezone),
    circulationIn(db, period),
    circulationIn(db, period, kids),
    activityIn(db, period),
    computerSessionsIn(db, period),
    config.statistics.enabled ? websiteTotals(ctx.statistics.db, period.from, period.to) : null,
  ])
  const row = (
    field: AnnualField,
    value: number | null,
    source: AnnualSource,
    method: string,
  ): AnnualRow => ({
    field,
    label: t(`staffAnnual.fields.${field}.label`),
    value,
    method,
    source,
    sourceLabel: t(`staffAnnual.sources.${source}`),
  })
  const method = (field: Exclude<AnnualField, 'KIDCIRCL' | 'WEBVISIT'>) =>
    t(`staffAnnual.fields.${field}.method`, { to: period.to })
  return {
    period,
    rows: [
      row('REGBOR', registered, 'patrons', method('REGBOR')),
      row('TOTCIR', circulation, 'circulation', method('TOTCIR')),
      row('PHYSCIR', circulation, 'circulation', method('PHYSCIR')),
      row('ELMATCIR', null, 'none', method('ELMATCIR')),
      row(
        'KIDCIRCL',
        children,
        'circulation',
        kids.length === 0
          ? t('staffAnnual.fields.KIDCIRCL.methodNone')
          : t('staffAnnual.fields.KIDCIRCL.method', { categories: kids.join(', ') }),
      ),
      row('LOANTO', null, 'none', method('LOANTO')),
      row('LOANFM', activity.illRequests, 'activity', method('LOANFM')),
      row('REFERENC', activity.inquiries, 'activity', method('REFERENC')),
      row('PITUSR', sessions, 'computers', method('PITUSR')),
      row('WIFISESS', null, 'none', method('WIFISESS')),
      web === null
        ? row('WEBVISIT', null, 'none', t('staffAnnual.fields.WEBVISIT.methodOff'))
        : row('WEBVISIT', web.visits, 'website', t('staffAnnual.fields.WEBVISIT.method')),
    ],
  }
}
