import { expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import { countCsvRows, importPatrons } from '../../src/patrons/patron-import.js'
import { findPatrons } from '../../src/patrons/patron.service.js'
import { describeEngines } from '../harness/engines.js'

const HEADER = 'givenName,familyName,addressLine1,city,postcode,category,homeBranch'

describeEngines('a patron file the parser cannot read to its end', (env) => {
  it('names the malformed row and the rows after it that were not read, instead of dropping them in silence', async () => {
    const { ctx } = env()
    const csv = [
      HEADER,
      'Lena,Unread-Before,10 Elm St,Harlan Grove,61999,adult,main',
      '"Milo"x,Unread-Bad,11 Elm St,Harlan Grove,61999,adult,main',
      'Nora,Unread-After,12 Elm St,Harlan Grove,61999,adult,main',
      '',
      'Otto,Unread-After,13 Elm St,Harlan Grove,61999,adult,main',
      '',
      '',
    ].join('\n')
    const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
    expect(report.imported).toBe(1)
    expect(report.rejected).toEqual([
      {
        line: 3,
        code: 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
        reason: 'This row could not be read: the CSV is malformed here (check its quotes).',
      },
      {
        line: 4,
        code: 'CSV_UNREAD_REST',
        reason:
          'Rows from this line to line 6 were not read, because of the malformed row before them. Fix that row, then import these rows again.',
      },
    ])
    expect(await findPatrons(ctx, SYSTEM_ACTOR, { surname: 'Unread-After' })).toEqual([])
    // The count shown before an import includes the unread part as one refusal.
    expect(await countCsvRows(csv)).toBe(3)
  })

  it('adds nothing when the file was read to its end, blank lines after the last row included', async () => {
    const { ctx } = env()
    const csv = `${HEADER}\nLena,Read-All,10 Elm St,Harlan Grove,61999,adult,main\n\n  \n`
    const report = await importPatrons(ctx, SYSTEM_ACTOR, csv)
    expect(report).toMatchObject({ imported: 1, rejected: [] })
  })
})
