/** A backup or restore refused or failed for a reason the person running it can act on. */
export class BackupError extends Error {
  override name = 'BackupError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
