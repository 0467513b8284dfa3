import type { Config } from '../config/config.js'

export type PinRules = Pick<Config['cards'], 'pinMinLength' | 'pinMaxLength' | 'weakPinScreen'>

export interface PinContext {
  birthDate?: string | null
  phone?: string | null
}

/** Why a PIN is refused, or undefined when it is acceptable. */
export function pinProblem(
  rules: PinRules,
  pin: string,
  about: PinContext = {},
): string | undefined {
  if (!/^\d+$/.test(pin)) return 'a PIN is digits only'
  if (pin.length < rules.pinMinLength || pin.length > rules.pinMaxLength)
    return `a PIN has ${rules.pinMinLength} to ${rules.pinMaxLength} digits`
  if (!rules.weakPinScreen) return undefined
  if (/^(\d)\1+$/.test(pin)) return 'a PIN may not repeat one digit'
  if (isRun(pin, 1) || isRun(pin, -1)) return 'a PIN may not be a run of digits such as 1234'
  const year = about.birthDate?.slice(0, 4)
  if (year !== undefined && /^\d{4}$/.test(year) && pin.includes(year))
    return 'a PIN may not contain the birth year'
  const phoneDigits = about.phone?.replace(/\D/g, '') ?? ''
  if (phoneDigits.length >= pin.length && phoneDigits.endsWith(pin))
    return 'a PIN may not be the end of the phone number'
  return undefined
}

function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false
  }
  return true
}
