/**
 * Short notices sent by email, one subject and body per kind of notice. `{{…}}` are filled from
 * the notice (never a title). Fuller templates per notice type come later; these keep every kind
 * in the outbox deliverable in each language.
 */
export const mail = {
  greeting: 'Hello,',
  greetingNamed: 'Hello {{name}},',
  footer:
    'This message comes from {{library}} about your library card. Please do not reply to it with personal details.',
  hold_ready: {
    subject: 'A hold is ready for you to pick up',
    body: 'Something you placed a hold on is waiting for you at {{branch}}. You can pick it up until {{date}}; at the desk, give your card or the pickup code {{pickupCode}}.',
  },
  erasure_warning: {
    subject: 'Your library registration is about to be erased',
    body: 'Your library card has not been used for a long time and has expired. If you do not renew it or visit us by {{date}}, we will erase your registration and every detail we hold about you.',
  },
}
