import { expect, it } from 'vitest'
import { sip2WorkerCount } from '../../src/sip2/service.js'

const config = (workers?: number) =>
  ({ sip2: { workers } }) as Parameters<typeof sip2WorkerCount>[0]

it('runs SIP2 in one process on SQLite and on every core (at most 8) on PostgreSQL unless told', () => {
  expect(sip2WorkerCount(config(), 'sqlite', 16)).toBe(1)
  expect(sip2WorkerCount(config(), 'postgres', 2)).toBe(2)
  expect(sip2WorkerCount(config(), 'postgres', 16)).toBe(8)
  expect(sip2WorkerCount(config(3), 'sqlite', 16)).toBe(3)
  expect(sip2WorkerCount(config(1), 'postgres', 16)).toBe(1)
})
