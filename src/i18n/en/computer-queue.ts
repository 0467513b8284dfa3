/**
 * The public pages of the computer waiting list: joining with card and PIN, a ticket's place,
 * leaving, and the screen in the library. Staff pages are in English and keep their words in the
 * views.
 */
export const computerQueue = {
  nav: 'Wait for a computer',
  titles: {
    join: 'Wait for a computer',
    place: 'Your place in the waiting list',
    leave: 'Leave the waiting list',
    left: 'You have left the waiting list',
    display: 'Computers: waiting list',
  },
  join: {
    heading: 'Wait for a public computer',
    intro:
      'When every computer is taken, join the waiting list with your library card. You get a ticket number; when a computer comes free, the screen in the library shows your number and the computer to go to.',
    group: 'Which computers',
    groupOption: '{{branch}}: {{group}}',
    noGroups: 'No branch has public computers set up yet.',
    card: 'Library card number',
    pin: 'PIN',
    submit: 'Join the waiting list',
    callMinutes_one:
      'When you are called, the computer is held for you for {{count}} minute. If you do not sign in by then, the next person is called.',
    callMinutes_other:
      'When you are called, the computer is held for you for {{count}} minutes. If you do not sign in by then, the next person is called.',
    privacyHeading: 'What we keep',
    privacy:
      'Your place is kept for today only. The screen in the library shows ticket numbers, never names; desk staff see at most the first letter of your first name. Your place is deleted when you sign in, leave the list or miss your call, and the whole list is deleted at the end of the day.',
    checkHeading: 'Already waiting?',
    branch: 'Branch',
    ticket: 'Ticket number',
    check: 'See my place',
    leaveLink: 'Leave the waiting list',
  },
  place: {
    heading: 'Ticket {{ticket}}',
    waiting_one: 'You are next for the computers “{{group}}”.',
    waiting_other: 'You are number {{count}} in line for the computers “{{group}}”.',
    called: 'It is your turn: go to computer {{computer}} and sign in by {{until}}.',
    gone: 'Ticket {{ticket}} is not in today’s waiting list. It was used, given up or missed, or it belongs to another day or branch.',
    again: 'Check again',
    back: 'Back to the waiting list',
  },
  leave: {
    heading: 'Leave the waiting list?',
    intro:
      'This gives up your place at once and cannot be undone: if you join again, you go to the end of the list. Enter your card and PIN to confirm.',
    submit: 'Yes, give up my place',
    cancel: 'No, keep my place',
    done: 'Your place is given up. You can join the waiting list again at any time today.',
  },
  display: {
    heading: 'Public computers',
    called: 'Called now',
    ticket: 'Ticket',
    computer: 'Go to computer',
    until: 'Sign in by',
    noneCalled: 'Nobody is being called right now.',
    waiting: 'Waiting',
    group: 'Computers',
    count: 'People waiting',
    noneWaiting: 'Nobody is waiting.',
    howTo: 'To join the waiting list, ask at the desk or go to {{address}} on your phone.',
  },
  problems: {
    summary: 'Check the form.',
    INVALID_CREDENTIALS: 'The card number or PIN is not right.',
    CARD_LOCKED: 'Too many wrong PINs: this card is locked for a while. Ask at the desk.',
    CARD_NOT_USABLE:
      'This card cannot be used for the computers (lost, replaced or expired). Ask at the desk.',
    NOT_ALLOWED: 'Your card may not use these computers. Ask at the desk which ones you may use.',
    ALREADY_IN_QUEUE: 'This card already has a place in the waiting list at this branch.',
    NOT_IN_QUEUE: 'This card has no place in the waiting list at this branch.',
    COMPUTER_GROUP_NOT_FOUND: 'Choose which computers you want to wait for.',
    INVALID_INPUT: 'Fill in every field: your card number and PIN are needed.',
    RATE_LIMITED_one:
      'Too many wrong PINs came from your network address. Try again in {{count}} minute.',
    RATE_LIMITED_other:
      'Too many wrong PINs came from your network address. Try again in {{count}} minutes.',
  },
}
