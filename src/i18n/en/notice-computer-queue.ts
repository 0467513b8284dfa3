/**
 * The computer waiting list and guest passes in the privacy notice: how long they stay, and two
 * plain sentences for the "Public computers" part of the summary (its purposes and categories
 * come from the inventory itself, like every other table's).
 */
export const computerQueueKeep = {
  'computer-queue':
    'Only today: a place is deleted when you sign in, leave the list or miss your call, and every place left is deleted when the day ends.',
  'guest-passes':
    'Until the branch closes on the day the pass is for; then it is deleted. Only a keyed digest of its code is stored.',
}

export const computerQueueNotice = {
  queue:
    'If you wait for a computer, we keep your place for today only: the screen in the library shows ticket numbers, never names, and desk staff see at most the first letter of your first name. The place is deleted when you sign in, leave the list or miss your call, and every place is gone at the end of the day.',
  guestPasses:
    'A guest pass is not linked to anyone. It works until the branch closes that day and is then deleted; we keep only a keyed digest of its code, never the code.',
}
