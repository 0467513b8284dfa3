import pg from 'pg'

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** The last migration applied to a PostgreSQL store, or null when it has none. */
export async function lastPostgresMigration(url: string): Promise<string | null> {
  return withClient(url, async (c) => {
    const exists = await c.query<{ t: string | null }>(
      "select to_regclass('public.kysely_migration')::text as t",
    )
    if (exists.rows[0]?.t == null) return null
    const r = await c.query<{ name: string }>(
      'select name from kysely_migration order by name desc limit 1',
    )
    return r.rows[0]?.name ?? null
  })
}

/** How many tables the database's public schema holds (0: empty, fit to restore into). */
export async function tableCount(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const r = await c.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    )
    return Number(r.rows[0]?.n ?? 0)
  })
}

/** Empties a database this restore filled, when the restore fails part-way. */
export async function emptyDatabase(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query('drop schema public cascade')
    await c.query('create schema public')
  })
}
