/**
 * The annual report (`/staff/statistics/annual`, `carrel report annual`). Staff pages are shown
 * in English; the words live in the catalog, like the computers pages, so Spanish can follow.
 * The field names (REGBOR, TOTCIR…) are the IMLS Public Libraries Survey's and are not translated.
 */
export const staffAnnual = {
  title: 'Annual report',
  titleYear: 'Annual report, fiscal year {{year}}',
  titlePeriod: 'Annual report, {{from}} to {{to}}',
  intro:
    'The numbers the Illinois Public Library Annual Report (IPLAR) and the IMLS Public Libraries Survey ask for that Carrel can count, each under its survey field name with how it was counted. Copy them into the survey yourself; an empty value is one Carrel cannot know, with the reason.',
  period: 'From {{from}} to {{to}}',
  fiscalYear: 'Fiscal year',
  fiscalYearHint:
    'A fiscal year is named for the year it ends in: it starts on the first of {{month}}.',
  show: 'Show',
  csv: 'Download as CSV',
  print: 'Print',
  back: 'All statistics',
  columns: {
    field: 'Survey field',
    label: 'What it means',
    value: 'Value',
    method: 'How Carrel counted it',
  },
  notCounted: 'Not counted',
  caption: 'Survey fields for {{from}} to {{to}}',
  footnote:
    'Every number is a whole-library total for the period, made from anonymous counts that name no one. They are not broken down by branch, category or day here, so no small group of people can be singled out and nothing is hidden; the library statistics report shows the breakdowns, with small counts hidden.',
  sources: {
    patrons: 'Patron registrations, records store',
    circulation: 'Daily circulation counts, records store',
    activity: 'Daily activity counts, records store',
    computers: 'Computer use counts, records store',
    website: 'Website statistics store',
    none: 'Not recorded by Carrel',
  },
  fields: {
    REGBOR: {
      label: 'Registered users',
      method:
        'Patron records not erased, registered by {{to}} and whose registration had not expired on that day, as the records stand when the report is made. The survey asks for users registered within the last three years: Carrel counts current registrations, whose length the library sets (patrons.cardValidityDays).',
    },
    TOTCIR: {
      label: 'Total circulation of materials',
      method:
        'Checkouts plus renewals of physical items at every branch, counted when each happened (renewals count, as the survey asks). Electronic circulation is not in Carrel: add ELMATCIR before filing.',
    },
    PHYSCIR: {
      label: 'Physical item circulation',
      method: 'Checkouts plus renewals of physical items at every branch.',
    },
    ELMATCIR: {
      label: 'Electronic materials circulation',
      method:
        "Not recorded by Carrel: e-books and other electronic materials are lent through the vendors' platforms; take the number from their reports.",
    },
    KIDCIRCL: {
      label: "Children's circulation",
      method:
        "Checkouts plus renewals by patrons in the children's categories ({{categories}}, set in statistics.childCategories). The survey counts children's materials whoever borrows them; Carrel counts by the borrower's category, because an item does not record its audience.",
      methodNone:
        "No patron category is set as children's (statistics.childCategories), so nothing was counted.",
    },
    LOANTO: {
      label: 'Interlibrary loans provided to other libraries',
      method:
        'Not recorded by Carrel: items lent to other libraries are handled in the resource-sharing system; take the number from it.',
    },
    LOANFM: {
      label: 'Interlibrary loans received from other libraries',
      method:
        "Interlibrary-loan requests patrons made in the period, counted when each was made, by the patron's home branch. A request that was never filled still counts; check against the resource-sharing system.",
    },
    REFERENC: {
      label: 'Reference transactions',
      method:
        'Questions sent to the library through Carrel (the "Ask a librarian" form and account messages), counted when each arrived. Questions asked at a desk or by telephone are not counted by Carrel: add the desk tally.',
    },
    PITUSR: {
      label: 'Uses (sessions) of public internet computers',
      method:
        'Sessions on the public computers Carrel manages, whatever their length (card holders and guest passes alike), each counted on the day it started once it has ended.',
    },
    WIFISESS: {
      label: 'Wireless (Wi-Fi) sessions',
      method: "Not recorded by Carrel: take it from the library's network equipment.",
    },
    WEBVISIT: {
      label: 'Website visits',
      method:
        "Visits counted by Carrel's website statistics on every site it counts: a run of page views from one browser with gaps under 30 minutes. Robots and browsers asking not to be tracked (Global Privacy Control, Do Not Track) are not counted. Website days are UTC days.",
      methodOff:
        'Not counted: website statistics are switched off (statistics.enabled), so Carrel has no visits to report.',
    },
  },
  errors: {
    heading: 'That period cannot be reported',
  },
}
