import type { Translation } from '../catalog.js'
import type { publicCodes as en } from '../en/codes-public.js'

export const publicCodes: Translation<typeof en> = {
  CARD_NOT_ACTIVE:
    'Esta tarjeta se reportó como perdida o fue reemplazada. Pregunte en el mostrador.',
  INVALID_CREDENTIALS: 'El número de la tarjeta o el PIN no es correcto.',
  CARD_LOCKED:
    'Demasiados PIN equivocados: esta tarjeta quedó bloqueada por un rato. Inténtelo más tarde o pregunte en el mostrador.',
  RATE_LIMITED:
    'Llegaron demasiados intentos desde esta red. Espere unos minutos e inténtelo de nuevo.',
  EMPTY_QUERY: 'Escriba algunas palabras para buscar, o un ISBN.',
  BRANCH_NOT_FOUND:
    'No hay ninguna sucursal en esta dirección. La lista de sucursales las tiene todas.',
}
