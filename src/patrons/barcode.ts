import { randomInt } from 'node:crypto'
import type { Config } from '../config/config.js'

export type CardFormat = Pick<Config['cards'], 'barcodePrefix' | 'barcodeLength' | 'checkDigit'>

/** The Luhn (mod 10) check digit for a string of digits. */
export function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** Why a barcode does not fit the library's format, or undefined when it does. */
export function barcodeProblem(format: CardFormat, barcode: string): string | undefined {
  if (!/^\d+$/.test(barcode)) return 'a card number has digits only'
  if (barcode.length !== format.barcodeLength)
    return `a card number has ${format.barcodeLength} digits`
  if (!barcode.startsWith(format.barcodePrefix))
    return `a card number starts with ${format.barcodePrefix}`
  if (format.checkDigit === 'luhn' && luhnDigit(barcode.slice(0, -1)) !== barcode.slice(-1))
    return 'the check digit is wrong'
  return undefined
}

export function generateBarcode(format: CardFormat): string {
  const bodyLength =
    format.barcodeLength - format.barcodePrefix.length - (format.checkDigit === 'luhn' ? 1 : 0)
  let body = format.barcodePrefix
  for (let i = 0; i < bodyLength; i++) body += String(randomInt(10))
  return format.checkDigit === 'luhn' ? body + luhnDigit(body) : body
}
