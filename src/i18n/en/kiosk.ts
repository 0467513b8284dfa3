/**
 * The screen of a public computer (`/kiosk`): set-up by staff, the terms, signing in, the time
 * left, locking for a short absence and the end of a session. Its script reads these words from
 * the page, so everything a patron reads on the kiosk is here, in both languages.
 */
export const kiosk = {
  title: 'Public computer',
  noScript:
    'This screen needs JavaScript, which is switched off in this browser. Please tell the staff at the desk.',
  connecting: 'Connecting to the library…',
  offline: 'The connection to the library was lost. Trying again…',
  enrol: {
    heading: 'Set up this computer',
    intro:
      'For staff: paste the device credential issued for this computer on the staff page “Computers”.',
    label: 'Device credential',
    submit: 'Set up',
    invalid:
      'That credential was not accepted. Check that it was pasted whole, or issue a new one on the staff page.',
    revoked:
      'This computer’s credential is no longer valid, so it cannot be used. Staff need to set it up again.',
    startUp:
      'To have the screen set itself up whenever the browser starts, give the browser this page’s address followed by # and the credential as its start-up address. The part after # never leaves this computer.',
  },
  welcome: {
    heading: 'Welcome',
    intro: 'Sign in with your library card and PIN, or with a guest pass from the desk.',
    termsHeading: 'Terms of use',
    term1:
      'This computer is shared by everyone who visits the library. Use it so that others around you feel welcome; staff may end a session that does not.',
    term2:
      'Keep to the law, copyright included, and leave the computer, its settings and the library’s network as you found them.',
    term3:
      'Your time starts when you sign in. The screen warns you 5 minutes and 1 minute before it ends: save your work somewhere of your own before then.',
    term4:
      'Log off when you finish, so the next person cannot open what you left behind. Anything saved on this computer may be erased.',
    term5:
      'The library needs to know who is on a computer only while the session lasts. Within a day that link is deleted, and only anonymous counts of use remain.',
    accept: 'I accept the terms: sign in',
  },
  signIn: {
    heading: 'Sign in',
    cardLegend: 'With a library card',
    card: 'Card number',
    pin: 'PIN',
    submit: 'Sign in',
    guestLegend: 'With a guest pass',
    guestCode: 'Guest pass code',
    guestSubmit: 'Sign in with the pass',
    back: 'Back',
    working: 'Checking…',
  },
  session: {
    heading: 'You are signed in',
    hello: 'Hello, {{name}}.',
    guest: 'You are using a guest pass.',
    left_one: '{{count}} minute left',
    left_other: '{{count}} minutes left',
    saveHint: 'Save your work before your time runs out.',
    logOff: 'Log off',
    lock: 'Lock screen',
  },
  warning: {
    five: 'Five minutes left. Save your work now.',
    one: 'One minute left. Your session is about to end: save your work and log off.',
  },
  lock: {
    heading: 'Lock the screen',
    intro:
      'Stepping away for a moment? Choose a code of 4 to 8 digits and type it again when you are back. Your time keeps running while the screen is locked.',
    code: 'Choose a code',
    repeat: 'Type the code again',
    submit: 'Lock',
    cancel: 'Cancel',
    mismatch: 'The two codes are not the same.',
    format: 'Use 4 to 8 digits.',
  },
  locked: {
    heading: 'This screen is locked',
    intro:
      'The person using this computer will be back soon. If nobody unlocks it within a few minutes, the session ends by itself.',
    code: 'Your code',
    submit: 'Unlock',
  },
  reserved: {
    heading: 'This computer is being held',
    body: 'It is waiting for ticket {{ticket}} until {{time}}.',
    mine: 'Is ticket {{ticket}} yours? Sign in to start.',
    signIn: 'Sign in',
  },
  queue: {
    join: 'Join the waiting list',
    heading: 'Join the waiting list',
    intro:
      'Wait for the next free computer of this kind. Sign in with your card and PIN to get a ticket number.',
    submit: 'Get a ticket',
    queuedHeading: 'You are on the waiting list',
    queued: 'Your ticket number is {{ticket}}.',
    queuedHow:
      'When a computer is free, the screen near the desk shows your number and the computer to go to. Sign in there within a few minutes, or the next person is called.',
  },
  outOfService: {
    heading: 'Out of service',
    body: 'This computer cannot be used right now. Please ask at the desk for another one.',
  },
  ended: {
    heading: 'Session ended',
    body: 'The session on this computer has ended. Thank you for visiting the library.',
    timeUpHeading: 'Time’s up',
    timeUpBody: 'Your time on this computer has run out. Thank you for visiting the library.',
    loggedOffHeading: 'You are logged off',
    loggedOffBody: 'Your session has ended and the computer is ready for the next person.',
    again: 'Done',
  },
  message: {
    heading: 'Message from the library staff',
    dismiss: 'OK',
  },
  refusals: {
    INVALID_CREDENTIALS: 'The card number or PIN is not right.',
    CARD_LOCKED:
      'Too many wrong PINs: this card is locked for a while. Try again later, or ask at the desk.',
    CARD_NOT_USABLE: 'This card cannot be used on the computers right now. Please ask at the desk.',
    COMPUTER_OUT_OF_SERVICE: 'This computer is out of service. Please ask at the desk.',
    COMPUTER_IN_USE: 'Someone is already signed in on this computer.',
    ACCOUNT_IN_USE: 'This card is already signed in on another computer. Log off there first.',
    NO_TIME_LEFT: 'There is no computer time left on this card today.',
    LIBRARY_CLOSED: 'The library is closed now, or about to close, so no new session can start.',
    NOT_ALLOWED:
      'This card cannot be used on this computer. Please ask at the desk which one to use.',
    RESERVED_FOR_OTHER: 'This computer is being held for someone called from the waiting list.',
    GUEST_PASS_INVALID:
      'This guest pass does not work here: it may have expired, be in use, or belong to another branch.',
    ALREADY_IN_QUEUE: 'This card already has a place on the waiting list at this branch.',
    RATE_LIMITED: 'Too many tries. Wait a few minutes and try again.',
    UNLOCK_CODE_WRONG: 'That code is not right.',
    UNLOCK_ATTEMPTS_EXHAUSTED:
      'Too many wrong codes, so the session has ended. Sign in again with your card or pass.',
    INVALID_LOCK_CODE: 'Use 4 to 8 digits.',
    NO_SESSION: 'Nobody is signed in on this computer now.',
    generic: 'That did not work. Please try again, or ask at the desk.',
    network: 'The library could not be reached. Please try again in a moment.',
  },
}
