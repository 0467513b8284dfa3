/**
 * How long the website statistics stay, for the privacy notice (their purposes and categories
 * come from the inventory itself), and what the notice says about browsing the site.
 */
export const websiteKeep = {
  'website-views': '{{period}}, then deleted. Only the daily counts below remain.',
  'website-statistics':
    'Kept as the library’s statistics. They hold no address and nothing that tells one visitor from another.',
}

export const websiteBrowsing = {
  heading: 'Browsing this website',
  text: 'No cookies are set while you browse, and nothing is saved in your browser. Signing in to your account sets a single cookie that keeps you signed in; it ends when you sign out or close your browser.',
  statistics:
    'To see how the website is used, we record each page you view: the page (its address without the part after “?”, where searches are written), the time, the other website whose link brought you here (its name only), and your network address with its last part removed, so it points to a neighborhood of connections rather than to your device. These records are kept in a database of their own, apart from library accounts, and are deleted after {{days}} days; after that only daily counts remain. To follow you from page to page we use a code that lives only in the server’s memory and is replaced every day; it is never written down.',
  keptQuery: 'Of the part after “?”, only these items are kept: {{names}}.',
  optOut:
    'If your browser sends Global Privacy Control or Do Not Track, nothing at all is recorded.',
  optOutGpc:
    'If your browser sends Global Privacy Control, nothing at all is recorded. This library does count views from browsers that send only Do Not Track.',
  optOutDnt:
    'If your browser sends Do Not Track, nothing at all is recorded. This library does count views from browsers that send only Global Privacy Control.',
  optOutNone:
    'This library counts views even from browsers that send Global Privacy Control or Do Not Track.',
  neverCounted: 'Staff pages and your account pages are never counted.',
}
