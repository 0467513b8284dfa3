import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, inject, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { getPatron, registerPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'
import { patronInput } from '../harness/factories.js'
import { findPgBinDir } from '../harness/postgres-cluster.js'

const run = promisify(execFile)

/** Distinctive values, plus the normalised forms the blind indexes are made from. */
const PATRONS = [
  {
    givenName: 'Wilhelmina',
    familyName: 'Xanthopoulos',
    address: { line1: '4417 Quincewood Terrace', city: 'Zabrinsky Falls', postcode: '60999' },
    phone: '708-555-0142',
    email: 'wilhelmina.xantho@example.net',
    licenceNumber: 'X9988776655',
    sex: 'X' as const,
    birthDate: '1961-07-23',
  },
  {
    givenName: 'Bartholomew',
    familyName: 'Quennell-Oyelaran',
    address: { line1: '9 Marrowbone Close', city: 'Kessington', postcode: '60888' },
    phone: '7085550199',
    email: 'bq.oyelaran@example.com',
    licenceNumber: 'Q1122334455',
    birthDate: '1990-11-05',
  },
]
const NOTE = 'Vellichor-pamphlet-dispute-2211'

function needles(): string[] {
  return PATRONS.flatMap((p) => [
    p.givenName,
    p.familyName,
    p.familyName.toLowerCase(),
    p.familyName.toLowerCase().replace(/[^a-z]/g, ''),
    p.address.line1,
    p.address.city,
    p.phone,
    p.phone.replace(/\D/g, ''),
    p.email,
    p.licenceNumber,
    p.birthDate,
  ]).concat(NOTE)
}

describeEngines('encryption at rest (P4)', (env) => {
  it('leaves no personal value readable in the stored bytes', async () => {
    const { ctx, engine, dataDir } = env()
    for (const p of PATRONS) {
      const created = await registerPatron(ctx, SYSTEM_ACTOR, {
        ...patronInput(),
        ...p,
        card: { pin: '4826' },
      })
      await addNote(ctx, SYSTEM_ACTOR, created.id, { body: NOTE })
    }
    let haystack: Buffer
    if (engine === 'sqlite') {
      // Every file of both stores, WAL included, as raw bytes.
      haystack = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))))
      expect(readdirSync(dataDir)).toEqual(
        expect.arrayContaining(['records.sqlite', 'keys.sqlite']),
      )
    } else {
      const bin = findPgBinDir()
      const server = inject('postgres')
      if (bin === undefined || server === null) throw new Error('PostgreSQL tools missing')
      const dumps = await Promise.all(
        [env().databaseUrl, env().keystoreUrl].map(async (url) => {
          const name = new URL(url ?? '').pathname.slice(1)
          const { stdout } = await run(
            join(bin, 'pg_dump'),
            ['-h', server.host, '-p', String(server.port), '-U', server.user, name],
            {
              maxBuffer: 64 * 1024 * 1024,
            },
          )
          return stdout
        }),
      )
      expect(dumps[0]).toContain('CREATE TABLE public.patrons')
      haystack = Buffer.from(dumps.join('\n'))
    }
    expect(haystack.length).toBeGreaterThan(10_000)
    const found = needles().filter(
      (n) => haystack.includes(Buffer.from(n)) || haystack.includes(Buffer.from(n, 'utf16le')),
    )
    expect(found).toEqual([])
    // The harness must be able to see a value that is stored in clear: the category is.
    expect(haystack.includes(Buffer.from('adult'))).toBe(true)
  })

  it('binds each ciphertext to its column and its patron: moved, it does not open', async () => {
    const { ctx } = env()
    const a = await registerPatron(ctx, SYSTEM_ACTOR, {
      ...patronInput(),
      phone: '708-555-0142',
      email: 'moved-cipher@example.org',
    })
    const b = await registerPatron(ctx, SYSTEM_ACTOR, patronInput())
    const row = (id: string) =>
      ctx.db.selectFrom('patrons').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const original = await row(a.id)
    expect(original.phone_enc).not.toBeNull()
    // The phone's ciphertext put where the email belongs, on the same patron.
    await ctx.db
      .updateTable('patrons')
      .set({ email_enc: original.phone_enc })
      .where('id', '=', a.id)
      .execute()
    await expect(getPatron(ctx, SYSTEM_ACTOR, a.id)).rejects.toThrow()
    await ctx.db
      .updateTable('patrons')
      .set({ email_enc: original.email_enc })
      .where('id', '=', a.id)
      .execute()
    expect((await getPatron(ctx, SYSTEM_ACTOR, a.id)).email).toBe('moved-cipher@example.org')
    // The same column, moved to another patron.
    await ctx.db
      .updateTable('patrons')
      .set({ phone_enc: original.phone_enc })
      .where('id', '=', b.id)
      .execute()
    await expect(getPatron(ctx, SYSTEM_ACTOR, b.id)).rejects.toThrow()
  })
})
