import { createInterface } from 'node:readline'

/** One line from stdin, typed at a terminal or piped in; undefined when stdin ends first. */
export async function ask(question: string): Promise<string | undefined> {
  process.stderr.write(question)
  const lines = createInterface({ input: process.stdin, terminal: false })
  try {
    for await (const line of lines) return line
    return undefined
  } finally {
    lines.close()
    // A terminal echoes the Enter key; piped input does not, so end the prompt's line here.
    if (process.stdin.isTTY !== true) process.stderr.write('\n')
  }
}
