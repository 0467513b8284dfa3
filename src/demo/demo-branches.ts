import { SYSTEM_ACTOR } from '../actor.js'
import type { AppContext } from '../context.js'
import { saveBranchDetails } from '../library/branch-details.service.js'
import { addDays, localDate } from '../library/calendar.js'
import { addClosedDay, getLibraryStructure } from '../library/library.service.js'

const days = (weekdays: number[], opens: string, closes: string) =>
  weekdays.map((weekday) => ({ weekday, opens, closes }))

/** Invented addresses (no such streets are meant) and phone numbers from the 555-01xx range kept for fiction. */
const DETAILS: Record<string, Parameters<typeof saveBranchDetails>[3]> = {
  main: {
    address: '200 Larkspur Avenue\nMillbrook, IL 60999',
    phone: '(312) 555-0142',
    email: 'ask@library.example.org',
    hours: [...days([1, 2, 3, 4], '09:00', '20:00'), ...days([5, 6], '09:00', '17:00')],
  },
  east: {
    address: '48 Orchard Street\nMillbrook, IL 60999',
    phone: '(312) 555-0167',
    // A small branch that closes for lunch: two spans on weekdays.
    hours: [
      ...days([1, 2, 3, 4, 5], '10:00', '13:00'),
      ...days([1, 2, 3, 4, 5], '14:00', '18:00'),
      ...days([6], '10:00', '14:00'),
    ],
  },
  north: {
    address: '1315 Heron Lake Road\nNorth Millbrook, IL 60998',
    phone: '(312) 555-0188',
    email: 'north@library.example.org',
    hours: days([2, 3, 4, 5, 6], '10:00', '18:00'),
  },
}

/** Addresses, phones and hours for the demo's branches, and a closure coming up at one of them. */
export async function seedBranchDetails(ctx: AppContext): Promise<void> {
  const { branches } = await getLibraryStructure(ctx.db)
  for (const [code, details] of Object.entries(DETAILS))
    if (branches.some((b) => b.code === code))
      await saveBranchDetails(ctx, SYSTEM_ACTOR, code, details)
  const today = localDate(ctx.clock.now(), ctx.config.library.timezone)
  await addClosedDay(ctx, SYSTEM_ACTOR, {
    branch: 'north',
    date: addDays(today, 16),
    note: 'Staff training day',
  })
}
