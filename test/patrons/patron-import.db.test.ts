import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { AppError } from '../../src/errors.js'
import { luhnDigit } from '../../src/patrons/barcode.js'
import { importPatrons } from '../../src/patrons/patron-import.js'
import { findPatrons, getPatron } from '../../src/patrons/patron.service.js'
import { createTestEnv, describeEngines } from '../harness/engines.js'
import { staffActor } from '../harness/factories.js'

const HEADER =
  'givenName,familyName,addressLine1,addressLine2,city,region,postcode,phone,email,licenceNumber,sex,birthDate,category,homeBranch,expiresOn,barcode,pin,notifyNotices,notifyNewsletter,notifyPolicyChanges'

let serial = 0
/** A valid card number for the default format (prefix 2, 14 digits, Luhn). */
function barcode(): string {
  serial += 1
  const body = `2${String(Date.now() % 1e9).padStart(9, '0')}${String(serial).padStart(3, '0')}`
  return body + luhnDigit(body)
}

async function counts(
  ctx: AppContext,
): Promise<{ patrons: number; keys: number; cards: number; audit: number }> {
  const n = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n)
  return {
    patrons: await n(
      ctx.db
        .selectFrom('patrons')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    keys: await n(
      ctx.keys
        .selectFrom('patron_keys')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    cards: await n(
      ctx.db
        .selectFrom('cards')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    audit: await n(
      ctx.db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  }
}

describeEngines(
  'patron CSV import',
  (env) => {
    it('imports the good rows and reports each bad one by the line it starts on', async () => {
      const { ctx } = env()
      const librarian = await staffActor(ctx, 'librarian')
      const first = barcode()
      const csv = [
        HEADER,
        `Imogen,Vasquez-Imp,14 Orchard Row,,Harlan Grove,IL,61999,(217) 555-0142,imogen.imp@example.org,,F,1979-04-02,adult,main,,${first},4826,yes,no,`,
        // lines 3–4: one record, its address split over two lines
        `Bartholomew,Núñez-Imp,"Flat 2\nThe Old Mill",Mill Lane,Harlan Grove,IL,61999,,,,,,senior,main,,,5173,TRUE,1,0`,
        `Cora,Bad-Email-Imp,1 Elm St,,Harlan Grove,IL,61999,,not-an-email,,,,adult,main,,,,,,`,
        `Dmitri,Weak-Pin-Imp,2 Elm St,,Harlan Grove,IL,61999,,,,,,adult,main,,,9999,,,`,
        `Eliza,Dup-Card-Imp,3 Elm St,,Harlan Grove,IL,61999,,,,,,adult,main,,${first},,,,`,
        `Farid,Martian-Imp,4 Elm St,,Harlan Grove,IL,61999,,,,,,martian,main,,,,,,`,
        `Greta,Licence-Imp,5 Elm St,,Harlan Grove,IL,61999,,,D555-1234-5678,,,adult,main,,,,,,`,
        // lines 10–12: a bad record whose quoted field spans three lines
        `Hugo,Bool-Imp,"6 Elm St\nRear\nDoor",,Harlan Grove,IL,61999,,,,,,adult,main,,,,maybe,,`,
        `Ines,Plain-Imp,7 Elm St,,Harlan Grove,IL,61999,,ines.imp@example.net,,,,child,main,2030-01-31,,,,,`,
        `Jonas,Short-Row-Imp,8 Elm St`,
        '',
      ].join('\n')
      const before = await counts(ctx)
      const progress: number[] = []
      const report = await importPatrons(ctx, librarian, csv, (done) => progress.push(done))

      expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
        [5, 'INVALID_INPUT'],
        [6, 'WEAK_PIN'],
        [7, 'BARCODE_TAKEN'],
        [8, 'UNKNOWN_CATEGORY'],
        [9, 'FIELD_DISABLED'],
        [10, 'INVALID_BOOLEAN'],
        [14, 'CSV_FIELD_COUNT'],
      ])
      expect(report.imported).toBe(3)
      expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(report.rejected[0]?.reason).toContain('email')
      expect(report.rejected[4]?.reason).toContain('licenceNumber')
      expect(report.rejected[5]?.reason).toContain('notifyNotices')
      // Reasons name the problem, never the row's values.
      const reasons = report.rejected.map((r) => r.reason).join('\n')
      for (const value of [
        'not-an-email',
        '9999',
        first,
        'martian',
        'D555-1234-5678',
        'maybe',
        'Jonas',
      ]) {
        expect(reasons).not.toContain(value)
      }

      const after = await counts(ctx)
      expect(after.patrons - before.patrons).toBe(3)
      expect(after.keys - before.keys).toBe(3)
      expect(after.cards - before.cards).toBe(3)
      // patron.create + card.issue for each imported row, nothing for a refused one
      expect(after.audit - before.audit).toBe(6)

      const [imogen] = await findPatrons(ctx, librarian, { barcode: first })
      expect(imogen?.familyName).toBe('Vasquez-Imp')
      const imogenFull = await getPatron(ctx, librarian, imogen?.id ?? '')
      expect(imogenFull.email).toBe('imogen.imp@example.org')
      expect(imogenFull.notify).toEqual({ notices: true, newsletter: false, policyChanges: false })
      expect(imogenFull.cards[0]?.hasPin).toBe(true)

      const [bart] = await findPatrons(ctx, librarian, { surname: 'Nunez-Imp' })
      const bartFull = await getPatron(ctx, librarian, bart?.id ?? '')
      expect(bartFull.address).toEqual({
        line1: 'Flat 2\nThe Old Mill',
        line2: 'Mill Lane',
        city: 'Harlan Grove',
        region: 'IL',
        postcode: '61999',
      })
      expect(bartFull.category).toBe('senior')
      expect(bartFull.phone).toBeNull()
      expect(bartFull.notify).toEqual({ notices: true, newsletter: true, policyChanges: false })

      const [ines] = await findPatrons(ctx, librarian, { email: 'ines.imp@example.net' })
      expect(ines?.expiresOn).toBe('2030-01-31')
      expect(ines?.barcode).toMatch(/^2\d{13}$/)
      const inesFull = await getPatron(ctx, librarian, ines?.id ?? '')
      expect(inesFull.cards[0]?.hasPin).toBe(false)
      expect(await findPatrons(ctx, librarian, { surname: 'Bad-Email-Imp' })).toEqual([])
      expect(await findPatrons(ctx, librarian, { surname: 'Dup-Card-Imp' })).toEqual([])
    })

    it('reads a CRLF stream split at awkward places with the same line numbers', async () => {
      const { ctx } = env()
      const csv = [
        'givenName,familyName,addressLine1,city,postcode,category,homeBranch,pin',
        'Zoë,Ærøskøbing-Imp,"1 Quay\r\nUnit 4",Harlan Grove,61999,adult,main,7395',
        'Yusuf,Crlf-Bad-Imp,2 Quay,Harlan Grove,61999,adult,main,0000',
        '',
        'Xavier,Crlf-Good-Imp,3 Quay,Harlan Grove,61999,adult,main,',
      ].join('\r\n')
      const bytes = Buffer.from('\uFEFF' + csv, 'utf8')
      const chunks: Buffer[] = []
      for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5))
      const report = await importPatrons(ctx, SYSTEM_ACTOR, Readable.from(chunks))
      expect(report.rejected.map((r) => [r.line, r.code])).toEqual([[4, 'WEAK_PIN']])
      expect(report.imported).toBe(2)
      const [zoe] = await findPatrons(ctx, SYSTEM_ACTOR, { surname: 'Ærøskøbing-Imp' })
      expect(zoe?.givenName).toBe('Zoë')
      const zoeFull = await getPatron(ctx, SYSTEM_ACTOR, zoe?.id ?? '')
      expect(zoeFull.address?.line1).toBe('1 Quay\nUnit 4')
    })

    it('refuses the whole file before writing anything when the header is wrong', async () => {
      const { ctx } = env()
      const good = 'Kai,Header-Imp,9 Elm St,Harlan Grove,61999,adult,main'
      const before = await counts(ctx)
      await expect(
        importPatrons(
          ctx,
          SYSTEM_ACTOR,
          `givenName,familyName,addressLine1,city,postcode,category,homeBranch,favouriteColour\n${good},blue\n`,
        ),
      ).rejects.toMatchObject({
        code: 'CSV_UNKNOWN_COLUMN',
        message: expect.stringContaining(
          'The header has an unknown column "favouriteColour";',
        ) as unknown,
      })
      await expect(
        importPatrons(
          ctx,
          SYSTEM_ACTOR,
          `givenName,familyName,addressLine1,city,postcode,category\n${good}\n`,
        ),
      ).rejects.toMatchObject({
        code: 'CSV_MISSING_COLUMN',
        message: expect.stringContaining('homeBranch') as unknown,
      })
      await expect(
        importPatrons(
          ctx,
          SYSTEM_ACTOR,
          `givenName,givenName,familyName,addressLine1,city,postcode,category,homeBranch\n`,
        ),
      ).rejects.toMatchObject({
        code: 'CSV_DUPLICATE_COLUMN',
      })
      // A file without a header starts with a patron's row, which must not be echoed back.
      const headerless = importPatrons(ctx, SYSTEM_ACTOR, `${good}\n${good}\n`)
      await expect(headerless).rejects.toMatchObject({ code: 'CSV_NO_HEADER' })
      await expect(headerless).rejects.not.toMatchObject({
        message: expect.stringContaining('Header-Imp') as unknown,
      })
      await expect(importPatrons(ctx, SYSTEM_ACTOR, '')).rejects.toMatchObject({
        code: 'CSV_NO_HEADER',
      })
      expect(await counts(ctx)).toEqual(before)
    })

    it('reports an unclosed quote by the line it opens on and keeps the rows before it', async () => {
      const { ctx } = env()
      const csv = [
        'givenName,familyName,addressLine1,city,postcode,category,homeBranch',
        'Lena,Quote-Good-Imp,10 Elm St,Harlan Grove,61999,adult,main',
        'Milo,Quote-Bad-Imp,"11 Elm St,Harlan Grove,61999,adult,main',
        'Nora,Swallowed-Imp,12 Elm St,Harlan Grove,61999,adult,main',
      ].join('\n')
      const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
      expect(report.imported).toBe(1)
      expect(report.rejected).toEqual([
        {
          line: 3,
          code: 'CSV_QUOTE_NOT_CLOSED',
          reason: expect.stringContaining('never closed') as unknown,
        },
      ])
      expect((await findPatrons(ctx, SYSTEM_ACTOR, { surname: 'Quote-Good-Imp' })).length).toBe(1)
    })

    it('reports a malformed last row by its line, with what is wrong, after the good rows', async () => {
      const { ctx } = env()
      const csv = [
        'givenName,familyName,addressLine1,city,postcode,category,homeBranch',
        'Lena,Tail-Good-Imp,10 Elm St,Harlan Grove,61999,adult,main',
        '"Milo"x,Tail-Bad-Imp,11 Elm St,Harlan Grove,61999,adult,main',
      ].join('\n')
      const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
      expect(report.imported).toBe(1)
      expect(report.rejected).toEqual([
        {
          line: 3,
          code: 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
          reason: 'This row could not be read: the CSV is malformed here (check its quotes).',
        },
      ])
    })

    it('names a header column left blank by its position', async () => {
      const { ctx } = env()
      const csv = 'givenName,familyName,,city\nLena,Blank-Col-Imp,x,Harlan Grove\n'
      await expect(importPatrons(ctx, SYSTEM_ACTOR, csv)).rejects.toMatchObject({
        code: 'CSV_UNKNOWN_COLUMN',
        message: expect.stringContaining('The header has no name for column 3;') as unknown,
      })
    })

    it('stops with the error when a store fails, instead of reporting good rows as refused', async () => {
      // A failure that is not a refusal (here the key store has lost its table) is not the
      // row's fault: the import must end with that error, not quietly list or drop the rows.
      const broken = await createTestEnv(env().engine)
      try {
        await sql`drop table patron_keys`.execute(broken.ctx.keys)
        const csv = [
          'givenName,familyName,addressLine1,city,postcode,category,homeBranch',
          'Lena,Store-Fail-Imp,10 Elm St,Harlan Grove,61999,adult,main',
          'Milo,Store-Fail-Imp,11 Elm St,Harlan Grove,61999,adult,main',
        ].join('\n')
        const outcome = await importPatrons(broken.ctx, SYSTEM_ACTOR, csv).then(
          (report) => ({ report }),
          (err: unknown) => ({ err }),
        )
        expect(outcome).toMatchObject({ err: expect.any(Error) as unknown })
        expect('err' in outcome && outcome.err instanceof AppError).toBe(false)
        expect(String('err' in outcome ? outcome.err : '')).toMatch(/patron_keys/)
      } finally {
        await broken.close()
      }
    })
  },
  { patrons: { fields: { licenceNumber: false } } },
)
