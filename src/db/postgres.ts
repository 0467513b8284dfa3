import { createHash } from 'node:crypto'
import pg from 'pg'

// int8 (count(*), sum()) arrives as a string by default; every such value Carrel reads fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v))

/** Distinct statements one connection keeps prepared; past it, statements go unnamed. */
const MAX_NAMED = 500

/**
 * A client that prepares each statement once per connection under a name derived from its text
 * (PostgreSQL's extended protocol: Parse once, then only Bind and Execute), so the hot paths skip
 * parsing and planning from the second time on. Only parameterised data statements are named, and
 * only the first MAX_NAMED distinct texts, so lists of varying length cannot grow it without bound.
 */
class PreparingClient extends pg.Client {
  private readonly named = new Set<string>()

  override query(...args: unknown[]): never {
    const [text, values] = args
    if (
      typeof text === 'string' &&
      Array.isArray(values) &&
      args.length === 2 &&
      values.length > 0 &&
      /^\s*(select|insert|update|delete|with)\b/i.test(text)
    ) {
      const name = `carrel_${createHash('sha1').update(text).digest('base64url')}`
      if (this.named.has(name) || this.named.size < MAX_NAMED) {
        this.named.add(name)
        return (super.query as (...a: unknown[]) => never)({ name, text, values })
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}

export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, Client: PreparingClient })
}

/** The key store's URL when not given: same server, database name + "_keys". */
export function deriveKeystoreUrl(recordsUrl: string): string {
  const url = new URL(recordsUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'carrel'
  url.pathname = '/' + encodeURIComponent(`${name}_keys`)
  return url.toString()
}

/** A pool whose sessions cannot write (default_transaction_read_only), for inspecting a store. */
export function readOnlyPool(connectionString: string, max = 1): pg.Pool {
  return new pg.Pool({ connectionString, max, options: '-c default_transaction_read_only=on' })
}

/** The database name in a URL; safe to print, unlike the URL, which may hold a password. */
export function databaseName(connectionString: string): string {
  return decodeURIComponent(new URL(connectionString).pathname.replace(/^\//, '')) || '(default)'
}

/** Whether the database named in the URL exists; other connection failures are thrown. */
export async function databaseExists(connectionString: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString })
  try {
    await probe.connect()
    return true
  } catch (err) {
    if ((err as { code?: unknown }).code === '3D000') return false
    throw err
  } finally {
    await probe.end().catch(() => undefined)
  }
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
