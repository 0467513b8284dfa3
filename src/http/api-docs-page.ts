import { CSP_DIRECTIVES } from '../web/security.js'

/** Where the reference page's files live; all of them on this site. */
export const DOCS_ASSET_PREFIX = '/api/docs/assets/'
/** The OpenAPI document as JSON whatever the client asks for (the viewer loads it from here). */
export const OPENAPI_JSON_PATH = '/api/docs/openapi.json'

/**
 * The site's policy with one change for this page: Swagger UI's stylesheet draws its arrows,
 * check marks and copy buttons as `data:` SVG images. An image cannot run script, so scripts,
 * styles and connections stay limited to this site exactly as on every other page.
 */
export const DOCS_CSP = Object.entries({ ...CSP_DIRECTIVES, 'img-src': ["'self'", 'data:'] })
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ')

/** No inline script or style: the page only links the files served beside it. */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carrel API reference</title>
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}swagger-ui.css">
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}api-docs.css">
<script src="${DOCS_ASSET_PREFIX}swagger-ui-bundle.js" defer></script>
<script src="${DOCS_ASSET_PREFIX}api-docs.js" defer></script>
</head>
<body>
<main>
<noscript><p class="api-docs-noscript">This reference is drawn by a script. Without it, read the
OpenAPI document itself: <a href="${OPENAPI_JSON_PATH}">${OPENAPI_JSON_PATH}</a>.</p></noscript>
<div id="api-reference"></div>
</main>
</body>
</html>
`

/**
 * Starts Swagger UI on our own document. No validator (it would send the document to another
 * site), no top bar for loading other documents, and the bearer token is kept in memory only.
 */
export const DOCS_SCRIPT = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({
    url: '${OPENAPI_JSON_PATH}',
    dom_id: '#api-reference',
    layout: 'BaseLayout',
    presets: [window.SwaggerUIBundle.presets.apis],
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0
  });
});
`

/**
 * Swagger UI's own colours put white text on light greens, blues and oranges; these darker
 * ones keep the same meaning and pass WCAG AA contrast (4.5:1) for the text on them.
 */
const METHOD_COLOURS: Record<string, string> = {
  get: '#1d5fa8',
  post: '#1a7a4c',
  put: '#9a5200',
  patch: '#0f6b5c',
  delete: '#b3261e',
}

export const DOCS_STYLESHEET = `html { box-sizing: border-box; overflow-y: scroll; }
*, *::before, *::after { box-sizing: inherit; }
body { margin: 0; background: #fff; }
.api-docs-noscript { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; font: 1rem/1.5 sans-serif; }
${Object.entries(METHOD_COLOURS)
  .map(
    ([method, colour]) =>
      `.swagger-ui .opblock.opblock-${method} .opblock-summary-method { background: ${colour}; }
.swagger-ui .opblock.opblock-${method} .tab-header .tab-item.active h4 span::after { background: ${colour}; }`,
  )
  .join('\n')}
.swagger-ui .info .title small.version-stamp { background-color: #4d6b00; }
.swagger-ui .info .title small { background-color: #5c6670; }
.swagger-ui .info a.url, .swagger-ui .info .url { color: #1d5fa8; }
.swagger-ui .btn.authorize { color: #1a7a4c; border-color: #1a7a4c; }
.swagger-ui .btn.authorize svg { fill: #1a7a4c; }
.swagger-ui .btn.execute { background-color: #1d5fa8; border-color: #1d5fa8; }
.swagger-ui .btn.cancel { color: #b3261e; border-color: #b3261e; }
.swagger-ui .response-col_status .response-undocumented,
.swagger-ui .response-col_links .response-undocumented { color: #5c6670; }
.swagger-ui .download-contents { background: #4f5563; }
`

/**
 * How much the Accept header wants `type` (0 to 1): the most specific range that names it
 * decides, as HTTP says; a header that cannot be read counts as no preference.
 */
function quality(accept: string, type: string): number {
  const family = `${type.slice(0, type.indexOf('/'))}/*`
  let found = 0
  let specificity = -1
  for (const part of accept.toLowerCase().split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim())
    const rank = range === type ? 2 : range === family ? 1 : range === '*/*' ? 0 : -1
    if (rank <= specificity) continue
    const q = params.find((p) => p.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    specificity = rank
    found = Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0
  }
  return found
}

/**
 * A browser asks for HTML first and takes JSON only through its catch-all range; API clients
 * name JSON or nothing. On a tie the JSON document wins, as it always has at this address.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept === '') return false
  return quality(accept, 'text/html') > quality(accept, 'application/json')
}
