// Synthetic but realistically distributed registrations. Surnames: 456 common ones with
// Zipf–Mandelbrot weights 1/(rank + 13), which matches the shape of US census surname
// frequencies (the top name about 8× rank 100 and 30× rank 400), carrying 40% of patrons; the
// other 60% get one of 12,000 rarer names, as a real long tail would. Deterministic per seed.
import type { NewPatron } from '../src/patrons/patron.schemas.js'

const COMMON =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green
Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz
Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan
Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood
James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno
West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall
Owens Harrison Fernández McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb
Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon
Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer
Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley
Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham
Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston
Matthews Peña Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios
Estrada Ortega Watkins Greene Nuñez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison
Franklin Carlson Austin Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver
Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton
Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla Day Walsh Bowman
Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez Newman Pearson Curtis Cortez
Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade Molina Stanley Hopkins Campos
Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier Powers Neal Leonard
Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters Cohen
McDaniel Moran Parks Steele Vaughn Becker Holt DeLeon Barker Terry Hale Leon Benson Haynes Horton
Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara
Fletcher Page McCarthy Love Robles Cervantes Solis Erickson Reeves Chang Klein Salinas Fuentes Baldwin
Daniel Simon Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa Dennis
Robbins Liu Ramsey Francis Griffith Paul Blair O'Connor Cardenas Pacheco Cross Calderon Quinn Moss
Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen Manning Gill Curry
McLaughlin Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo Adkins Brady
Goodman Roman Webster Goodwin Fischer Huang Potter`.split(/\s+/)

const HEADS =
  `Ash Brad Brook Cald Carr Dal Elm Fair Gar Hal Hart Kings Lang Lock Marl Mid Nor Oak Pem
Pres Rad Red Ros Shel Stan Stock Thorn Tre Up Wal Wat Wes Whit Win Wood Yar Bram Cres Dun Ful`.split(
    /\s+/,
  )
const MIDDLES = ['', 'a', 'e', 'en', 'er', 'in', 'ing', 'o', 'ow', 'y']
const ENDS =
  `bury by combe cott croft dale den don field ford gate ham hurst ley low mere more ridge
shaw stead stone ton thwaite vale ville well wick win worth wood`.split(/\s+/)

const GIVEN =
  `Mary James Patricia John Jennifer Robert Linda Michael Elizabeth William Barbara David
Susan Richard Jessica Joseph Sarah Thomas Karen Charles Nancy Christopher Lisa Daniel Betty Matthew
Margaret Anthony Sandra Mark Ashley Donald Kimberly Steven Emily Paul Donna Andrew Michelle Joshua
Carol Kenneth Amanda Kevin Melissa Brian Deborah George Stephanie Timothy Rebecca Ronald Sharon Jason
Laura Edward Cynthia Jeffrey Kathleen Ryan Amy Jacob Angela Gary Shirley Nicholas Anna Eric Brenda
Jonathan Pamela Stephen Emma Larry Nicole Justin Helen Scott Samantha Brandon Katherine Benjamin
Christine Samuel Debra Gregory Rachel Alexander Carolyn Frank Janet Patrick Catherine Raymond Maria
Jack Heather Dennis Diane Jerry Ruth Tyler Julie Aaron Olivia José Joyce Adam Virginia Nathan Zoë
Henry Victoria Douglas Kelly Zachary Lauren Peter Christina Kyle Joan Noah Evelyn Ethan Judith Renée`.split(
    /\s+/,
  )
const STREETS =
  `Maple Oak Cedar Elm Pine Walnut Chestnut Willow Larkspur Prairie Lincoln Washington Lake
Hickory Sycamore Main Church Mill Spring Ridge Park Forest Meadow Highland Jefferson Grove`.split(
    /\s+/,
  )
const KINDS = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Place']
const TOWNS = ['Thornton', 'Lansing', 'Glenwood', 'Homewood', 'Dolton', 'Riverdale', 'Harvey']

/** A small fast PRNG (mulberry32), so both engines get the same patrons. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('')

const COMMON_SHARE = 0.4
const cumulative: number[] = []
for (let i = 0, total = 0; i < COMMON.length; i++) cumulative.push((total += 1 / (i + 1 + 13)))

export function surname(r: () => number): string {
  if (r() < COMMON_SHARE) {
    const x = r() * (cumulative.at(-1) ?? 1)
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1
      else hi = mid
    }
    return COMMON[lo] ?? 'Smith'
  }
  return pick(r, HEADS) + pick(r, MIDDLES) + pick(r, ENDS)
}

/** A full registration (every optional field filled in), as a desk would enter it. */
export function personInput(r: () => number, serial: number): NewPatron {
  const familyName = surname(r)
  const givenName = pick(r, GIVEN)
  const year = 1930 + Math.floor(r() * 88)
  const birthDate = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`
  const age = 2026 - year
  const local = `${givenName}.${familyName}`.normalize('NFKD').replace(/[^A-Za-z.]/g, '')
  return {
    givenName,
    familyName,
    address: {
      line1: `${1 + Math.floor(r() * 9899)} ${pick(r, STREETS)} ${pick(r, KINDS)}`,
      city: pick(r, TOWNS),
      region: 'IL',
      postcode: `60${digits(r, 3)}`,
    },
    phone: `708-${digits(r, 3)}-${digits(r, 4)}`,
    email: `${local.toLowerCase()}${serial}@example.org`,
    licenceNumber: `${
      familyName
        .normalize('NFKD')
        .replace(/[^A-Za-z]/g, '')
        .charAt(0)
        .toUpperCase() || 'X'
    }${digits(r, 3)}-${digits(r, 4)}-${digits(r, 4)}`,
    sex: pick(r, ['F', 'M', 'X'] as const),
    birthDate,
    category: age < 18 ? 'child' : age >= 65 ? 'senior' : 'adult',
    homeBranch: 'main',
  }
}
