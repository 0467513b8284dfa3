/** The parts of @natlibfi/marc-record-serializers Carrel uses (the package ships no types). */
declare module '@natlibfi/marc-record-serializers' {
  export interface MarcSubfield {
    code: string
    value: string
  }
  export interface MarcField {
    tag: string
    ind1?: string
    ind2?: string
    value?: string
    subfields?: MarcSubfield[]
  }
  export interface MarcRecordLike {
    leader: string
    get(query: RegExp): MarcField[]
  }
  export const ISO2709: {
    from(raw: string, validation?: Record<string, boolean>): MarcRecordLike
    to(record: MarcRecordLike): string
  }
  export const MARCXML: {
    from(raw: string, validation?: Record<string, boolean>): Promise<MarcRecordLike>
    to(record: MarcRecordLike, options?: { omitDeclaration?: boolean }): string
  }
}

/** Used by the tests to build MARC records. */
declare module '@natlibfi/marc-record' {
  import type { MarcField, MarcRecordLike } from '@natlibfi/marc-record-serializers'
  export class MarcRecord implements MarcRecordLike {
    constructor(record: { leader: string; fields: unknown[] }, validation?: Record<string, boolean>)
    leader: string
    get(query: RegExp): MarcField[]
  }
}
