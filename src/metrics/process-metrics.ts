import { collectDefaultMetrics, Registry } from 'prom-client'

let registry: Registry | undefined

/**
 * The process's own numbers (memory, CPU time, event loop delay, garbage collection), collected
 * once per process on first use, whatever number of contexts it opens.
 */
export function processRegistry(): Registry {
  if (registry === undefined) {
    registry = new Registry()
    collectDefaultMetrics({ register: registry })
  }
  return registry
}
