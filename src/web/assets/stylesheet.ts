/**
 * The one stylesheet, kept in a module so the build carries it. System fonts only; every colour
 * pair meets WCAG AA contrast (text at least 4.5:1), and focus is always visible.
 */
export const STYLESHEET = `
:root {
  --ink: #1b1b1f;
  --muted: #4a4d57;
  --paper: #ffffff;
  --wash: #f3f4f1;
  --line: #c9ccd3;
  --brand: #173f5f;
  --brand-ink: #ffffff;
  --link: #0b4f8a;
  --accent: #1c6e8c;
  --ok: #1d5e34;
  --ok-wash: #e5f2e8;
  --bad: #a4161a;
  --bad-wash: #fbe9e9;
  --focus: #ffbf47;
  --radius: 6px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 100%;
  line-height: 1.5;
  color: var(--ink);
  background: var(--paper);
}
* { box-sizing: border-box; }
body { margin: 0; display: flex; flex-direction: column; min-height: 100vh; }
main { flex: 1; padding: 1.5rem 0 3rem; }
main:focus { outline: none; }
.wrap { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; margin: 1.5rem 0 0.75rem; }
h1 { font-size: 2rem; margin-top: 0.5rem; }
h2 { font-size: 1.4rem; }
h3 { font-size: 1.15rem; }
p, ul, ol, dl, table { margin: 0 0 1rem; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 3px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.lead { font-size: 1.2rem; max-width: 42rem; }
.small, .hint { font-size: 0.95rem; color: var(--muted); }
.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.95rem; }
.measure { max-width: 42rem; }

.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.trap { position: absolute !important; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.skip-link { position: absolute; left: -999px; top: 0.5rem; background: var(--paper); color: var(--ink); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { left: 0.5rem; }
.statistics-pixel { position: absolute; left: 0; top: 0; width: 1px; height: 1px; }

.site-header { background: var(--brand); color: var(--brand-ink); }
.site-header a { color: var(--brand-ink); }
.header-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.75rem; padding-top: 0.75rem; padding-bottom: 0.5rem; }
.brand { margin: 0; font-size: 1.35rem; font-weight: 700; }
.brand a { text-decoration: none; }
.brand a:hover { text-decoration: underline; }
.area-name { display: inline-block; margin-left: 0.75rem; padding: 0.1rem 0.6rem; border: 1px solid var(--brand-ink); border-radius: 999px; font-size: 0.9rem; font-weight: 600; }
.sign-out { display: flex; align-items: center; gap: 0.75rem; margin: 0; }
.language-switch { list-style: none; display: flex; gap: 0.75rem; margin: 0; padding: 0; }
.language-switch a { font-weight: 600; }
.who { font-size: 0.95rem; }
.nav { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0.25rem 0 0.75rem; }
.nav a { display: inline-block; padding: 0.35rem 0; font-weight: 600; text-decoration: none; border-bottom: 3px solid transparent; }
.nav a:hover, .nav a[aria-current="page"] { border-bottom-color: var(--brand-ink); }
.site-header details.menu { margin: 0; }
.menu > summary { font-weight: 600; padding: 0.5rem 0; min-height: 2.75rem; box-sizing: border-box; }
/* Wider than a phone the links are always shown, where the browser can show a closed details'
   content; elsewhere the Menu summary stays, so the links are never out of reach. */
@supports selector(::details-content) {
  @media (min-width: 40.01rem) {
    .menu > summary { display: none; }
    .menu::details-content { content-visibility: visible; }
  }
}
.site-header .sandbox-clock { margin: 0 auto 0.5rem; padding: 0.4rem 0.75rem; background: var(--paper); color: var(--ink); border-left: 6px solid var(--bad); border-radius: var(--radius); }

.site-footer { background: var(--wash); border-top: 1px solid var(--line); padding: 1.25rem 0; }
.footer-links { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; }

.button, button { display: inline-block; font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1.1rem; border-radius: var(--radius); border: 2px solid var(--brand); background: var(--brand); color: var(--brand-ink); cursor: pointer; text-decoration: none; line-height: 1.5; }
.button:hover, button:hover { background: #0f2c43; }
.button.secondary { background: var(--paper); color: var(--brand); }
.button.secondary:hover { background: var(--wash); }
.site-header .button.secondary { background: transparent; color: var(--brand-ink); border-color: var(--brand-ink); }
.button.danger { background: var(--bad); border-color: var(--bad); color: #fff; }
form.inline { display: inline; margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }

.field { margin: 0 0 1rem; }
.field label, .legend { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.field .hint, .field .error-text { margin: 0 0 0.35rem; }
input[type="text"], input[type="password"], input[type="email"], input[type="tel"], input[type="date"], input[type="search"], input[type="number"], select, textarea {
  font: inherit; width: 100%; max-width: 28rem; min-height: 2.75rem; padding: 0.45rem 0.6rem; border: 2px solid var(--ink); border-radius: var(--radius); background: var(--paper); color: var(--ink);
}
textarea { max-width: 42rem; min-height: 6rem; }
.has-error input, .has-error select { border-color: var(--bad); }
.error-text { color: var(--bad); font-weight: 600; }
.check { display: grid; grid-template-columns: 1.75rem 1fr; gap: 0 0.5rem; margin: 0 0 1rem; align-items: start; }
.check input { width: 1.5rem; height: 1.5rem; margin: 0.1rem 0 0; }
.check label { font-weight: 600; }
.check .hint { grid-column: 2; margin: 0; }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 1rem 0.25rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1.5rem; }

.search-form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
.search-form .field { flex: 1 1 18rem; margin: 0; }
.search-form input { max-width: none; }

.flash { border-left: 6px solid; border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0 0 1.25rem; }
.flash p:last-child, .flash ul:last-child { margin-bottom: 0; }
.flash-ok { border-color: var(--ok); background: var(--ok-wash); }
.flash-error { border-color: var(--bad); background: var(--bad-wash); }
.flash-error a { color: var(--bad); }

table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding: 0 0 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.6rem 0.5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); }
tbody tr:nth-child(even) { background: #f8f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 0 0 1rem; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
.tag { display: inline-block; padding: 0 0.5rem; border-radius: 999px; font-size: 0.9rem; font-weight: 600; background: var(--wash); border: 1px solid var(--line); }
.tag.ok { background: var(--ok-wash); color: var(--ok); border-color: var(--ok); }
.tag.bad { background: var(--bad-wash); color: var(--bad); border-color: var(--bad); }

.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0.75rem; }
.summary > div { background: var(--wash); border-radius: var(--radius); padding: 0.75rem 1rem; }
.summary dt { font-size: 0.95rem; color: var(--muted); }
.summary dd { margin: 0; font-size: 1.2rem; font-weight: 700; }
.results { list-style: none; padding: 0; }
.results > li { border-bottom: 1px solid var(--line); padding: 1rem 0; }
.results h2, .results h3 { margin: 0 0 0.25rem; font-size: 1.2rem; }
.kept > div { margin-bottom: 0.5rem; }
.kept dt { font-weight: 700; }
.kept dd { margin: 0; }
table.record { margin-bottom: 1rem; }
table.record th { width: 35%; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
.card > :first-child, .slip > :first-child { margin-top: 0; }
details { margin: 0.5rem 0 1.5rem; }
summary { cursor: pointer; padding: 0.25rem 0; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.notice { border: 2px solid var(--ink); border-radius: var(--radius); padding: 1rem 1.25rem; margin: 0 0 1.5rem; background: #fff8e6; }
.policy-diff { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem; margin: 0 0 1.5rem; font-family: ui-monospace, monospace; font-size: 0.95rem; }
.policy-diff ins { text-decoration: underline 2px; background: var(--ok-wash); color: var(--ok); }
.policy-diff del { text-decoration: line-through 2px; background: var(--bad-wash); color: var(--bad); }
.destination { font-size: 1.15rem; word-break: break-all; background: var(--wash); padding: 0.75rem 1rem; border-radius: var(--radius); }
.db-list { list-style: none; padding: 0; }
.db-list > li { border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem; margin-bottom: 1rem; }

.area-staff input[type="text"], .area-staff input[type="password"], .area-staff select { font-size: 1.15rem; min-height: 3rem; }
.area-staff .button, .area-staff button { min-height: 3rem; }
.scan { background: var(--wash); border: 2px solid var(--brand); border-radius: var(--radius); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.scan .field { margin-bottom: 0.5rem; }
.scan input { font-size: 1.4rem; max-width: 32rem; letter-spacing: 0.03em; }
.slip { border: 3px dashed var(--ink); border-radius: var(--radius); padding: 1rem 1.5rem; margin: 0 0 1.5rem; max-width: 30rem; background: var(--paper); }
.slip .code { font-size: 3rem; font-weight: 800; letter-spacing: 0.12em; margin: 0.25rem 0; font-variant-numeric: tabular-nums; }
.slip h2 { margin-top: 0; }
.pass-sheet { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
.pass { border: 2px dashed var(--ink); border-radius: var(--radius); padding: 0.75rem 1rem; break-inside: avoid; page-break-inside: avoid; background: var(--paper); }
.pass .pass-title { margin: 0; font-weight: 700; }
.pass .code { font-size: 1.6rem; font-weight: 800; letter-spacing: 0.1em; margin: 0.25rem 0; font-family: ui-monospace, monospace; }
.barcode svg { display: block; width: 100%; max-width: 16rem; height: 3.5rem; }
.queue-display .ticket { font-size: 2rem; font-weight: 800; }
.letter { border: 1px solid var(--line); border-radius: var(--radius); padding: 1.5rem 2rem; margin: 0 0 1.5rem; max-width: 42rem; background: var(--paper); }
.letter-from { font-weight: 700; margin-top: 0; }
.letter-to { font-style: normal; margin: 1.5rem 0; }
.letter-to span { display: block; }
.letter-subject { font-size: 1.25rem; }

.area-kiosk main { font-size: 1.15rem; }
.area-kiosk input[type="text"], .area-kiosk input[type="password"] { font-size: 1.3rem; min-height: 3.25rem; }
.area-kiosk button { min-height: 3.25rem; font-size: 1.15rem; }
.kiosk-terms li { margin-bottom: 0.5rem; }
.kiosk-time { font-size: 2.5rem; font-weight: 800; font-variant-numeric: tabular-nums; margin: 0.5rem 0 1rem; }
.kiosk-alert:empty, .kiosk-connection:empty { display: none; }
.kiosk-alert { border-left: 6px solid var(--bad); background: var(--bad-wash); border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0 0 1.25rem; font-weight: 700; font-size: 1.3rem; }
.kiosk-connection { border-left: 6px solid var(--accent); background: var(--wash); border-radius: var(--radius); padding: 0.5rem 1rem; }
.kiosk-message h2 { margin-top: 0; }
.staff-computers .tag { white-space: nowrap; }
.credential { font-family: ui-monospace, monospace; font-size: 1.2rem; word-break: break-all; background: var(--wash); padding: 0.75rem 1rem; border-radius: var(--radius); }

@media (max-width: 40rem) {
  h1 { font-size: 1.6rem; }
  .header-row { gap: 0.25rem 0.75rem; padding-top: 0.5rem; padding-bottom: 0.25rem; }
  .brand { font-size: 1.1rem; }
  .area-name { margin-left: 0.5rem; font-size: 0.8rem; }
  .who { display: none; }
  .nav { padding-top: 0; }
  thead { position: absolute; left: -9999px; }
  table, tbody, tr, td, th { display: block; }
  tbody tr { border-bottom: 2px solid var(--line); padding: 0.5rem 0; }
  td, tbody th { border: 0; padding: 0.2rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  .site-header, .site-footer, .skip-link, .no-print, .flash, form { display: none !important; }
  .slip { border: 2px solid #000; }
  main { padding: 0; }
  .letter { border: 0; border-radius: 0; padding: 0; margin: 0; max-width: none; font-size: 12pt; line-height: 1.45; color: #000; break-after: page; page-break-after: always; }
  .letter:last-child { break-after: auto; page-break-after: auto; }
  .letter-to { margin: 2.5rem 0 2rem; font-size: 12pt; }
}
`
