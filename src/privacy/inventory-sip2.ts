import type { TableEntry } from './inventory.js'
import { only, uniformTable } from './inventory-helpers.js'

/** SIP2 accounts: self-check machines and computer managers, not people. */
export const SIP2_INVENTORY: Record<string, TableEntry> = {
  sip_accounts: uniformTable(
    'SIP2 accounts of self-check machines and computer managers',
    'operational',
    'self-check set-up',
    'sip-accounts',
    {
      id: 'Identifies a SIP account; the audit log names it as the actor of its requests.',
      login: 'The name the machine logs in with.',
      password_hash: 'Checks the password (Argon2id; the password itself is never stored).',
      institution_id: 'The institution id the machine is told in every answer.',
      location: 'The branch where its checkouts and check-ins happen.',
      allowed_messages: 'Which SIP2 messages the machine may send.',
      charset: 'The character set the machine speaks.',
      personal_fields: 'Which patron fields the machine may receive (name only by default).',
      active: 'Lets an administrator switch a machine off.',
      may_block_patrons: 'Whether the machine may block and re-enable cards (off by default).',
      unknown_commands: 'Whether the machine is asked to resend a command Carrel does not know.',
      created_at: 'When the account was created.',
      updated_at: 'When the account last changed.',
    },
    { password_hash: { access: only() } },
  ),
}
