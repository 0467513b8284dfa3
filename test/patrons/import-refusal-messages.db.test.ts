import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { importPatrons } from '../../src/patrons/patron-import.js'
import { describeEngines } from '../harness/engines.js'
import { expectRefusal, refusal } from '../harness/refusals.js'

const ALL_COLUMNS =
  'givenName, familyName, addressLine1, addressLine2, city, region, postcode, phone, email, ' +
  'licenceNumber, sex, birthDate, category, homeBranch, expiresOn, barcode, pin, notifyNotices, ' +
  'notifyNewsletter, notifyPolicyChanges'

// Whoever runs an import reads these messages to fix the file, so each says what is wrong and
// lists the columns in a readable way.
describeEngines('what an import says about a file it cannot use', (env) => {
  it('says an empty file needs a header line', async () => {
    const { ctx } = env()
    const err = await refusal(importPatrons(ctx, SYSTEM_ACTOR, ''))
    expectRefusal(err, 'validation', 'CSV_NO_HEADER', /./)
    expect(err.message).toBe('The file is empty: its first line must name the columns.')
  })

  it('says a first line naming no column is not a header, and lists the columns', async () => {
    const { ctx } = env()
    const err = await refusal(
      importPatrons(ctx, SYSTEM_ACTOR, 'Lena,Nohead-Imp,10 Elm St\nMilo,Nohead-Imp,11 Elm St\n'),
    )
    expectRefusal(err, 'validation', 'CSV_NO_HEADER', /./)
    expect(err.message).toBe(
      `The first line is not a header: it names none of the columns (${ALL_COLUMNS}).`,
    )
  })

  it('names every unknown or unnamed header column, then lists the columns', async () => {
    const { ctx } = env()
    const err = await refusal(
      importPatrons(
        ctx,
        SYSTEM_ACTOR,
        'givenName,familyName,favouriteColour,,city,postcode,category,homeBranch\n',
      ),
    )
    expectRefusal(err, 'validation', 'CSV_UNKNOWN_COLUMN', /./)
    expect(err.message).toBe(
      `The header has an unknown column "favouriteColour", no name for column 4; the columns are: ${ALL_COLUMNS}.`,
    )
  })

  it('names each repeated header column once', async () => {
    const { ctx } = env()
    const err = await refusal(
      importPatrons(
        ctx,
        SYSTEM_ACTOR,
        'givenName,familyName,givenName,addressLine1,familyName,city,givenName,postcode,category,homeBranch\n',
      ),
    )
    expectRefusal(err, 'validation', 'CSV_DUPLICATE_COLUMN', /./)
    expect(err.message).toBe('The header names givenName, familyName more than once.')
  })

  it('names every missing required column', async () => {
    const { ctx } = env()
    const err = await refusal(
      importPatrons(ctx, SYSTEM_ACTOR, 'givenName,familyName,addressLine1,postcode,category\n'),
    )
    expectRefusal(err, 'validation', 'CSV_MISSING_COLUMN', /./)
    expect(err.message).toBe('The header lacks the required column(s): city, homeBranch.')
  })

  it('says how many fields a short row has against the header', async () => {
    const { ctx } = env()
    const report = await importPatrons(
      ctx,
      SYSTEM_ACTOR,
      'givenName,familyName,addressLine1,city,postcode,category,homeBranch\nJonas,Short-Imp,8 Elm St\n',
    )
    expect(report).toEqual({
      imported: 0,
      rejected: [
        {
          line: 2,
          code: 'CSV_FIELD_COUNT',
          reason: 'This row has 3 fields; the header has 7.',
        },
      ],
    })
  })
})
