/** Invented people and places for the demo library; any likeness to real patrons is chance. */

const list = (text: string): string[] => text.split(',').map((s) => s.trim())

export const TOWN = {
  city: 'Harlan Grove',
  region: 'IL',
  postcodes: ['61990', '61991', '61993'],
} as const

export const STREETS =
  list(`Prairie Avenue, Lincoln Way, Elm Street, Cottonwood Drive, Sangamon Road,
  Maple Court, Depot Street, Old Mill Road, Kaskaskia Lane, Bluestem Circle, Orchard Row,
  Water Tower Place, Schoolhouse Road, Cardinal Drive, Hickory Street, Grain Elevator Road,
  Meadowlark Lane, Courthouse Square, Willow Bend, Railroad Avenue`)

export const SECOND_LINES = list('Apt 1, Apt 2B, Apt 3C, Unit 4, Unit 12, Rear, Suite 5')

export const GIVEN_NAMES = list(`Abigail, Adebayo, Aiko, Alejandro, Amara, Anders, Anjali, Astrid,
  Beatriz, Benjamin, Bogdan, Camille, Carlos, Chiara, Chloé, Daniel, Darnell, Dolores, Eamon, Elena,
  Emeka, Esther, Fatima, Felipe, Frances, Gabriel, Grace, Hana, Harold, Hyun-woo, Ibrahim, Ingrid,
  Isabel, Jamal, Janet, Joaquín, José, Keiko, Kwame, Laila, Lars, Leah, Lucía, Malik, Margaret,
  Mateo, Mei, Miriam, Nadia, Noah, Oksana, Olivia, Omar, Priya, Rafael, Renée, Rosa, Samuel,
  Siobhán, Sofia, Tariq, Thomas, Tomasz, Valentina, Walter, Wen, Yusuf, Zainab, Zoë, Éloïse`)

/** Several start with "Ga", the prefix the sign-in instructions search for. */
export const FAMILY_NAMES = list(`Abernathy, Adeyemi, Alvarez, Andersson, Baker, Bautista, Becker,
  Begić, Blackwood, Brennan, Castillo, Chen, Coleman, Dąbrowski, Delgado, Dvořák, Eriksen, Fischer,
  Flores, Gallagher, García, Gauthier, Garner, Goldberg, Gonçalves, Greene, Haddad, Hansen,
  Hernández, Hoffmann, Ito, Jablonski, Jackson, Johansson, Kaminski, Kapoor, Kelly, Kim, Kowalczyk,
  Lefèvre, Lindqvist, López, Martin, McAllister, Mendoza, Moreau, Müller, Nakamura, Nguyễn, Novak,
  Núñez, O'Connor, Okafor, Olsen, Ortiz, Park, Patel, Peña, Petrović, Quinn, Ramírez, Reyes, Rossi,
  Sánchez, Schneider, Sørensen, Sullivan, Svoboda, Tanaka, Thompson, Torres, Van der Berg, Vásquez,
  Walsh, Washington, Weiß, Wiśniewski, Yamamoto, Zielińska, Žukauskas, Smith-Okafor`)

export const SEARCH_PREFIX = 'ga'

export const EMAIL_DOMAINS = ['example.org', 'example.net', 'example.com'] as const

/** Account notes a desk might plausibly keep: card matters, never what anyone reads. */
export const NOTES = [
  'Proof of address seen at the desk and handed back.',
  'Asked to be contacted by phone rather than email.',
  'Guardian signed the registration form in person.',
  'Prefers to collect holds at the branch nearest home.',
  'Address confirmed by phone during renewal.',
  'Agreed to pay the outstanding balance in two parts.',
] as const

export const DEBITS: readonly (readonly [string, number])[] = [
  ['Replacement card', 300],
  ['Lost item replacement', 2499],
  ['Damaged item repair', 850],
  ['Printing', 120],
  ['Interlibrary loan postage', 400],
]

export const CREDIT_REASONS = [
  'Payment at the desk',
  'Refund: lost item found and returned',
] as const
