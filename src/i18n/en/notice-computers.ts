/**
 * How long the public computers' records stay, for the privacy notice (their purposes and
 * categories come from the inventory itself).
 */
export const computersKeep = {
  'computer-sessions':
    'Only while you are signed in on the computer, and never more than {{period}}. When the session ends it is deleted, and nothing kept says which computer you used.',
  'computer-allowance':
    'Only for the day counted. The minutes are kept under a name made with that day’s own key, and both are deleted when the day is over.',
  'computer-counts': '{{period}}, to plan the computers. The counts never say who used a computer.',
  'computer-messages': 'Until it is shown on the screen, and at most {{period}}.',
}
