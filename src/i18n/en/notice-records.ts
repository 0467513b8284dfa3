/**
 * How long the public records the suggestion and records-request forms keep stay, for the privacy
 * notice (their purposes and categories come from the inventory itself).
 */
export const recordsKeep = {
  suggestions:
    '{{period}} from the day it arrives, as a public record; then it is destroyed with the key to the sender’s details. A suggestion listed for a records request stays as long as that request.',
  'records-requests':
    '{{period}} after the request is answered or withdrawn, as a public record; then it is destroyed with the key to the requester’s details.',
}
