import cliProgress from 'cli-progress'

export interface Progress {
  update(done: number): void
  stop(): void
}

const PLAIN_EVERY_MS = 5_000

/**
 * A bar at a terminal; elsewhere (a log file, CI) a plain line every few seconds, since
 * redrawn bars turn into noise there.
 */
export function startProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  unit = 'rows',
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {value}/{total} ${unit} | {eta_formatted} left`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0)
    return { update: (done) => bar.update(done), stop: () => bar.stop() }
  }
  let last = Date.now()
  return {
    update: (done) => {
      const now = Date.now()
      if (now - last < PLAIN_EVERY_MS) return
      last = now
      stream.write(`${label}: ${done} of ${total} ${unit}\n`)
    },
    stop: () => undefined,
  }
}
