import type { Translation } from '../catalog.js'
import type { newsletterMail as en } from '../en/newsletter-mail.js'

export const newsletterMail: Translation<typeof en> = {
  confirm: {
    subject: 'Confirme su suscripción al boletín de {{library}}',
    heading: 'Falta un paso',
    body: 'Recibimos una solicitud para enviar el boletín de {{library}} a esta dirección. Para empezar a recibirlo, abra este enlace:',
    button: 'Sí, quiero recibir el boletín',
    valid_one: 'El enlace sirve durante {{count}} día.',
    valid_other: 'El enlace sirve durante {{count}} días.',
    valid_many: 'El enlace sirve durante {{count}} días.',
    ignore:
      'Si usted no lo pidió, no tiene que hacer nada: sin confirmación no le llegará nada más, y la solicitud se borra cuando el enlace deja de servir.',
  },
  issue: {
    reason: 'Recibe este mensaje porque se suscribió al boletín de {{library}}.',
    unsubscribe: 'Darse de baja con un clic',
    unsubscribeText: 'Para dejar de recibirlo, abra este enlace: {{url}}',
    noTracking:
      'Este mensaje no lleva imágenes de seguimiento ni enlaces rastreados: nadie sabe si lo abrió ni dónde hizo clic.',
  },
}
