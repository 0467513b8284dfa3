import { Option, type Command } from 'commander'
import { SYSTEM_ACTOR } from '../../actor.js'
import { loadConfig } from '../../config/config.js'
import { readMasterKey } from '../../config/secrets.js'
import { createStaff } from '../../staff/staff.service.js'
import { STAFF_ROLES, type StaffRole } from '../../staff/staff.tables.js'
import { withContext } from '../context.js'
import { say } from '../output.js'
import { readNewPassword } from '../password.js'

interface CreateOptions {
  username: string
  name: string
  role: StaffRole
}

export function registerStaff(program: Command): void {
  const staff = program.command('staff').description('staff accounts')
  staff
    .command('create')
    .description(
      'create an individual staff account (the password is read from stdin or prompted for)',
    )
    .requiredOption('--username <username>', 'sign-in name: 2–40 lower-case letters, digits, . _ -')
    .requiredOption('--name <display name>', 'name shown to colleagues')
    .addOption(
      new Option('--role <role>', 'what the account may do')
        .choices(STAFF_ROLES)
        .makeOptionMandatory(),
    )
    .action(async (options: CreateOptions) => {
      const config = loadConfig()
      // Checked before asking for the password, so nobody types one in vain.
      const masterKey = readMasterKey(config.dataDir)
      const password = await readNewPassword()
      const created = await withContext(
        config,
        (ctx) =>
          createStaff(ctx, SYSTEM_ACTOR, {
            username: options.username,
            displayName: options.name,
            role: options.role,
            password,
          }),
        masterKey,
      )
      say(`Created staff account "${created.username}" with role ${created.role}.`)
    })
}
