export const SIP_CHARSETS = ['utf8', 'latin1'] as const
export type SipCharset = (typeof SIP_CHARSETS)[number]

/** A self-check machine or computer manager that may talk SIP2 to Carrel. */
export interface SipAccountsTable {
  id: string
  login: string
  password_hash: string
  institution_id: string
  /** The branch code its transactions happen at. */
  location: string
  /** JSON list of the SIP2 request codes it may send (beyond login, status and resend). */
  allowed_messages: string
  charset: SipCharset
  /** JSON list of the patron fields it may receive; name only unless the library widens it. */
  personal_fields: string
  active: number
  created_at: string
  updated_at: string
}

export interface SipAccountTables {
  sip_accounts: SipAccountsTable
}
