import { Command } from 'commander'
import { registerAudit } from './commands/audit.js'
import { registerBackup } from './commands/backup.js'
import { registerDemo } from './commands/demo.js'
import { registerInit } from './commands/init.js'
import { registerItems } from './commands/items.js'
import { registerJobs } from './commands/jobs.js'
import { registerMigrate } from './commands/migrate.js'
import { registerNewsletter } from './commands/newsletter.js'
import { registerPatrons } from './commands/patrons.js'
import { registerReport } from './commands/report.js'
import { registerServe } from './commands/serve.js'
import { registerRetention } from './commands/retention.js'
import { registerSip } from './commands/sip.js'
import { registerStaff } from './commands/staff.js'
import { packageVersion } from './version.js'

export function buildProgram(): Command {
  const program = new Command('carrel')
    .description('Carrel: library patron records that keep the confidentiality policy by design')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'show stack traces of unexpected errors')
    // Set before the commands are added, so they inherit it: errors come back to runCli.
    .exitOverride()
  registerInit(program)
  registerMigrate(program)
  registerServe(program)
  registerDemo(program)
  registerStaff(program)
  registerSip(program)
  registerPatrons(program)
  registerItems(program)
  registerAudit(program)
  registerRetention(program)
  registerJobs(program)
  registerNewsletter(program)
  registerReport(program)
  registerBackup(program)
  return program
}
