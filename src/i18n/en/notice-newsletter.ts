/**
 * How long the newsletter's records stay, for the privacy notice (its purposes and categories
 * come from the inventory itself, like every other table's).
 */
export const newsletterKeep = {
  'newsletter-subscriptions':
    'Until you unsubscribe (or your registration is erased). Unsubscribing erases the subscription at once and destroys the key to a public sign-up’s address.',
  'newsletter-pending':
    'A sign-up whose confirmation link is not followed in time is erased, with the key to its address.',
  'newsletter-deliveries':
    'Only while an issue is being sent; then only counts remain. A message that could not be delivered is kept at most {{period}}.',
}
