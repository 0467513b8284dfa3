/**
 * The newsletter's pages: signing up on the public site, confirming, leaving, and the section on
 * the account's messages page. Staff pages are in English and keep their words in the views.
 */
export const newsletter = {
  nav: 'Newsletter',
  titles: {
    signUp: 'The library newsletter',
    checkEmail: 'Check your email',
    confirmed: 'You are subscribed',
    confirmInvalid: 'This link does not work',
    unsubscribe: 'Leave the newsletter',
    unsubscribed: 'You have left the newsletter',
    notSubscribed: 'Not subscribed',
    accountUnsubscribe: 'Stop the newsletter',
  },
  signUp: {
    heading: 'Get the library newsletter',
    intro:
      'News from the library by email: events, new services and changes to opening hours, about once a month.',
    email: 'Your email address',
    emailHint: 'We send a message to this address first; nothing arrives until you confirm.',
    submit: 'Sign up',
    promisesHeading: 'What we do not do',
    noTracking:
      'No tracking: the newsletter carries no hidden images to tell us you opened it, and its links go straight to where they say, not through us. We never learn who read what.',
    oneClick:
      'Every issue has a link to leave the list in one click, and your email program may offer a button for the same thing.',
    kept_one:
      'We keep only your address and your language. Leaving erases them. If you do not confirm within {{count}} day, the request is deleted.',
    kept_other:
      'We keep only your address and your language. Leaving erases them. If you do not confirm within {{count}} days, the request is deleted.',
    cardHolders:
      'Have a library card? You can also sign up from your account, on the messages page.',
    invalidEmail: 'That does not look like an email address. Check it and try again.',
    formExpired: 'This form was open too long. Please type your address again.',
    throttled_one: 'Too many sign-ups came from this network. Wait {{count}} minute and try again.',
    throttled_other:
      'Too many sign-ups came from this network. Wait {{count}} minutes and try again.',
  },
  checkEmail: {
    heading: 'Check your email',
    body: 'If the address can receive the newsletter, a message is on its way to it with a link to confirm. Open that link to start getting the newsletter.',
    nothing:
      'Nothing arrived? Look in your spam or junk folder, or sign up again in a few minutes.',
    expires_one: 'The link works for {{count}} day.',
    expires_other: 'The link works for {{count}} days.',
  },
  confirm: {
    doneHeading: 'You are subscribed',
    doneBody:
      'Thank you: your address is confirmed, and the next issue of the newsletter will come to it.',
    leaveHint: 'Each issue has a link at the bottom to leave the list whenever you like.',
    invalidHeading: 'This link does not work',
    invalidBody:
      'The link may have expired, been used to leave the list, or been copied only in part. You can sign up again.',
    signUpAgain: 'Sign up for the newsletter',
  },
  unsubscribe: {
    heading: 'Leave the newsletter?',
    body: 'Press the button to stop the newsletter. Your address is erased from the list at once; we keep no record that it was ever on it.',
    button: 'Leave the newsletter',
    doneHeading: 'You have left the newsletter',
    doneBody: 'Your address is erased from the list. No more issues will come to it.',
    goneHeading: 'Not subscribed',
    goneBody:
      'This address is not on the newsletter list, so nothing more will come to it. It may have left already.',
    rejoin: 'Changed your mind? You can sign up again.',
  },
  account: {
    heading: 'Newsletter',
    intro:
      'The library newsletter goes to the email address on your record. It has no tracking images or tracked links, and you can leave at any time.',
    none: 'You do not get the newsletter.',
    pending:
      'Waiting for you to confirm: we sent a link to the email address on your record on {{date}}.',
    active: 'You get the newsletter, since {{date}}.',
    subscribe: 'Get the newsletter',
    resend: 'Send the confirmation again',
    unsubscribe: 'Stop the newsletter',
    cancel: 'Cancel the request',
    noEmail:
      'Your record has no email address, so the newsletter cannot reach you. Ask at the desk to add one.',
    done: {
      pending: 'Check your email: we sent a link to confirm that you want the newsletter.',
      active: 'You already get the newsletter.',
      noEmail:
        'Your record has no email address, so we could not sign you up. Ask at the desk to add one.',
      erased: 'Done: you will get no more newsletters, and your subscription is erased.',
      none: 'You were not subscribed to the newsletter.',
    },
    confirm: {
      heading: 'Stop the newsletter?',
      body: 'Your subscription will be erased. To get the newsletter again later you would sign up and confirm once more.',
      yes: 'Yes, stop the newsletter',
      no: 'No, keep it',
    },
  },
  myData: {
    title: 'Newsletter subscription',
    why: 'To send you the library newsletter at the email address on your registration. Nothing records whether you open it or what you click.',
    kept: 'Kept until you stop the newsletter; stopping erases it. A sign-up never confirmed is erased after the confirmation period.',
    fields: {
      status: 'State',
      language: 'Language of the newsletter',
      requestedOn: 'Asked for on',
      confirmedOn: 'Confirmed on',
    },
    status: {
      pending: 'Waiting for your confirmation',
      active: 'Subscribed',
    },
  },
}
