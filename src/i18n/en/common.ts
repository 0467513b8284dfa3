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
  /** Words every public form shares (see src/web/public-forms.ts). */
  forms: {
    /** The label of the field people never see; only programs fill it in. */
    honeypot: 'Leave this field empty',
    expired: 'This form was open too long. Check what you wrote and send it again.',
    throttled_one: 'Too many forms came from your network address. Try again in {{count}} minute.',
    throttled_other:
      'Too many forms came from your network address. Try again in {{count}} minutes.',
    dailyLimit:
      'This form has taken all it can for today. Try again tomorrow, or phone or visit the library.',
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
