/**
 * The newsletter's own messages: the confirmation asked for at sign-up, and the footer every
 * issue carries (its unsubscribe link and the promise of no tracking).
 */
export const newsletterMail = {
  confirm: {
    subject: 'Confirm your subscription to the {{library}} newsletter',
    heading: 'One more step',
    body: 'We received a request to send the {{library}} newsletter to this address. To start getting it, open this link:',
    button: 'Yes, send me the newsletter',
    valid_one: 'The link works for {{count}} day.',
    valid_other: 'The link works for {{count}} days.',
    ignore:
      'If you did not ask for this, you need not do anything: without a confirmation nothing more will be sent, and the request is deleted when the link runs out.',
  },
  issue: {
    reason: 'You are getting this because you subscribed to the {{library}} newsletter.',
    unsubscribe: 'Unsubscribe with one click',
    unsubscribeText: 'To stop getting it, open this link: {{url}}',
    noTracking:
      'This message has no tracking images and no tracked links: nobody learns whether you opened it or what you clicked.',
  },
}
