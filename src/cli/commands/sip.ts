import { Option, type Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import { readMasterKey } from '../../config/secrets.js'
import {
  SIP_MESSAGE_CODES,
  SIP_PERSONAL_FIELDS,
  type SipMessageCode,
  type SipPersonalField,
} from '../../selfcheck/sip-account.schemas.js'
import { createSipAccount, listSipAccounts } from '../../selfcheck/sip-account.service.js'
import {
  SIP_CHARSETS,
  SIP_UNKNOWN_COMMANDS,
  type SipCharset,
  type SipUnknownCommands,
} from '../../selfcheck/sip-account.tables.js'
import { withContext } from '../context.js'
import { CliFailure } from '../failure.js'
import { say } from '../output.js'
import { readNewPassword } from '../password.js'

interface CreateOptions {
  login: string
  institution: string
  location: string
  messages?: string
  charset?: SipCharset
  fields?: string
  mayBlock?: boolean
  unknownCommands?: SipUnknownCommands
}

/** A comma-separated list, every item one of `known`; named in the error when not. */
function listOption<T extends string>(value: string, known: readonly T[], flag: string): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const unknown = items.filter((i) => !(known as readonly string[]).includes(i))
  if (unknown.length > 0)
    throw new CliFailure(`${flag}: unknown ${unknown.join(', ')}; choose from ${known.join(', ')}`)
  return [...new Set(items)] as T[]
}

export function registerSip(program: Command): void {
  const sip = program
    .command('sip')
    .description('SIP2 accounts for self-check machines and computer managers')
  sip
    .command('create')
    .description('create a SIP2 account (the password is read from stdin or prompted for)')
    .requiredOption(
      '--login <login>',
      'the login the machine sends (CN): 2–40 letters, digits, . _ -',
    )
    .requiredOption('--institution <id>', 'the institution id told to the machine (AO)')
    .requiredOption('--location <branch>', 'the branch code its transactions happen at')
    .option(
      '--messages <codes>',
      `request codes it may send, comma-separated (default: all of ${SIP_MESSAGE_CODES.join(',')})`,
    )
    .addOption(
      new Option('--charset <charset>', 'the character set it speaks').choices(SIP_CHARSETS),
    )
    .option(
      '--fields <fields>',
      `patron fields it may receive, from ${SIP_PERSONAL_FIELDS.join(',')} (default: name)`,
    )
    .option('--may-block', 'it may block (01) and re-enable (25) cards (default: it may not)')
    .addOption(
      new Option(
        '--unknown-commands <choice>',
        'a command Carrel does not know: leave it unanswered, or answer 96 (default: ignore)',
      ).choices(SIP_UNKNOWN_COMMANDS),
    )
    .action(async (options: CreateOptions) => {
      const messages =
        options.messages === undefined
          ? undefined
          : listOption<SipMessageCode>(options.messages, SIP_MESSAGE_CODES, '--messages')
      const fields =
        options.fields === undefined
          ? undefined
          : listOption<SipPersonalField>(options.fields, SIP_PERSONAL_FIELDS, '--fields')
      const config = loadConfig()
      // Checked before asking for the password, so nobody types one in vain.
      const masterKey = readMasterKey(config.dataDir)
      const password = await readNewPassword()
      const created = await withContext(
        config,
        (ctx) =>
          createSipAccount(ctx, SYSTEM_ACTOR, {
            login: options.login,
            password,
            institutionId: options.institution,
            location: options.location,
            ...(messages !== undefined && { allowedMessages: messages }),
            ...(options.charset !== undefined && { charset: options.charset }),
            ...(fields !== undefined && { personalFields: fields }),
            ...(options.mayBlock === true && { mayBlockPatrons: true }),
            ...(options.unknownCommands !== undefined && {
              unknownCommands: options.unknownCommands,
            }),
          }),
        masterKey,
      )
      say(
        `Created SIP account "${created.login}" at ${created.location} (${created.charset}); ` +
          `messages ${created.allowedMessages.join(',')}; patron fields ${created.personalFields.join(',') || 'none'}; ` +
          `${created.mayBlockPatrons ? 'may' : 'may not'} block cards; unknown commands: ${created.unknownCommands}.`,
      )
    })
  sip
    .command('list')
    .description('list SIP2 accounts')
    .action(async () => {
      const config = loadConfig()
      const accounts = await withContext(config, (ctx) => listSipAccounts(ctx, SYSTEM_ACTOR))
      if (accounts.length === 0) say('No SIP accounts.')
      for (const a of accounts)
        say(
          `${a.login}\t${a.institutionId}\t${a.location}\t${a.charset}\t${a.active ? 'active' : 'off'}\t` +
            `messages ${a.allowedMessages.join(',')}\tfields ${a.personalFields.join(',') || 'none'}`,
        )
    })
}
