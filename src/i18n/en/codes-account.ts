/**
 * Refusals a signed-in patron can meet in their account, by code: renewing, holds, reading
 * history, messages, language, PIN and My data. Written to the patron ("you"), not to staff.
 */
export const accountCodes = {
  // Anything sent that the pages would not send themselves (an odd date, a missing choice).
  INVALID_INPUT:
    'Something in the form was not filled in as expected. Please check it and try again.',
  FORBIDDEN: 'That is not part of your account.',
  PATRON_NOT_FOUND: 'Your account could not be found. Please ask at the desk.',
  PATRON_ERASED: 'The personal data of this account has been erased.',
  // Renewing.
  ITEM_NOT_FOUND: 'That item could not be found.',
  NOT_ON_LOAN: 'That item is not checked out to you.',
  CARD_EXPIRED: 'Your card has expired. Please renew it at any desk first.',
  RENEWAL_LIMIT: 'This item has been renewed as many times as the library allows.',
  ON_HOLD_FOR_ANOTHER: 'Someone else is waiting for this title, so it cannot be renewed.',
  NO_LOAN_RULE: 'This item cannot be renewed online. Please ask at the desk.',
  // Placing a hold.
  RECORD_NOT_FOUND: 'That title could not be found in the catalog.',
  UNKNOWN_BRANCH: 'Choose one of the branches in the list.',
  NO_HOLDABLE_ITEMS: 'This title has no copies that can be lent, so it cannot be put on hold.',
  HOLDS_NOT_ALLOWED: 'Holds are not allowed on this title for your card.',
  ALREADY_ON_HOLD: 'You already have a hold on this title.',
  TOO_MANY_HOLDS: 'You have as many holds as the library allows. Cancel one to place another.',
  ALREADY_ON_LOAN: 'You already have a copy of this title checked out.',
  // Changing a hold.
  HOLD_NOT_FOUND: 'That hold could not be found. It may have ended already.',
  HOLD_CLOSED: 'This hold is no longer open.',
  HOLD_NOT_QUEUED: 'Only a hold still waiting for a copy can be paused or resumed.',
  INVALID_DATE: 'That is not a real date.',
  DATE_IN_PAST: 'Choose today or a later date.',
  // Changing the PIN.
  PIN_MISMATCH: 'The two new PINs are not the same.',
  NO_CARD: 'You have no card in use. Please ask at the desk.',
  WEAK_PIN:
    'That PIN cannot be used: it is too easy to guess or has the wrong number of digits. Please choose another.',
  CARD_NOT_FOUND: 'That card could not be found. Please ask at the desk.',
  // The access log, when the library has switched it off.
  FEATURE_OFF: 'The library has switched this page off.',
}
