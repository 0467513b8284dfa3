export const SIP_CHARSETS = ['utf8', 'latin1'] as const
export type SipCharset = (typeof SIP_CHARSETS)[number]
/** What to do with a command Carrel does not know: stay silent (the specification) or ask again (96). */
export const SIP_UNKNOWN_COMMANDS = ['ignore', 'resend'] as const
export type SipUnknownCommands = (typeof SIP_UNKNOWN_COMMANDS)[number]

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
  /** 1 when it may block (01) and re-enable (25) cards; off unless an administrator grants it. */
  may_block_patrons: number
  unknown_commands: SipUnknownCommands
  created_at: string
  updated_at: string
}

export interface SipAccountTables {
  sip_accounts: SipAccountsTable
}
