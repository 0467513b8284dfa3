import { expect, it } from 'vitest'
import { checkin } from '../../src/circulation/checkin.service.js'
import { placeHold } from '../../src/circulation/holds.service.js'
import { createRequest } from '../../src/circulation/requests.service.js'
import { addNote } from '../../src/patrons/notes.service.js'
import { erasePatron } from '../../src/patrons/patron.service.js'
import { myData, myDataCsv } from '../../src/patrons/self-service.js'
import { describeEngines } from '../harness/engines.js'
import { setUpLibrary } from '../harness/library.js'

describeEngines('my data: every section a patron can have', (env) => {
  it('gives back notes, requests and messages in readable form, and the CSV spells out nested values and disarms formulas', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const p = await lib.patron()
    const me = { type: 'patron' as const, id: p.id }
    await addNote(ctx, lib.desk, p.id, { body: '=HYPERLINK("x") asked about large print' })
    await createRequest(ctx, me, {
      patronId: p.id,
      kind: 'purchase',
      title: 'Rivers of the Prairie',
      author: 'June Okafor',
      note: 'Spanish edition, please',
    })
    const { record, items } = await lib.title()
    await placeHold(ctx, lib.desk, { patronId: p.id, recordId: record.id, pickupBranch: 'main' })
    await checkin(ctx, lib.desk, { itemBarcode: items[0]!.barcode, branch: 'main' })

    const data = await myData(ctx, me)
    const section = (what: string) => data.sections.find((s) => s.what === what)?.records
    expect(section('Notes about your account')).toEqual([
      {
        note: '=HYPERLINK("x") asked about large print',
        created_at: expect.any(String) as unknown,
      },
    ])
    expect(section('Purchase suggestions and interlibrary-loan requests')).toEqual([
      {
        kind: 'purchase',
        status: 'submitted',
        title: 'Rivers of the Prairie',
        author: 'June Okafor',
        note: 'Spanish edition, please',
        created_at: expect.any(String) as unknown,
      },
    ])
    const messages = section('Messages to you') as Record<string, unknown>[]
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ kind: 'hold_ready', sent_at: null })
    // The message's own details are spread into the record, not left as a JSON string.
    expect(Object.keys(messages[0]!).length).toBeGreaterThan(3)
    expect(messages[0]).not.toHaveProperty('payload')

    const csv = myDataCsv(data).split('\r\n')
    // A value starting with "=" is quoted so a spreadsheet shows it as text, never runs it.
    expect(csv).toContain(
      `Notes about your account #1,What staff need to know about your account.,${data.sections.find((s) => s.what === 'Notes about your account')?.keptUntil},note,"'=HYPERLINK(""x"") asked about large print"`,
    )
    // Nested values get dotted field names; empty ones an empty cell.
    expect(csv.some((row) => /,sent_at,$/.test(row))).toBe(true)
    const registration = csv.filter((row) => row.startsWith('Registration #1,'))
    expect(
      registration.some((row) => /,address\.\w+,/.test(row) || /,notify\.\w+,/.test(row)),
    ).toBe(true)
  })

  it('refuses to erase a patron who does not exist, and names the reason', async () => {
    const { ctx } = env()
    const lib = await setUpLibrary(ctx)
    const admin = { ...lib.desk, role: 'admin' as const }
    await expect(
      erasePatron(ctx, admin, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'PATRON_NOT_FOUND', message: 'No such patron.' })
  })
})
