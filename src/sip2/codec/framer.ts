export type FrameEvent = { kind: 'line'; bytes: Buffer } | { kind: 'oversized' }

const CR = 0x0d

/**
 * Splits a byte stream into messages at each CR (LFs are the parser's to drop). A message longer
 * than `maxBytes` is reported once and discarded up to its CR, so memory stays bounded.
 */
export class LineFramer {
  private parts: Buffer[] = []
  private size = 0
  private discarding = false

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = []
    let start = 0
    for (;;) {
      const end = chunk.indexOf(CR, start)
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end)
      if (!this.discarding) {
        this.parts.push(piece)
        this.size += piece.length
        if (this.size > this.maxBytes) {
          events.push({ kind: 'oversized' })
          this.discarding = true
          this.reset()
        }
      }
      if (end === -1) return events
      if (!this.discarding) events.push({ kind: 'line', bytes: Buffer.concat(this.parts) })
      this.discarding = false
      this.reset()
      start = end + 1
    }
  }

  private reset(): void {
    this.parts = []
    this.size = 0
  }
}
