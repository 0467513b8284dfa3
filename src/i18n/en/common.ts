/** What every page around its own content says: header, navigation, footer, language switch. */
export const common = {
  skipLink: 'Skip to main content',
  signOut: 'Sign out',
  signedIn: 'Signed in',
  mainMenu: 'Main',
  /** The button that opens the navigation on a narrow screen. */
  menu: 'Menu',
  area: {
    account: 'Your account',
    staff: 'Staff desk',
  },
  language: {
    label: 'Language',
    /** Spoken by a screen reader before the switch's link or button. */
    switchTo: 'Read this page in {{language}}',
  },
  footer: {
    privacy: 'Privacy notice',
    wifi: 'Wi-Fi notice',
    records: 'Requests for records',
    databases: 'Online databases',
    staffSignIn: 'Staff sign-in',
    publicSite: 'Public site',
    cookies:
      'This site sets no cookies while you browse. Signing in sets one, which ends when you sign out or close the browser.',
  },
  nav: {
    home: 'Home',
    search: 'Search the catalog',
    account: 'Your account',
    databases: 'Online databases',
    privacy: 'Privacy',
  },
  accountNav: {
    checkouts: 'Checkouts',
    holds: 'Holds',
    fines: 'Fines and balance',
    history: 'Reading history',
    messages: 'Messages',
    myData: 'My data',
    accesses: 'Who looked at my record',
    pin: 'Change PIN',
  },
}
