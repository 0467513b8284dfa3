/** Refusals a visitor can meet on the public pages and the account's sign-in form, by code. */
export const publicCodes = {
  CARD_NOT_ACTIVE: 'This card was reported lost or has been replaced. Please ask at the desk.',
  INVALID_CREDENTIALS: 'The card number or PIN is not right.',
  CARD_LOCKED:
    'Too many wrong PINs: this card is locked for a while. Try again later, or ask at the desk.',
  RATE_LIMITED: 'Too many tries came from this network. Wait a few minutes and try again.',
  EMPTY_QUERY: 'Type some words to search for, or an ISBN.',
  BRANCH_NOT_FOUND: 'There is no branch at this address. The list of branches has every one.',
}
