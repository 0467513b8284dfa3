import { AppError } from '../errors.js'
import type { Logger } from '../logger.js'

/** What a refused request tells the terminal: a screen message, and the patron flags it implies. */
export interface SipFailure {
  screen: string
  /** BL: false when the card number is unknown. */
  validPatron?: boolean
  /** CQ: false when a PIN was given and not accepted. */
  pinOk?: boolean
}

const UNEXPECTED = 'The library system could not do this just now; please ask staff.'

/** Maps a domain error once, as the HTTP adapter does; messages are safe to show (no personal values). */
export function sipFailure(err: unknown, logger: Logger): SipFailure {
  if (!(err instanceof AppError)) {
    logger.error({ err }, 'SIP2 request failed')
    return { screen: UNEXPECTED }
  }
  switch (err.code) {
    case 'CARD_NOT_FOUND':
      return { screen: 'Invalid patron: no card has that number.', validPatron: false }
    case 'INVALID_CREDENTIALS':
      return { screen: 'The card number or PIN is not right.', pinOk: false }
    case 'CARD_LOCKED':
      return { screen: err.message, pinOk: false }
    case 'ITEM_NOT_FOUND':
      return { screen: 'Invalid item: no item has that barcode.' }
  }
  if (err.kind === 'forbidden')
    return { screen: 'This terminal may not do that; please ask staff.' }
  if (err.kind === 'validation') return { screen: `The request was not valid (${err.code}).` }
  return { screen: err.message }
}

export const notLoggedIn = (): SipFailure => ({ screen: 'Log in (93) first.' })
export const notAllowed = (name: string): SipFailure => ({
  screen: `This terminal may not send ${name} messages.`,
})
export const malformed = (why: string): SipFailure => ({
  screen: `The message was malformed: ${why}.`,
})
