import type { Translation } from '../catalog.js'
import type { accountCodes as en } from '../en/codes-account.js'

export const accountCodes: Translation<typeof en> = {
  INVALID_INPUT: 'Algo del formulario no se llenó como se esperaba. Revíselo e inténtelo de nuevo.',
  FORBIDDEN: 'Eso no es parte de su cuenta.',
  PATRON_NOT_FOUND: 'No encontramos su cuenta. Por favor, pregunte en el mostrador.',
  PATRON_ERASED: 'Los datos personales de esta cuenta se borraron.',
  ITEM_NOT_FOUND: 'No encontramos ese material.',
  NOT_ON_LOAN: 'Ese material no está prestado a usted.',
  CARD_EXPIRED:
    'Su tarjeta de la biblioteca está vencida. Primero renuévela en cualquier mostrador.',
  RENEWAL_LIMIT: 'Este material ya se renovó todas las veces que permite la biblioteca.',
  ON_HOLD_FOR_ANOTHER: 'Otra persona está esperando este título, así que no se puede renovar.',
  NO_LOAN_RULE: 'Este material no se puede renovar en línea. Por favor, pregunte en el mostrador.',
  RECORD_NOT_FOUND: 'No encontramos ese título en el catálogo.',
  UNKNOWN_BRANCH: 'Elija una de las sucursales de la lista.',
  NO_HOLDABLE_ITEMS:
    'Este título no tiene ejemplares que se presten, así que no se puede reservar.',
  HOLDS_NOT_ALLOWED: 'Con su tarjeta no se puede reservar este título.',
  ALREADY_ON_HOLD: 'Usted ya tiene una reserva de este título.',
  TOO_MANY_HOLDS:
    'Ya tiene todas las reservas que permite la biblioteca. Cancele una para hacer otra.',
  ALREADY_ON_LOAN: 'Usted ya tiene prestado un ejemplar de este título.',
  HOLD_NOT_FOUND: 'No encontramos esa reserva. Puede que ya haya terminado.',
  HOLD_CLOSED: 'Esta reserva ya no está abierta.',
  HOLD_NOT_QUEUED: 'Solo se puede pausar o reanudar una reserva que todavía espera un ejemplar.',
  INVALID_DATE: 'Esa fecha no existe.',
  DATE_IN_PAST: 'Elija la fecha de hoy o una fecha posterior.',
  PIN_MISMATCH: 'Los dos PIN nuevos no son iguales.',
  NO_CARD: 'No tiene ninguna tarjeta en uso. Por favor, pregunte en el mostrador.',
  WEAK_PIN:
    'No se puede usar ese PIN: es demasiado fácil de adivinar o no tiene la cantidad correcta de dígitos. Elija otro.',
  CARD_NOT_FOUND: 'No encontramos esa tarjeta. Por favor, pregunte en el mostrador.',
  FEATURE_OFF: 'La biblioteca desactivó esta página.',
}
