/**
 * The staff statistics pages (`/staff/statistics`). Staff pages are shown in English; the words
 * live in the catalog so the Spanish one can follow when staff pages do.
 */
export const staffStatistics = {
  nav: 'Statistics',
  titles: {
    landing: 'Statistics',
    website: 'Website statistics',
  },
  landing: {
    intro:
      'Counts only: none of these reports can name a patron or a visitor, and small counts are hidden so that nobody can be picked out of them.',
    website: 'Website',
    websiteAbout:
      'Views, visits and visitors over time, the most visited pages, the sites people came from, where visits began and ended, and how people move between sections.',
    library: 'Library',
    libraryAbout:
      'Checkouts, renewals, holds, registrations, fees, questions, requests and public computer use.',
    annual: 'Annual report',
    annualAbout: 'The counts the state annual report and the national library survey ask for.',
  },
  form: {
    legend: 'Which days to count',
    from: 'From',
    to: 'To',
    dayHint: 'A date in UTC, written YYYY-MM-DD.',
    grouping: 'Group by',
    day: 'Day',
    week: 'Week (from Monday)',
    month: 'Month',
    site: 'Site',
    allSites: 'All sites',
    show: 'Show',
    refused: 'These days cannot be counted:',
  },
  website: {
    intro:
      'What the library’s pages counted between {{from}} and {{to}} (UTC). No page view can be traced to a person: visits and visitors were recognized only in the server’s memory.',
    visitorsNote:
      'A visitor is recognized for one day only, so the visitors of a week or a month are the sum of its days’ visitors.',
    hiddenNote:
      'Counts from 1 to {{max}} are shown as “hidden”. Where a total would give such a count away, another count — possibly a larger one — is hidden as well, so that a page only a handful of people saw cannot point to them.',
    csvNote:
      'A count written “hidden” is from 1 to {{max}}, or any count hidden because a total would give such a count away.',
    none: 'Nothing was counted on these days.',
    csv: 'Download as CSV',
    totals: 'In all: {{views}} views, {{visits}} visits, {{visitors}} visitor-days.',
  },
  sections: {
    overTime: 'Views, visits and visitors',
    overTimeChart: 'Views, visits and visitors per {{grouping}}, {{from}} to {{to}}',
    pages: 'Most visited pages',
    pagesChart: 'Visits to the most visited pages',
    referrers: 'Sites visitors came from',
    referrersChart: 'Visits arriving from other sites',
    entries: 'Pages where visits began',
    entriesChart: 'Visits that began on each page',
    exits: 'Pages where visits ended',
    exitsChart: 'Visits that ended on each page',
    flows: 'Movement between sections',
    flowsNote:
      'A section is the first part of a page’s address (/catalog for /catalog/123; / is the home page). Each row counts moves from a page of one section to the next page of a visit.',
  },
  columns: {
    period: 'Period',
    views: 'Views',
    visits: 'Visits',
    visitors: 'Visitors',
    page: 'Page',
    referrer: 'Site',
    from: 'From section',
    to: 'To section',
    moves: 'Moves',
    total: 'Total of the rows above',
  },
  per: {
    day: 'day',
    week: 'week',
    month: 'month',
  },
  cells: {
    hidden: 'hidden',
    notShown: 'not shown',
  },
}
