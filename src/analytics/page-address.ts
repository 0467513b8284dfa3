/** Longest path (with kept parameters) stored; anything longer is cut, a visit still counted. */
export const MAX_PATH_LENGTH = 300
const MAX_HOST_LENGTH = 253

export interface PageAddress {
  /** Host and port, lower case, such as `www.mylibrary.org`. */
  site: string
  path: string
}

/**
 * A page's address reduced to what is stored: its host and its path, without fragment and
 * without query string except the allow-listed parameters. Undefined unless http(s).
 */
export function pageAddress(
  url: string,
  queryAllowList: readonly string[],
): PageAddress | undefined {
  const parsed = parseHttpUrl(url)
  if (parsed === undefined) return undefined
  const kept = new URLSearchParams()
  for (const name of [...queryAllowList].sort()) {
    const value = parsed.searchParams.get(name)
    if (value !== null) kept.set(name, value.slice(0, 100))
  }
  const query = kept.size > 0 ? `?${kept.toString()}` : ''
  const path = `${safeDecode(parsed.pathname)}${query}`.slice(0, MAX_PATH_LENGTH)
  return { site: parsed.host.slice(0, MAX_HOST_LENGTH), path }
}

/** The referring page's host, only when it is another site than the page's own. */
export function externalReferrerHost(referrer: string | undefined, site: string): string | null {
  if (referrer === undefined || referrer === '') return null
  const parsed = parseHttpUrl(referrer)
  if (parsed === undefined || parsed.host === site) return null
  return parsed.host.slice(0, MAX_HOST_LENGTH)
}

function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    if (url.host === '') return undefined
    return url
  } catch {
    return undefined
  }
}

/** `%20` reads as a space; a malformed escape, or one that would make a control character, stays as sent. */
function safeDecode(path: string): string {
  try {
    const decoded = decodeURIComponent(path)
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f]/.test(decoded) ? path : decoded
  } catch {
    return path
  }
}
