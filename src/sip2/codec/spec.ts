/**
 * Fixed-length fields (no ids) of every message, in wire order, with their widths.
 * Widths follow the 3M 2.00 specification as every implementation reads it (reference §4).
 */
const DATE = 18

export const MESSAGE_SPECS = {
  // Requests (SC → ACS)
  '93': [
    ['uidAlgorithm', 1],
    ['pwdAlgorithm', 1],
  ],
  '99': [
    ['statusCode', 1],
    ['maxPrintWidth', 3],
    ['protocolVersion', 4],
  ],
  '23': [
    ['language', 3],
    ['transactionDate', DATE],
  ],
  '01': [
    ['cardRetained', 1],
    ['transactionDate', DATE],
  ],
  '63': [
    ['language', 3],
    ['transactionDate', DATE],
    ['summary', 10],
  ],
  '11': [
    ['scRenewalPolicy', 1],
    ['noBlock', 1],
    ['transactionDate', DATE],
    ['nbDueDate', DATE],
  ],
  '09': [
    ['noBlock', 1],
    ['transactionDate', DATE],
    ['returnDate', DATE],
  ],
  '29': [
    ['thirdPartyAllowed', 1],
    ['noBlock', 1],
    ['transactionDate', DATE],
    ['nbDueDate', DATE],
  ],
  '65': [['transactionDate', DATE]],
  '17': [['transactionDate', DATE]],
  '19': [['transactionDate', DATE]],
  '15': [
    ['holdMode', 1],
    ['transactionDate', DATE],
  ],
  '35': [['transactionDate', DATE]],
  '37': [
    ['transactionDate', DATE],
    ['feeType', 2],
    ['paymentType', 2],
    ['currencyType', 3],
  ],
  '25': [['transactionDate', DATE]],
  '97': [],
  // Responses (ACS → SC)
  '94': [['ok', 1]],
  '98': [
    ['onlineStatus', 1],
    ['checkinOk', 1],
    ['checkoutOk', 1],
    ['renewalPolicy', 1],
    ['statusUpdateOk', 1],
    ['offlineOk', 1],
    ['timeoutPeriod', 3],
    ['retriesAllowed', 3],
    ['dateTimeSync', DATE],
    ['protocolVersion', 4],
  ],
  '24': [
    ['patronStatus', 14],
    ['language', 3],
    ['transactionDate', DATE],
  ],
  '26': [
    ['patronStatus', 14],
    ['language', 3],
    ['transactionDate', DATE],
  ],
  '64': [
    ['patronStatus', 14],
    ['language', 3],
    ['transactionDate', DATE],
    ['holdItemsCount', 4],
    ['overdueItemsCount', 4],
    ['chargedItemsCount', 4],
    ['fineItemsCount', 4],
    ['recallItemsCount', 4],
    ['unavailableHoldsCount', 4],
  ],
  '12': [
    ['ok', 1],
    ['renewalOk', 1],
    ['magneticMedia', 1],
    ['desensitize', 1],
    ['transactionDate', DATE],
  ],
  '10': [
    ['ok', 1],
    ['resensitize', 1],
    ['magneticMedia', 1],
    ['alert', 1],
    ['transactionDate', DATE],
  ],
  '30': [
    ['ok', 1],
    ['renewalOk', 1],
    ['magneticMedia', 1],
    ['desensitize', 1],
    ['transactionDate', DATE],
  ],
  '66': [
    ['ok', 1],
    ['renewedCount', 4],
    ['unrenewedCount', 4],
    ['transactionDate', DATE],
  ],
  '18': [
    ['circulationStatus', 2],
    ['securityMarker', 2],
    ['feeType', 2],
    ['transactionDate', DATE],
  ],
  '20': [
    ['itemPropertiesOk', 1],
    ['transactionDate', DATE],
  ],
  '16': [
    ['ok', 1],
    ['available', 1],
    ['transactionDate', DATE],
  ],
  '36': [
    ['endSession', 1],
    ['transactionDate', DATE],
  ],
  '38': [
    ['paymentAccepted', 1],
    ['transactionDate', DATE],
  ],
  '96': [],
} as const satisfies Record<string, readonly (readonly [string, number])[]>

export type MessageCode = keyof typeof MESSAGE_SPECS
export type FixedName<C extends MessageCode> = (typeof MESSAGE_SPECS)[C][number][0]
export type FixedFields<C extends MessageCode> = Record<FixedName<C>, string>

export const isMessageCode = (code: string): code is MessageCode =>
  Object.prototype.hasOwnProperty.call(MESSAGE_SPECS, code)

export function fixedLength(code: MessageCode): number {
  return (MESSAGE_SPECS[code] as readonly (readonly [string, number])[]).reduce(
    (sum, [, width]) => sum + width,
    0,
  )
}

/** One id'd field: a two-character id and its value (the `|` is the codec's business). */
export type Field = readonly [id: string, value: string]

/** A message as the codec sees it: command, fixed fields by name, id'd fields in wire order. */
export type SipMessage<C extends MessageCode = MessageCode> = C extends MessageCode
  ? { code: C; fixed: FixedFields<C>; fields: readonly Field[] }
  : never

/** Longest value of an id'd field, in characters (reference §2.1). */
export const MAX_FIELD_LENGTH = 255
