import type { newsletterKeep as en } from '../en/notice-newsletter.js'

/** Por qué se guarda cada columna del boletín que el aviso de privacidad muestra. */
export const newsletterPurpose: Record<string, Record<string, string>> = {
  newsletter_subscriptions: {
    id: 'Identifica una suscripción; el enlace para darse de baja la lleva junto con un código con clave hecho a partir de ella.',
    patron_id:
      'La cuenta del usuario que se suscribió desde ella; el boletín va entonces a la dirección de su inscripción.',
    email_enc:
      'La dirección que se dio al suscribirse en la página pública, para enviarle el boletín.',
    email_digest:
      'Un resumen con clave de esa dirección, para que una nueva suscripción encuentre la misma.',
    status: 'Si la suscripción espera su confirmación o ya está confirmada.',
    language: 'El idioma en que se envía el boletín (inglés o español).',
    requested_on:
      'El día en que se pidió la suscripción, para borrarla a tiempo si nunca se confirma.',
    confirmed_on: 'El día en que se abrió el enlace de confirmación.',
    confirm_hash:
      'Un resumen del enlace de confirmación, para reconocerlo cuando se abre (el enlace mismo no se guarda).',
  },
  newsletter_deliveries: {
    id: 'Identifica un mensaje en camino.',
    kind: 'Si es un número del boletín o una solicitud de confirmación.',
    subscription_id: 'La suscripción a la que va, hasta que sale.',
    issue_id: 'El número del boletín que lleva.',
    payload: 'El enlace de confirmación, hasta que el mensaje se envía.',
    status: 'En espera, enviándose, enviado o fallido.',
    attempts: 'Cuántas veces se intentó enviarlo.',
    created_on: 'El día en que se puso en cola, para borrarlo a tiempo.',
    next_attempt_at: 'Cuándo volver a intentarlo si el servidor de correo lo rechazó por ahora.',
    claimed_by: 'Qué proceso de envío lo tiene mientras lo envía.',
    lease_until: 'Hasta cuándo lo tiene ese proceso.',
    failure: 'Por qué no se pudo entregar, sin ninguna dirección.',
  },
}

export const newsletterCategory: Record<string, string> = {
  newsletter_subscription: 'Suscripción al boletín',
  newsletter_delivery: 'Envío del boletín',
}

export const newsletterKeep: Record<keyof typeof en, string> = {
  'newsletter-subscriptions':
    'Hasta que usted se dé de baja (o se borre su inscripción). Al darse de baja, la suscripción se borra en el acto y se destruye la clave de la dirección dada en la página pública.',
  'newsletter-pending':
    'Si el enlace de confirmación no se abre a tiempo, la suscripción se borra, junto con la clave de su dirección.',
  'newsletter-deliveries':
    'Solo mientras se envía un número; después quedan solo los totales. Un mensaje que no se pudo entregar se guarda {{period}} como máximo.',
}
