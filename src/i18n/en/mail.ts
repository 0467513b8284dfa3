/**
 * Notices sent by email, one part per notice type. `{{…}}` are filled when the notice is written:
 * dates and money already formatted for the patron's language, never a title unless the patron
 * chose to see titles (then the list comes after the `titlesIntro` line). Counted sentences need
 * `_one` and `_other` forms (Spanish adds `_many`).
 */
export const mail = {
  greeting: 'Hello,',
  greetingNamed: 'Hello {{name}},',
  footer:
    'This message comes from {{library}} about your library card. Please do not reply to it with personal details.',
  account: 'Your account: {{url}}',
  accountForTitles:
    'This message does not name the items, so that it says nothing about your reading to anyone who sees it. To see them, sign in to your account: {{url}}',
  titlesIntro: 'The items:',
  titlesHint:
    'You chose to have titles named in your notices. You can turn that off on your account’s choices page.',
  optOutHint:
    'You can choose which notices you get on your account’s choices page. Notices about your PIN and about erasing your registration are always sent.',
  hold_ready: {
    subject: 'A hold is ready for you to pick up',
    body: 'Something you placed a hold on is waiting for you at {{branch}}. You can pick it up until {{date}}.',
    code: 'At the desk, give your card or this pickup code: {{pickupCode}}',
  },
  courtesy: {
    subject: 'A reminder: items due soon',
    body_one: '{{count}} item is due {{date}}.',
    body_other: '{{count}} items are due {{date}}.',
    renew: 'You can renew in your account or at any desk, unless someone is waiting for them.',
  },
  overdue_first: {
    subject: 'Items past their due date',
    body_one: '{{count}} item was due {{date}} and is now overdue.',
    body_other: '{{count}} items were due {{date}} and are now overdue.',
    action: 'Please bring them back or renew them. Fines may apply while they are late.',
  },
  overdue_second: {
    subject: 'Second notice: items still overdue',
    body_one: '{{count}} item was due {{date}} and has still not come back.',
    body_other: '{{count}} items were due {{date}} and have still not come back.',
    action:
      'Please return them soon. If they cannot be found, tell us at the desk; a lost item is billed at its replacement price.',
  },
  lost_billed: {
    subject: 'A lost item has been billed to your card',
    body: 'An item checked out on your card was recorded as lost on {{date}}, and {{amount}} has been added to your card.',
    action:
      'If you find the item, bring it back to any desk and ask about the charge. You can see and pay what you owe in your account.',
  },
  card_expiring: {
    subject: 'Your library card expires soon',
    body: 'Your library card expires on {{date}}.',
    action: 'To keep using it, renew it at any desk; bring proof of your current address.',
  },
  pin_changed: {
    subject: 'The PIN of your library card was changed',
    body: 'The PIN of your library card was changed on {{date}}. This message never contains the PIN itself.',
    action:
      'If you did not change it, please contact the library at once: we will lock the card and help you set a new PIN.',
  },
  erasure_warning: {
    subject: 'Your library registration is about to be erased',
    body: 'Your library card has not been used for a long time and has expired. If you do not renew it or visit us by {{date}}, we will erase your registration and every detail we hold about you.',
    wait: 'We erase nothing before this message has reached you. Once it is erased, your registration cannot be restored; you can always sign up again.',
  },
  policy_change: {
    subject: 'Our privacy policy is changing',
    body: '{{library}} has adopted a new version of its privacy policy ({{label}}).',
    effective: 'It takes effect {{date}}.',
    read: 'You can read the new version, and see what changed, here: {{url}}',
    why: 'You get this message because you asked to hear about changes to the privacy policy. You can turn that off on your account’s choices page.',
  },
}
