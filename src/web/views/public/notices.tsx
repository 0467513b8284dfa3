import type { VNode } from 'preact'
import type { NoticeSection } from '../../../policy/privacy-notice.js'
import { Page, type Chrome } from '../layout.js'
import { SearchForm } from './catalog.js'

export function HomePage({ chrome }: { chrome: Chrome }): VNode {
  return (
    <Page chrome={chrome}>
      <h1>{`Welcome to ${chrome.library}`}</h1>
      <p class="lead">
        Search the catalogue, place holds, renew what you have borrowed, and see exactly what the
        library keeps about you.
      </p>
      <SearchForm terms={{}} />
      <div class="grid-2">
        <section class="card" aria-labelledby="h-account">
          <h2 id="h-account">Your account</h2>
          <p>
            Sign in with your library card and PIN to renew items, manage holds and see when things
            are due.
          </p>
          <p>
            <a href="/account">Go to your account</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-privacy">
          <h2 id="h-privacy">Your privacy</h2>
          <p>
            What you read is your business. This site sets no cookies while you browse, and we keep
            only what we need, for as long as we need it.
          </p>
          <p>
            <a href="/privacy">Read how we protect your privacy</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-databases">
          <h2 id="h-databases">Online databases</h2>
          <p>Encyclopedias, newspapers and more, provided by other companies.</p>
          <p>
            <a href="/databases">See the online databases</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-wifi">
          <h2 id="h-wifi">Wi-Fi in the library</h2>
          <p>Free to use, but not encrypted: read this before you connect.</p>
          <p>
            <a href="/wifi">Read the Wi-Fi notice</a>
          </p>
        </section>
      </div>
    </Page>
  )
}

/** P2: the table under each heading is generated from the data inventory and the retention schedule. */
export function PrivacyPage({
  chrome,
  notice,
}: {
  chrome: Chrome
  notice: NoticeSection[]
}): VNode {
  return (
    <Page chrome={chrome}>
      <h1>How we protect your privacy</h1>
      <p class="lead measure">
        Your library records are confidential. We collect only what we need to lend to you and keep
        in touch, keep it only as long as our schedule allows, and share it with no one unless the
        law compels us.
      </p>
      <h2>What we keep, why, and for how long</h2>
      <p class="measure">
        This list is produced by the library's software from the same description of its data that
        the software itself obeys, so it always matches what is really stored.
      </p>
      {notice.map((section, i) => (
        <section key={section.title} aria-labelledby={`notice-${i}`} class="notice-section">
          <h3 id={`notice-${i}`}>{section.title}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Why we keep it</th>
                <th scope="col">For how long</th>
                <th scope="col">Encrypted</th>
              </tr>
            </thead>
            <tbody>
              {section.items.map((item) => (
                <tr key={item.what} data-kept={item.what}>
                  <th scope="row">{item.what.charAt(0).toUpperCase() + item.what.slice(1)}</th>
                  <td data-label="Why">
                    <ul>
                      {item.why.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="For how long">{item.howLong}</td>
                  <td data-label="Encrypted">{item.encrypted ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <h2>Seeing your own record</h2>
      <p class="measure">
        Signed in, you can see everything held about you, with the reason and the date it will be
        removed, and download it. You can also see when staff opened your record, by role and date.
        Your reading history is off unless you turn it on, and turning it off erases it.
      </p>
      <h2>Who can see your records</h2>
      <p class="measure">
        Staff sign in with their own accounts and see only what their work needs. Every time a
        record is opened, searched, changed or exported, the software writes it to a log that cannot
        be quietly altered. We release records only under a court order or the narrow emergency
        procedure the law provides, and we publish how often that happens.
      </p>
      <h2>Browsing this website</h2>
      <p class="measure">
        No cookies are set while you browse, and nothing is saved in your browser. Signing in to
        your account sets a single cookie that keeps you signed in; it ends when you sign out or
        close your browser. For our visitor statistics we record a shortened network address, the
        time, the pages you view and the site that sent you here. Those statistics are kept apart
        from library accounts, so no one can look up which pages a cardholder visited.
      </p>
      <h2>Online databases and other websites</h2>
      <p class="measure">
        Some services we offer, such as our <a href="/databases">online databases</a>, are run by
        other companies. They set their own cookies when you use them and have their own privacy
        policies. When a link takes you off our site we say so first, and we do not tell the other
        site which of our pages you came from.
      </p>
      <h2>Our wireless network</h2>
      <p class="measure">
        The library's Wi-Fi is not encrypted. Read the <a href="/wifi">Wi-Fi notice</a> before using
        it for anything private.
      </p>
    </Page>
  )
}

/** P15: said plainly, first. */
export function WifiPage({ chrome }: { chrome: Chrome }): VNode {
  return (
    <Page chrome={chrome}>
      <h1>Using the library's Wi-Fi</h1>
      <div class="notice" role="note">
        <p>
          <strong>Traffic on the library's wireless network is not encrypted.</strong> Others nearby
          could see what you send and receive over it.
        </p>
      </div>
      <div class="measure">
        <p>The network is free and open to everyone in the building. Because it is open:</p>
        <ul>
          <li>
            Use websites whose address starts with <strong>https</strong>; they encrypt the
            connection themselves.
          </li>
          <li>Avoid banking or other private business unless the site uses https.</li>
          <li>Turn off file and printer sharing on your device.</li>
          <li>Sign out of websites and accounts when you finish.</li>
        </ul>
        <p>
          Our own pages, including your library account, are best reached over https. See the{' '}
          <a href="/privacy">privacy notice</a> for what the library records.
        </p>
      </div>
    </Page>
  )
}

export interface Database {
  name: string
  url: string
  description: string
}

export const exitHref = (url: string): string => `/leaving?to=${encodeURIComponent(url)}`

/** P14: each service is marked as setting its own cookies, and each link goes through the exit notice. */
export function DatabasesPage({
  chrome,
  databases,
}: {
  chrome: Chrome
  databases: Database[]
}): VNode {
  return (
    <Page chrome={chrome}>
      <h1>Online databases</h1>
      <p class="lead measure">
        These services are run by other companies under the library's subscription. Each one sets
        its own cookies in your browser when you use it. If you refuse them, that service may not
        work, but the rest of our site is not affected, and those cookies are never sent to us.
      </p>
      {databases.length === 0 ? (
        <p class="empty">The library offers no online databases at present.</p>
      ) : (
        <ul class="db-list">
          {databases.map((db) => (
            <li key={db.url}>
              <h2>{db.name}</h2>
              {db.description !== '' && <p>{db.description}</p>}
              <p>
                <span class="tag">Sets its own cookies</span>{' '}
                <span class="small">{`Run by another company at ${new URL(db.url).host}.`}</span>
              </p>
              <p>
                <a href={exitHref(db.url)}>{`Open ${db.name}`}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

export function ExitPage({ chrome, destination }: { chrome: Chrome; destination: URL }): VNode {
  return (
    <Page chrome={chrome}>
      <h1>You are leaving the library's website</h1>
      <p class="lead measure">
        The link you followed goes to a site the library does not run. Its own privacy policy and
        cookies apply there, and the library cannot protect your privacy on it. We do not tell it
        which of our pages you came from.
      </p>
      <p>You are going to:</p>
      <p class="destination">
        <strong>{destination.host}</strong>
        <br />
        <span class="small">{destination.href}</span>
      </p>
      <p class="actions">
        <a
          class="button"
          href={destination.href}
          rel="noopener noreferrer"
          referrerpolicy="no-referrer"
        >
          {`Continue to ${destination.host}`}
        </a>
        <a href="/">Stay on the library's website</a>
      </p>
    </Page>
  )
}
