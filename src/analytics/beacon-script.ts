/**
 * The counting script, small enough to read at a glance (a test keeps it under 1 KB gzipped).
 * It sends the page's address (without fragment) and the referring page once, on load, with
 * navigator.sendBeacon; it stores nothing and sets no cookie. A browser sending Global Privacy
 * Control or Do Not Track, or driven by automation, sends nothing. The endpoint is found from
 * the script's own address, so the same file works on the library's other website. A page
 * prerendered in the background is counted only when someone actually opens it.
 */
export const BEACON_SCRIPT = `(function(){var n=navigator,d=document,w=window,s=d.currentScript;
if(!s||!n.sendBeacon||n.webdriver||n.globalPrivacyControl||n.doNotTrack=="1"||w.doNotTrack=="1")return;
var e=new URL("/statistics/event",s.src).href;
function f(){n.sendBeacon(e,JSON.stringify({u:location.href.split("#")[0],r:d.referrer}))}
if(d.prerendering)d.addEventListener("prerenderingchange",f,{once:true});else f()})();
`

/** A transparent 1×1 GIF, the answer of the no-script pixel. */
export const PIXEL_GIF = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
)
