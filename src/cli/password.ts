import { CliFailure } from './failure.js'

/**
 * A new password: typed twice with echo off at a terminal, otherwise the first line of stdin
 * (so scripts can pipe it in without it showing up in the process list or shell history).
 */
export async function readNewPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password: ')
    const second = await promptHidden('Repeat the password: ')
    if (first !== second) throw new CliFailure('the two passwords differ; nothing was changed')
    return first
  }
  const line = await firstLine(process.stdin)
  if (line === undefined || line === '') {
    throw new CliFailure('no password given: pipe it on stdin (one line) or run this in a terminal')
  }
  return line
}

async function firstLine(stream: NodeJS.ReadStream): Promise<string | undefined> {
  stream.setEncoding('utf8')
  let text = ''
  for await (const chunk of stream as AsyncIterable<string>) {
    text += chunk
    const end = text.indexOf('\n')
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '')
  }
  return text === '' ? undefined : text
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish()
          resolve(value)
          return
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish()
          reject(new CliFailure('cancelled; nothing was changed'))
          return
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    // Echo goes off before the prompt shows, so nothing typed in answer to it is displayed.
    stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    process.stderr.write(question)
    stdin.resume()
    stdin.on('data', onData)
  })
}
