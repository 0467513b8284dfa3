/**
 * Tells whoever listens (the kiosks' event streams) that a computer is now held for someone
 * called from the waiting list. In-process only: a kiosk served by another Carrel process sees the
 * call on its next status read.
 */
type Listener = (computerId: string) => void

const listeners = new Set<Listener>()

export function onComputerReserved(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function announceReserved(computerId: string): void {
  for (const listener of listeners) listener(computerId)
}
