/**
 * An in-process hub telling a computer's open event streams that something changed. Events carry
 * no data: a stream re-reads the computer's status on each one (and on a timer, so a change made
 * by another Carrel process still arrives).
 */
export type ComputerEventType = 'status' | 'message' | 'ended' | 'reserved'

export interface ComputerEvent {
  type: ComputerEventType
}

export type ComputerEventListener = (event: ComputerEvent) => void

export class ComputerEvents {
  private readonly listeners = new Map<string, Set<ComputerEventListener>>()

  /** Returns the function that stops listening. */
  subscribe(computerId: string, listener: ComputerEventListener): () => void {
    let set = this.listeners.get(computerId)
    if (set === undefined) {
      set = new Set()
      this.listeners.set(computerId, set)
    }
    set.add(listener)
    return () => {
      const current = this.listeners.get(computerId)
      current?.delete(listener)
      if (current?.size === 0) this.listeners.delete(computerId)
    }
  }

  publish(computerId: string, event: ComputerEvent): void {
    for (const listener of [...(this.listeners.get(computerId) ?? [])]) {
      try {
        listener(event)
      } catch {
        // One broken stream must not keep the news from the others.
      }
    }
  }

  /** Streams open for a computer (for tests and the benchmark). */
  listenerCount(computerId: string): number {
    return this.listeners.get(computerId)?.size ?? 0
  }
}

export const computerEvents = new ComputerEvents()
