import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { countCsvRows } from '../../src/patrons/patron-import.js'

// The import's progress bar needs the number of rows before they are checked: it counts what the
// import will report on (every data row, and every row too malformed to read), never the header
// or lines with nothing in them.
describe('counting the rows of a patron file for the progress bar', () => {
  it('counts data rows, half-filled ones too, but not the header or blank and all-empty lines', async () => {
    expect(await countCsvRows('givenName,familyName\nAna,Ruiz\n\n,\nBo,\n')).toBe(2)
  })

  it('counts a row that cannot be read, since the import reports it by line', async () => {
    expect(await countCsvRows('givenName,familyName\nAna,Ruiz\n"Bo,Chen\n')).toBe(2)
  })

  it('gives 0, never a negative count, for an empty file or a header alone', async () => {
    expect(await countCsvRows('')).toBe(0)
    expect(await countCsvRows('givenName,familyName\n')).toBe(0)
  })

  it('counts the same from a stream as from a string', async () => {
    const text = 'givenName,familyName\r\nAna,Ruiz\r\nBo,Chen\r\nCy,Diaz\r\n'
    expect(await countCsvRows(Readable.from([text.slice(0, 25), text.slice(25)]))).toBe(3)
  })
})
