import { DEMO_SIP_ACCOUNT, type DemoStaff } from '../demo/seed-demo.js'
import { SEARCH_PREFIX } from '../demo/demo-names.js'

/** The address to type into a browser: a wildcard bind is reachable as localhost. */
export function publicUrl(host: string, port: number): string {
  const shown =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${port}`
}

/** How to sign in to the demo library; only demo credentials, which exist to be published. */
export function demoHelp(
  url: string,
  accounts: readonly DemoStaff[],
  patronCard?: { barcode: string; pin: string },
  kioskCredential?: string,
): string[] {
  if (accounts.length === 0) {
    return ['', 'This database already had staff accounts, so no demo library was added.']
  }
  const width = (pick: (s: DemoStaff) => string, title: string) =>
    Math.max(title.length, ...accounts.map((s) => pick(s).length)) + 2
  const wr = width((s) => s.role, 'role')
  const wu = width((s) => s.username, 'username')
  const row = (role: string, username: string, password: string) =>
    `  ${role.padEnd(wr)}${username.padEnd(wu)}${password}`
  const example = accounts.find((s) => s.role === 'librarian') ?? accounts[0]
  const login = JSON.stringify({ username: example?.username, password: example?.password })
  return [
    '',
    'Demo library. These sign-ins exist only for the demo; never keep real patron data under them:',
    row('role', 'username', 'password'),
    ...accounts.map((s) => row(s.role, s.username, s.password)),
    '',
    `Staff desk: ${url}/staff (any account above)`,
    ...(patronCard === undefined
      ? []
      : [`Patron pages: ${url}/account (card ${patronCard.barcode}, PIN ${patronCard.pin})`]),
    ...(kioskCredential === undefined
      ? []
      : [`A public computer's screen: ${url}/kiosk#${kioskCredential}`]),
    `Self-check (SIP2): log in as ${DEMO_SIP_ACCOUNT.login} / ${DEMO_SIP_ACCOUNT.password}`,
    '',
    `Try the API (sign in, then find patrons whose surname starts with "${SEARCH_PREFIX}"):`,
    `  TOKEN=$(curl -s -X POST ${url}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `    -d '${login}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `  curl -s '${url}/api/v1/patrons?surnamePrefix=${SEARCH_PREFIX}' -H "authorization: Bearer $TOKEN"`,
  ]
}
