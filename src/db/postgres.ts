import pg from 'pg'

// int8 (count(*), sum()) arrives as a string by default; every such value Carrel reads fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v))

export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max })
}

/** The key store's URL when not given: same server, database name + "_keys". */
export function deriveKeystoreUrl(recordsUrl: string): string {
  const url = new URL(recordsUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'carrel'
  url.pathname = '/' + encodeURIComponent(`${name}_keys`)
  return url.toString()
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  const probe = new pg.Client({ connectionString })
  try {
    await probe.connect()
    return
  } catch (err) {
    if (!(err instanceof Error) || (err as Error & { code?: string }).code !== '3D000') throw err
  } finally {
    await probe.end().catch(() => undefined)
  }
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
  } finally {
    await admin.end()
  }
}
