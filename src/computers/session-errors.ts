import { AppError, conflict, notFound, ruleViolation } from '../errors.js'

/** The stable refusals of the computer services, each said once. */
export const computerErrors = {
  outOfService: () =>
    conflict('COMPUTER_OUT_OF_SERVICE', 'This computer is out of service; please use another.'),
  inUse: () => conflict('COMPUTER_IN_USE', 'Someone is already signed in on this computer.'),
  accountInUse: () =>
    conflict('ACCOUNT_IN_USE', 'This card is already signed in on another computer.'),
  cardNotUsable: () =>
    ruleViolation('CARD_NOT_USABLE', 'This card cannot be used: please see the desk.'),
  noTimeLeft: () => ruleViolation('NO_TIME_LEFT', 'There is no computer time left today.'),
  closed: () =>
    ruleViolation(
      'LIBRARY_CLOSED',
      'The branch is closed, or closes in less than a minute: no new session can start now.',
    ),
  notAllowed: () =>
    ruleViolation('NOT_ALLOWED', 'This card may not use the computers in this group.'),
  reserved: () =>
    conflict('RESERVED_FOR_OTHER', 'This computer is held for the person called from the queue.'),
  guestPassInvalid: () =>
    ruleViolation('GUEST_PASS_INVALID', 'This guest pass is not valid here or is in use.'),
  noSession: () => notFound('NO_SESSION', 'Nobody is signed in on this computer.'),
  computerNotFound: () => notFound('COMPUTER_NOT_FOUND', 'No such computer.'),
  notLocked: () => conflict('NOT_LOCKED', 'The screen is not locked.'),
  alreadyLocked: () => conflict('ALREADY_LOCKED', 'The screen is already locked.'),
  wrongCode: () =>
    ruleViolation('UNLOCK_CODE_WRONG', 'That is not the code the screen was locked with.'),
  tooManyCodes: () =>
    new AppError(
      'locked',
      'UNLOCK_ATTEMPTS_EXHAUSTED',
      'Too many wrong codes: the session has ended. Sign in again with your card.',
    ),
}
