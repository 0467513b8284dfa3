import type { Translation } from '../catalog.js'
import type { errors as en } from '../en/errors.js'
import { accountCodes } from './codes-account.js'
import { publicCodes } from './codes-public.js'

export const errors: Translation<typeof en> = {
  heading: {
    '400': 'Algo en la solicitud no estaba bien',
    '403': 'No está permitido',
    '404': 'No encontramos la página',
    '409': 'No se pudo hacer',
    '413': 'Envió demasiado',
    '415': 'No aceptamos ese tipo de formulario',
    '422': 'No se pudo hacer',
    '423': 'Bloqueado por ahora',
    '429': 'Demasiados intentos',
    '500': 'Algo salió mal',
    other: 'No funcionó',
  },
  notFound:
    'No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace tenga un error.',
  formExpired:
    'Este formulario caducó o no vino de esta página. Vuelva atrás, recargue la página e inténtelo de nuevo.',
  homeLink: 'Ir a la página de inicio',
  startAgain: 'Empezar de nuevo',
  generic: 'No se pudo hacer. Si vuelve a pasar, pregunte en el mostrador.',
  serverError: 'Algo salió mal de nuestro lado. Inténtelo de nuevo en un momento.',
  /** A refusal's sentence by its stable code (see src/errors.ts). */
  codes: { ...publicCodes, ...accountCodes },
}
