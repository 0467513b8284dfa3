/**
 * How long questions to the library and changes of address stay, for the privacy notice (their
 * purposes and categories come from the inventory itself, like every other table's).
 */
export const inquiryKeep = {
  inquiries:
    '{{period}} after it is answered or closed (a change of address goes as soon as staff apply it). Then it is erased with the reply, and the key to a question sent from the public form is destroyed.',
  'inquiries-unanswered': 'If it is never answered or closed, {{period}} after it was sent.',
}
