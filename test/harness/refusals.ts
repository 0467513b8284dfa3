import { expect } from 'vitest'
import { AppError } from '../../src/errors.js'

/** The error a call was refused with; a call that succeeds fails the test. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

/** A message a person can read: a capitalised sentence, ending with a full stop. */
export const SENTENCE = /^[A-Z].+\.$/

/** The refusal has this kind and stable code, and a readable message with these words. */
export function expectRefusal(err: AppError, kind: string, code: string, words: RegExp): void {
  expect({ kind: err.kind, code: err.code }).toEqual({ kind, code })
  expect(err.message).toMatch(SENTENCE)
  expect(err.message).toMatch(words)
}
