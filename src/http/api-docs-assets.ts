import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { DOCS_SCRIPT, DOCS_STYLESHEET } from './api-docs-page.js'

export interface DocsAsset {
  body: Buffer
  type: string
  etag: string
}

const JS = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'

/** Swagger UI's files, from the installed package: a fixed list, so no request names a path. */
const FROM_SWAGGER_UI: Record<string, string> = {
  'swagger-ui.css': CSS,
  'swagger-ui-bundle.js': JS,
}

function asset(body: Buffer, type: string): DocsAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
  return { body, type, etag }
}

let loaded: ReadonlyMap<string, DocsAsset> | undefined

/** Read on first use (two megabytes no other page needs), then held in memory. */
function load(): ReadonlyMap<string, DocsAsset> {
  const require = createRequire(import.meta.url)
  const files = new Map<string, DocsAsset>([
    ['api-docs.js', asset(Buffer.from(DOCS_SCRIPT, 'utf8'), JS)],
    ['api-docs.css', asset(Buffer.from(DOCS_STYLESHEET, 'utf8'), CSS)],
  ])
  for (const [name, type] of Object.entries(FROM_SWAGGER_UI))
    files.set(name, asset(readFileSync(require.resolve(`swagger-ui-dist/${name}`)), type))
  return files
}

export function docsAsset(name: string): DocsAsset | undefined {
  loaded ??= load()
  return loaded.get(name)
}
