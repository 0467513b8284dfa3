/** The public branch pages: where each branch is, when it is open, and the days it is closed. */
export const branches = {
  nav: 'Hours & locations',
  titles: {
    list: 'Hours and locations',
  },
  home: {
    heading: 'Hours and locations',
    text: 'Where each branch is, when it is open this week, and the days it will be closed.',
    link: 'See hours and locations',
  },
  list: {
    heading: 'Hours and locations',
    lead: 'Every branch with its address, its hours for the next seven days and the closed days coming up. Times are local time at the library.',
    none: 'No branches are listed yet.',
    more: 'More about {{name}}',
  },
  branch: {
    contact: 'Address and contact',
    address: 'Address',
    noAddress: 'The address is not published yet.',
    phone: 'Phone',
    email: 'Email',
    back: 'All branches',
  },
  /** A time as a sentence names it (Spanish says "la 1:00" but "las 2:00"). */
  clock: {
    at: '{{time}}',
    atOne: '{{time}}',
  },
  status: {
    open: 'Open now, until {{time}}.',
    closed: 'Closed now.',
    closedNext: 'Closed now. Opens {{when}}.',
    unknown: 'The opening hours are not published yet.',
    today: 'today at {{time}}',
    tomorrow: 'tomorrow at {{time}}',
    onDay: '{{day}} at {{time}}',
  },
  week: {
    heading: 'This week',
    caption: 'Opening hours at {{name}} for the next seven days',
    day: 'Day',
    hours: 'Hours',
    today: 'today',
    closed: 'Closed',
    closedFor: 'Closed: {{note}}',
    span: '{{opens}} to {{closes}}',
    and: 'and',
  },
  regular: {
    heading: 'Regular hours',
    caption: 'Regular weekly opening hours at {{name}}, before closed days',
  },
  closures: {
    heading: 'Closed days coming up',
    none_one: 'No closed days in the next {{count}} day.',
    none_other: 'No closed days in the next {{count}} days.',
    within_one: 'In the next {{count}} day:',
    within_other: 'In the next {{count}} days:',
    weekly: 'Closed every {{weekday}}',
    withNote: '{{when}}: {{note}}',
  },
}
