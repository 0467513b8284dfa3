import { open } from 'node:fs/promises'
import { CliFailure } from './failure.js'

/** Fails with a plain message (exit 2) when a file given on the command line cannot be read. */
export async function assertReadable(file: string): Promise<void> {
  try {
    const handle = await open(file, 'r')
    const stat = await handle.stat()
    await handle.close()
    if (!stat.isFile()) throw new CliFailure(`cannot read ${file}: not a file`)
  } catch (err) {
    if (err instanceof CliFailure) throw err
    const code = (err as { code?: string }).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unreadable')
    throw new CliFailure(`cannot read ${file}: ${why}`)
  }
}
