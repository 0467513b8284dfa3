import type { ComponentChildren, VNode } from 'preact'
import type { Flash } from '../sessions.js'
import { FlashMessage } from './ui.js'

export interface NavLink {
  href: string
  label: string
}

export interface SignedIn {
  /** Who is signed in, as shown in the header. */
  label: string
  signOutAction: string
  csrf: string
}

/** Everything around a page's own content. */
export interface Chrome {
  library: string
  title: string
  area: 'public' | 'account' | 'staff'
  nav: NavLink[]
  /** The path the page lives at, to mark its link in the navigation. */
  path: string
  user?: SignedIn
  flash?: Flash
  /** htmx and the desk's print button; public pages load no script at all. */
  scripts?: boolean
  /** Staff pages of a demo on a moved clock say so in the header. */
  sandboxClock?: string
}

const HOME: Record<Chrome['area'], string> = { public: '/', account: '/account', staff: '/staff' }
const AREA_LABEL: Record<Chrome['area'], string | undefined> = {
  public: undefined,
  account: 'Your account',
  staff: 'Staff desk',
}

/**
 * htmx keeps no history snapshots (that would be browser storage), evaluates nothing and talks
 * only to this site; its indicator styles would need an inline style, so they stay off.
 */
const HTMX_CONFIG = JSON.stringify({
  historyEnabled: false,
  historyCacheSize: 0,
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
})

export function Page({ chrome, children }: { chrome: Chrome; children: ComponentChildren }): VNode {
  const area = AREA_LABEL[chrome.area]
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${chrome.title} – ${chrome.library}`}</title>
        <link rel="stylesheet" href="/assets/carrel.css" />
        {chrome.scripts === true && <meta name="htmx-config" content={HTMX_CONFIG} />}
        {chrome.scripts === true && <script src="/assets/htmx.min.js" defer />}
        {chrome.scripts === true && <script src="/assets/desk.js" defer />}
      </head>
      <body class={`area-${chrome.area}`}>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <p class="brand">
              <a href={HOME[chrome.area]}>{chrome.library}</a>
              {area !== undefined && <span class="area-name">{area}</span>}
            </p>
            {chrome.user !== undefined && (
              <form class="sign-out" method="post" action={chrome.user.signOutAction}>
                <span class="who">{chrome.user.label}</span>
                <input type="hidden" name="_csrf" value={chrome.user.csrf} />
                <button type="submit" class="button secondary">
                  Sign out
                </button>
              </form>
            )}
          </div>
          {chrome.sandboxClock !== undefined && (
            <p class="wrap sandbox-clock" role="note">
              <strong>{chrome.sandboxClock}</strong>
            </p>
          )}
          {chrome.nav.length > 0 && (
            <nav class="wrap" aria-label={area ?? 'Main'}>
              <ul class="nav">
                {chrome.nav.map((link) => (
                  <li key={link.href}>
                    <a
                      href={link.href}
                      aria-current={link.href === chrome.path ? 'page' : undefined}
                    >
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabIndex={-1}>
          <div class="wrap">
            {chrome.flash !== undefined && <FlashMessage flash={chrome.flash} />}
            {children}
          </div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <ul class="footer-links">
              <li>
                <a href="/privacy">Privacy notice</a>
              </li>
              <li>
                <a href="/wifi">Wi-Fi notice</a>
              </li>
              <li>
                <a href="/transparency">Requests for records</a>
              </li>
              <li>
                <a href="/databases">Online databases</a>
              </li>
              <li>
                <a href={chrome.area === 'staff' ? '/' : '/staff/sign-in'}>
                  {chrome.area === 'staff' ? 'Public site' : 'Staff sign-in'}
                </a>
              </li>
            </ul>
            <p class="small">
              This site sets no cookies while you browse. Signing in sets one, which ends when you
              sign out or close the browser.
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}
