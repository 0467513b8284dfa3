// A small SIP2 client for tests: raw TCP, one CR-terminated line per answer. Its checksum is
// computed here, independently of src/sip2/codec, so the server is not checked against itself.
import { connect, type Socket } from 'node:net'

export function checksum(text: string): string {
  let sum = 0
  for (const b of Buffer.from(text, 'latin1')) sum = (sum + b) & 0xffff
  return (-sum & 0xffff).toString(16).toUpperCase().padStart(4, '0')
}

/** Appends AY<seq>AZ<checksum> (or AZ alone without a sequence number). */
export function sealed(text: string, seq?: string): string {
  const body = `${text}${seq === undefined ? '' : `AY${seq}`}AZ`
  return body + checksum(body)
}

/** True when a line carrying AZ sums to zero with its checksum. */
export function checksumOk(line: string): boolean {
  const m = /AZ([0-9A-F]{4})$/.exec(line)
  if (m === null) return false
  return checksum(line.slice(0, -4)) === m[1]
}

export class SipClient {
  private buffer = Buffer.alloc(0)
  private waiting: ((line: Buffer) => void)[] = []
  private lines: Buffer[] = []
  readonly closed: Promise<void>

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      for (let end = this.buffer.indexOf(0x0d); end >= 0; end = this.buffer.indexOf(0x0d)) {
        const line = this.buffer.subarray(0, end)
        this.buffer = this.buffer.subarray(end + 1)
        const next = this.waiting.shift()
        if (next) next(line)
        else this.lines.push(line)
      }
    })
    socket.on('error', () => undefined)
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()))
  }

  /** `localAddress` (another loopback address, such as 127.0.0.2) stands for another terminal's network. */
  static connect(port: number, localAddress?: string): Promise<SipClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(
        { port, host: '127.0.0.1', ...(localAddress !== undefined && { localAddress }) },
        () => resolve(new SipClient(socket)),
      )
      socket.once('error', reject)
    })
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** The next answer's bytes; rejects when none comes in time. */
  nextBytes(timeoutMs = 10_000): Promise<Buffer> {
    const ready = this.lines.shift()
    if (ready) return Promise.resolve(ready)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SIP2 answer in time')), timeoutMs)
      this.waiting.push((line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
  }

  async next(timeoutMs?: number): Promise<string> {
    return (await this.nextBytes(timeoutMs)).toString('latin1')
  }

  /** Sends one message (sealed with AY/AZ when `seq` is given) and returns the answer. */
  async send(text: string, seq?: string): Promise<string> {
    this.write(`${seq === undefined ? text : sealed(text, seq)}\r`)
    return this.next()
  }

  /** Answers that arrive within `ms` (expected: none). */
  async silence(ms: number): Promise<string[]> {
    await new Promise((r) => setTimeout(r, ms))
    return this.lines.splice(0).map((l) => l.toString('latin1'))
  }

  close(): void {
    this.socket.destroy()
  }
}
