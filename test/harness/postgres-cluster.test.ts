import { Client } from 'pg'
import { describe, expect, inject, it } from 'vitest'

const server = inject('postgres')

describe('PostgreSQL test cluster', () => {
  it('is provided by global setup and accepts connections', async () => {
    if (server === null) {
      // Only acceptable outside CI (global setup has printed a warning banner).
      expect(process.env.CI, 'PostgreSQL must be available in CI').not.toBe('true')
      return
    }

    const client = new Client({ ...server, database: 'postgres' })
    await client.connect()
    try {
      const result = await client.query<{
        version: string
        current_user: string
      }>('select version() as version, current_user as current_user')
      const row = result.rows[0]
      expect(row?.version).toContain('PostgreSQL')
      expect(row?.current_user).toBe('carrel')
    } finally {
      await client.end()
    }
  })
})
