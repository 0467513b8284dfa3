import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { luhnDigit } from '../../src/patrons/barcode.js'
import { importPatrons } from '../../src/patrons/patron-import.js'
import { findPatrons, getPatron } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'

const MINIMAL = 'givenName,familyName,addressLine1,city,postcode,category,homeBranch'

let serial = 0
/** A free card number in the default format (prefix 2, 14 digits, Luhn check digit). */
function freeBarcode(): string {
  serial += 1
  const body = `2${String(Date.now() % 1e9).padStart(9, '0')}${String(500 + serial).padStart(3, '0')}`
  return body + luhnDigit(body)
}

async function onlyPatron(ctx: AppContext, surname: string) {
  const hits = await findPatrons(ctx, SYSTEM_ACTOR, { surname })
  expect(hits).toHaveLength(1)
  return getPatron(ctx, SYSTEM_ACTOR, hits[0]?.id ?? '')
}

/**
 * Makes each PIN hash take a while longer and counts how many run at once, so the order and
 * overlap of the rows being registered can be seen.
 */
function slowHashing(ctx: AppContext, ms: number) {
  const real = ctx.hasher.hash.bind(ctx.hasher)
  const seen = { inFlight: 0, most: 0 }
  const spy = vi.spyOn(ctx.hasher, 'hash').mockImplementation(async (secret: string) => {
    seen.inFlight += 1
    seen.most = Math.max(seen.most, seen.inFlight)
    try {
      await sleep(ms)
      return await real(secret)
    } finally {
      seen.inFlight -= 1
    }
  })
  return { seen, restore: () => spy.mockRestore() }
}

describeEngines('what an imported row becomes', (env) => {
  it('stores every personal field of a row, the sex written in either case', async () => {
    const { ctx } = env()
    const csv = [
      `${MINIMAL},phone,email,licenceNumber,sex,birthDate`,
      'Petra,Fields-Imp,1 Birch Rd,Harlan Grove,61999,adult,main,(217) 555-0199,petra.imp@example.org,K123-4567,f,1988-07-14',
    ].join('\n')
    expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 1, rejected: [] })
    const petra = await onlyPatron(ctx, 'Fields-Imp')
    expect({
      phone: petra.phone,
      email: petra.email,
      licenceNumber: petra.licenceNumber,
      sex: petra.sex,
      birthDate: petra.birthDate,
    }).toEqual({
      phone: '(217) 555-0199',
      email: 'petra.imp@example.org',
      licenceNumber: 'K123-4567',
      sex: 'F',
      birthDate: '1988-07-14',
    })
  })

  it('gives a card only when the file has a card number or PIN column', async () => {
    const { ctx } = env()
    const wanted = freeBarcode()
    const csv = [
      `${MINIMAL},barcode`,
      `Quinn,Barcode-Only-Imp,2 Birch Rd,Harlan Grove,61999,adult,main,${wanted}`,
    ].join('\n')
    expect((await importPatrons(ctx, SYSTEM_ACTOR, csv)).imported).toBe(1)
    const quinn = await onlyPatron(ctx, 'Barcode-Only-Imp')
    expect(quinn.cards.map((c) => [c.barcode, c.hasPin])).toEqual([[wanted, false]])

    const cardless = [MINIMAL, 'Rhea,No-Card-Imp,3 Birch Rd,Harlan Grove,61999,adult,main'].join(
      '\n',
    )
    expect((await importPatrons(ctx, SYSTEM_ACTOR, cardless)).imported).toBe(1)
    expect((await onlyPatron(ctx, 'No-Card-Imp')).cards).toEqual([])
  })

  it('reads no, false, 0 and empty as no, and yes, true and 1 as yes, in any case', async () => {
    const { ctx } = env()
    const csv = [
      `${MINIMAL},notifyNotices,notifyNewsletter,notifyPolicyChanges`,
      'Sami,Bool-No-Imp,4 Birch Rd,Harlan Grove,61999,adult,main,no,FALSE,0',
      'Tova,Bool-False-Imp,5 Birch Rd,Harlan Grove,61999,adult,main,false,No,',
      'Umar,Bool-Yes-Imp,6 Birch Rd,Harlan Grove,61999,adult,main,YES,True,1',
    ].join('\n')
    expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 3, rejected: [] })
    const none = { notices: false, newsletter: false, policyChanges: false }
    expect((await onlyPatron(ctx, 'Bool-No-Imp')).notify).toEqual(none)
    expect((await onlyPatron(ctx, 'Bool-False-Imp')).notify).toEqual(none)
    expect((await onlyPatron(ctx, 'Bool-Yes-Imp')).notify).toEqual({
      notices: true,
      newsletter: true,
      policyChanges: true,
    })
  })
  it('names a required field left empty in a row, as for a field missing from a form', async () => {
    const { ctx } = env()
    const csv = [MINIMAL, 'Kai,,22 Birch Rd,Harlan Grove,61999,adult,main'].join('\n')
    const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
    expect(report.imported).toBe(0)
    expect(report.rejected.map((r) => [r.line, r.code, r.reason])).toEqual([
      [
        2,
        'INVALID_INPUT',
        'Invalid input: familyName: Expected required property; familyName: Expected string',
      ],
    ])
  })
})

describeEngines('reading a patron file', (env) => {
  it('passes over a row whose cells are all empty, without reporting or counting it', async () => {
    const { ctx } = env()
    const csv = [
      MINIMAL,
      'Vera,Empty-Row-Imp,7 Birch Rd,Harlan Grove,61999,adult,main',
      ',,,,,,',
      ' , ,,,, , ',
      'Wim,Empty-Row-Imp,8 Birch Rd,Harlan Grove,61999,adult,main',
    ].join('\n')
    const progress: number[] = []
    const report = await importPatrons(ctx, SYSTEM_ACTOR, csv, (done) => progress.push(done))
    expect(report).toEqual({ imported: 2, rejected: [] })
    expect(progress).toEqual([1, 2])
  })

  it('passes over blank lines before the header', async () => {
    const { ctx } = env()
    const csv = [
      '',
      '',
      MINIMAL,
      'Xena,Blank-Top-Imp,9 Birch Rd,Harlan Grove,61999,adult,main',
    ].join('\n')
    expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 1, rejected: [] })
  })

  it('numbers a refused row by its own line when blank lines come before it', async () => {
    const { ctx } = env()
    const csv = [
      MINIMAL,
      'Yves,Gap-Good-Imp,10 Birch Rd,Harlan Grove,61999,adult,main',
      '',
      '',
      'Zara,Gap-Bad-Imp,11 Birch Rd,Harlan Grove,61999,martian,main',
      '',
      '',
      '',
      'Abel,Gap-Bad-Imp,"12 Birch Rd',
      'Rear",Harlan Grove,61999,martian,main',
    ].join('\n')
    const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, 'UNKNOWN_CATEGORY'],
      [9, 'UNKNOWN_CATEGORY'],
    ])
  })

  it('reads a file given as text that starts with a byte-order mark', async () => {
    const { ctx } = env()
    const csv = `\uFEFF${MINIMAL}\nBea,Bom-Text-Imp,13 Birch Rd,Harlan Grove,61999,adult,main\n`
    expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 1, rejected: [] })
  })

  it('reads old Mac line endings (a carriage return alone), even split between pieces of a stream', async () => {
    const { ctx } = env()
    const csv = [
      MINIMAL,
      'Cleo,Cr-Good-Imp,14 Birch Rd,Harlan Grove,61999,adult,main',
      'Dov,Cr-Bad-Imp,15 Birch Rd,Harlan Grove,61999,martian,main',
      'Edda,Cr-Good-Imp,16 Birch Rd,Harlan Grove,61999,adult,main',
    ].join('\r')
    // Every piece ends on a carriage return, so no piece can tell where its line ends alone.
    const pieces = csv.split(/(?<=\r)/)
    const report = await importPatrons(ctx, SYSTEM_ACTOR, Readable.from(pieces))
    expect(report.imported).toBe(2)
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([[3, 'UNKNOWN_CATEGORY']])
  })

  it('reads a file whose later lines end with a carriage return alone', async () => {
    const { ctx } = env()
    const csv =
      `${MINIMAL}\n` +
      'Fern,Mixed-End-Imp,17 Birch Rd,Harlan Grove,61999,adult,main\r' +
      'Gus,Mixed-End-Imp,18 Birch Rd,Harlan Grove,61999,adult,main\n'
    expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 2, rejected: [] })
  })

  it('keeps a broken last character of a file cut short, so the row is not read short', async () => {
    const { ctx } = env()
    const header = 'givenName,addressLine1,city,postcode,category,homeBranch,familyName'
    const whole = Buffer.from(`${header}\nHana,19 Birch Rd,Harlan Grove,61999,adult,main,Kovač`)
    // The file ends after the first byte of the two-byte "č".
    const cut = whole.subarray(0, whole.length - 1)
    expect((await importPatrons(ctx, SYSTEM_ACTOR, cut)).imported).toBe(1)
    const [hana] = await findPatrons(ctx, SYSTEM_ACTOR, { surnamePrefix: 'Kova' })
    expect(hana?.familyName).toBe('Kova\uFFFD')
  })

  it('reports a quote left open at the end of a slowly arriving file, after the rows before it', async () => {
    const { ctx } = env()
    async function* slowFile() {
      yield `${MINIMAL}\nIda,Slow-Quote-Imp,20 Birch Rd,Harlan Grove,61999,adult,main\n`
      yield 'Jon,Slow-Quote-Imp,"21 Birch Rd,Harlan Grove,61999,adult,main\n'
      // The end of the file comes only after every complete row has been read.
      await sleep(100)
    }
    const report = await importPatrons(ctx, SYSTEM_ACTOR, Readable.from(slowFile()))
    expect(report.imported).toBe(1)
    expect(report.rejected).toEqual([
      {
        line: 3,
        code: 'CSV_QUOTE_NOT_CLOSED',
        reason:
          'This row could not be read: a quoted field is never closed, so the rest of the file could not be read.',
      },
    ])
  })
})

describeEngines('registering the rows of a file side by side', (env) => {
  it('registers four rows at a time, those without a card number too', async () => {
    const { ctx } = env()
    const rows = Array.from(
      { length: 10 },
      (_, i) =>
        `Kit${i},Parallel-Imp,${30 + i} Birch Rd,Harlan Grove,61999,adult,main,,${4826 + i * 11}`,
    )
    const csv = [`${MINIMAL},barcode,pin`, ...rows].join('\n')
    const hashing = slowHashing(ctx, 250)
    try {
      expect(await importPatrons(ctx, SYSTEM_ACTOR, csv)).toEqual({ imported: 10, rejected: [] })
    } finally {
      hashing.restore()
    }
    expect(hashing.seen.most).toBe(4)
  })

  it('gives a card number to the earliest row that can have it, even when a later row is quicker', async () => {
    const { ctx } = env()
    const shared = freeBarcode()
    const csv = [
      // The card number comes first, so the column's place in the header does not matter.
      'barcode,givenName,familyName,addressLine1,city,postcode,category,homeBranch,pin',
      // Refused at once, so the next row with this number starts while the others still run.
      `${shared},Lev,Race-Refused-Imp,40 Birch Rd,Harlan Grove,61999,martian,main,`,
      `${shared},Mia,Race-Earlier-Imp,41 Birch Rd,Harlan Grove,61999,adult,main,4826`,
      `,Ned,Race-Filler-Imp,42 Birch Rd,Harlan Grove,61999,adult,main,5937`,
      `,Ola,Race-Filler-Imp,43 Birch Rd,Harlan Grove,61999,adult,main,6148`,
      // No PIN to hash: this row would finish first if it did not wait for line 3.
      `${shared},Pia,Race-Later-Imp,44 Birch Rd,Harlan Grove,61999,adult,main,`,
    ].join('\n')
    const hashing = slowHashing(ctx, 150)
    let report
    try {
      report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
    } finally {
      hashing.restore()
    }
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'UNKNOWN_CATEGORY'],
      [6, 'BARCODE_TAKEN'],
    ])
    const [holder] = await findPatrons(ctx, SYSTEM_ACTOR, { barcode: shared })
    expect(holder?.familyName).toBe('Race-Earlier-Imp')
  })
})
