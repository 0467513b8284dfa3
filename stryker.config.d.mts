// Types for stryker.config.mjs, which scripts/mutate.ts imports for the default scope.
import type { PartialStrykerOptions } from '@stryker-mutator/api/core'

/** The code that enforces the promises: the default scope of `npm run mutate`. */
export declare const PROMISE_CODE: string[]
declare const config: PartialStrykerOptions
export default config
