import { runCli } from './run.js'

// Exit codes: 0 done, 1 failed, 2 bad input or configuration.
process.exitCode = await runCli(process.argv)
