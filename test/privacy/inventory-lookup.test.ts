// Every stored column is declared in the data inventory (P1): asking for a column it does not
// declare is a programming error that names the column, never a silent default.
import { describe, expect, it } from 'vitest'
import { columnEntry } from '../../src/privacy/inventory.js'

describe('inventory lookup', () => {
  it('names the table and column the inventory does not declare', () => {
    expect(columnEntry('patrons', 'given_name_enc')).toMatchObject({
      retention: expect.any(String) as unknown,
    })
    expect(() => columnEntry('patrons', 'shoe_size')).toThrow(
      'No inventory entry for patrons.shoe_size',
    )
    expect(() => columnEntry('no_such_table', 'id')).toThrow(
      'No inventory entry for no_such_table.id',
    )
  })
})
