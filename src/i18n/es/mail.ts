import type { Translation } from '../catalog.js'
import type { mail as en } from '../en/mail.js'

export const mail: Translation<typeof en> = {
  greeting: 'Hola:',
  greetingNamed: 'Hola, {{name}}:',
  footer:
    'Este mensaje se lo envía {{library}} sobre su tarjeta de la biblioteca. Por favor, no responda con datos personales.',
  hold_ready: {
    subject: 'Tiene una reserva lista para recoger',
    body: 'Algo que usted reservó le espera en {{branch}}. Puede recogerlo hasta el {{date}}; en el mostrador, presente su tarjeta o dé el código para recoger {{pickupCode}}.',
  },
  erasure_warning: {
    subject: 'Su inscripción en la biblioteca está a punto de borrarse',
    body: 'Su tarjeta de la biblioteca lleva mucho tiempo sin usarse y está vencida. Si no la renueva ni nos visita antes del {{date}}, borraremos su inscripción y todos los datos que tenemos sobre usted.',
  },
}
