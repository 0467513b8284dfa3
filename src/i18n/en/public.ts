/** The public pages: home, catalog search and records, notices, records requests, sign-in. */
export const publicPages = {
  titles: {
    home: 'Home',
    search: 'Search the catalog',
    searchResults: 'Search results',
    transparency: 'Requests for patron records',
    wifi: 'Wi-Fi notice',
    databases: 'Online databases',
    leaving: 'Leaving the library website',
    signIn: 'Sign in',
  },
  home: {
    welcome: 'Welcome to {{library}}',
    lead: 'Search the catalog, place holds, renew what you have borrowed, and see exactly what the library keeps about you.',
    accountHeading: 'Your account',
    accountText:
      'Sign in with your library card and PIN to renew items, manage holds and see when things are due.',
    accountLink: 'Go to your account',
    privacyHeading: 'Your privacy',
    privacyText:
      'What you read is your business. This site sets no cookies while you browse, and we keep only what we need, for as long as we need it.',
    privacyLink: 'Read how we protect your privacy',
    databasesHeading: 'Online databases',
    databasesText: 'Encyclopedias, newspapers and more, provided by other companies.',
    databasesLink: 'See the online databases',
    wifiHeading: 'Wi-Fi in the library',
    wifiText: 'Free to use, but not encrypted: read this before you connect.',
    wifiLink: 'Read the Wi-Fi notice',
  },
  search: {
    heading: 'Search the catalog',
    /** The search form's name for screen readers. */
    formLabel: 'Catalog',
    words: 'Search by title, author or keyword',
    /** Under the search box: how to find words side by side. */
    wordsHint: 'Put words in quotes to find them side by side, as in "secret garden".',
    submit: 'Search',
    separately: 'Search by title, author or ISBN separately',
    title: 'Title',
    author: 'Author',
    isbn: 'ISBN',
    found_one: '{{count}} title found',
    found_other: '{{count}} titles found',
    /** When the results take more than one page. */
    foundShowing_one: '{{count}} title found, showing {{first}}–{{last}}',
    foundShowing_other: '{{count}} titles found, showing {{first}}–{{last}}',
    none: 'No titles found',
    noneHint: 'Try fewer words, or check the spelling.',
    pages: 'Result pages',
    previous: 'Previous page',
    next: 'Next page',
    tooLong:
      'Your search could not be read. Each box takes up to 200 characters, and an ISBN up to 20.',
    /** The box of sorting and filters over the results. */
    refine: 'Sort and filter',
    sortBy: 'Sort by',
    sorts: {
      relevance: 'Best match',
      title: 'Title, A to Z',
      author: 'Author, A to Z',
      newest: 'Newest first',
    },
    facets: {
      format: 'Format',
      availability: 'Availability',
      availableNow: 'Available now',
      branch: 'Branch',
      year: 'Year published',
      anyYear: 'Any year',
    },
    apply: 'Show results',
    clear: 'Clear filters',
    availability: {
      noCopies: 'No copies to lend right now.',
      available_one: '{{count}} available',
      available_other: '{{count}} available',
      allInUse: 'all copies in use',
      copies_one: '{{count}} copy',
      copies_other: '{{count}} copies',
    },
  },
  /** The kinds of material a title can be. */
  material: {
    book: 'Book',
    ebook: 'E-book',
    audiobook: 'Audiobook',
    video: 'Video',
    music: 'Music',
    serial: 'Magazine or journal',
    map: 'Map',
    kit: 'Kit',
    other: 'Other',
  },
  record: {
    authorUnknown: 'Author unknown',
    format: 'Format',
    year: 'Year',
    isbn: 'ISBN',
    whereHeading: 'Where to find it',
    noCopies: 'The library has no copies of this title right now.',
    copiesCaption: 'Copies by branch',
    columns: {
      branch: 'Branch',
      callNumber: 'Call number',
      status: 'Status',
    },
    /** Where a copy is now, by its status. */
    status: {
      available: 'On the shelf',
      on_loan: 'Checked out',
      on_hold_shelf: 'Waiting for someone who placed a hold',
      in_transit: 'Traveling between branches',
      not_for_loan: 'Library use only',
      lost: 'Missing',
      withdrawn: 'No longer in the collection',
    },
    borrowHeading: 'Borrow it',
    borrowText:
      'Place a hold and we will keep the next copy for you at the branch you choose. You will be asked to sign in with your library card.',
    placeHold: 'Place a hold',
  },
  wifi: {
    heading: "Using the library's Wi-Fi",
    warningStrong: "Traffic on the library's wireless network is not encrypted.",
    warningRest: 'Others nearby could see what you send and receive over it.',
    intro: 'The network is free and open to everyone in the building. Because it is open:',
    /** Around the word "https", shown as it is. */
    httpsBefore: 'Use websites whose address starts with',
    httpsAfter: '. They encrypt the connection themselves.',
    banking: 'Avoid banking or other private business unless the site uses https.',
    sharing: 'Turn off file and printer sharing on your device.',
    signOut: 'Sign out of websites and accounts when you finish.',
    ownPages: 'Our own pages, including your library account, are best reached over https.',
    privacyQuestion: 'What does the library itself record?',
    privacyLink: 'Read the privacy notice.',
  },
  databases: {
    heading: 'Online databases',
    lead: "These services are run by other companies under the library's subscription. Each one sets its own cookies in your browser when you use it. If you refuse them, that service may not work, but the rest of our site is not affected, and those cookies are never sent to us.",
    none: 'The library offers no online databases right now.',
    setsCookies: 'Sets its own cookies',
    runBy: 'Run by another company at {{host}}.',
    open: 'Open {{name}}',
    policiesHeading: 'Their privacy policies, not ours',
    policies:
      "The library's privacy policy covers only what the library itself keeps. What these companies record when you search, read or sign in is governed by each company's own privacy policy, so please read it before you use the service.",
    readPolicy: "Read {{name}}'s privacy policy",
    noPolicy:
      'The company behind {{name}} publishes no privacy policy we could link to. Ask at the desk before you use it if that matters to you.',
  },
  leaving: {
    heading: "You are leaving the library's website",
    lead: 'The link you followed goes to a site the library does not run. Its own privacy policy and cookies apply there, and the library cannot protect your privacy on it. We do not tell it which of our pages you came from.',
    goingTo: 'You are going to:',
    continue: 'Continue to {{host}}',
    stay: "Stay on the library's website",
    refused: 'That link does not lead to a website we can show.',
  },
  transparency: {
    heading: 'Requests for patron records',
    intro:
      'The library releases records that identify a patron, or what a patron borrowed, only under a court order or in the narrow emergency that Illinois law allows (75 ILCS 70/1). Every request is recorded. This page counts them by year; it never says whose records were asked for.',
    none: 'No requests have been received.',
    caption: 'Requests received, released and refused, by year',
    columns: {
      year: 'Year',
      kind: 'Kind of request',
      received: 'Received',
      released: 'Released',
      refused: 'Refused',
    },
    kinds: {
      court_order: 'Court orders',
      emergency: 'Law-enforcement emergencies',
      other: 'Other requests',
    },
    records: {
      heading: 'Requests for public records',
      intro:
        'Anyone may ask for the library’s public records under the Illinois Freedom of Information Act. These are the requests received each year and how they were answered; nothing here says who asked or what for.',
      none: 'No requests for public records have been received.',
      caption: 'Requests for public records received, fulfilled, partly denied and denied, by year',
      received: 'Received',
      fulfilled: 'Fulfilled',
      partiallyDenied: 'Partly denied',
      denied: 'Denied',
    },
  },
  signIn: {
    heading: 'Sign in to your account',
    barcode: 'Library card number',
    barcodeHint: 'The number under the barcode on your card.',
    pin: 'PIN',
    submit: 'Sign in',
    cookie:
      'Signing in sets one cookie that keeps you signed in. It holds nothing readable, and it ends when you sign out or close the browser. Signing out, changing your PIN or reporting your card lost signs you out on every device. On a shared computer, always sign out.',
    forgotPin: 'Forgot your PIN? Ask at any branch desk with your card and we will set a new one.',
    pinChanged:
      'Your PIN is changed. Every browser signed in to your account has been signed out: sign in with the new PIN.',
    formExpired: 'The sign-in form had expired. Please try again.',
    missing: 'Enter your card number and PIN.',
    cardExpired:
      'Your card has expired. You can still see your account; please renew the card at any desk.',
    /** A network address that sent too many wrong PINs, told how long to wait. */
    throttled_one:
      'Too many wrong PINs came from this network. Wait {{count}} minute and try again.',
    throttled_other:
      'Too many wrong PINs came from this network. Wait {{count}} minutes and try again.',
  },
}
