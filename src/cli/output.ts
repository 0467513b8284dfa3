/** Results go to stdout; progress, prompts and problems to stderr, so output can be piped. */
export function say(...lines: string[]): void {
  for (const line of lines) process.stdout.write(`${line}\n`)
}

export function note(...lines: string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`)
}
