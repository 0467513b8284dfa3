import type { Translation } from '../catalog.js'
import type { mail as en } from '../en/mail.js'

export const mail: Translation<typeof en> = {
  greeting: 'Hola:',
  greetingNamed: 'Hola, {{name}}:',
  footer:
    'Este mensaje se lo envía {{library}} sobre su tarjeta de la biblioteca. Por favor, no responda con datos personales.',
  account: 'Su cuenta: {{url}}',
  accountForTitles:
    'Este mensaje no nombra los materiales, para que no diga nada de sus lecturas a quien lo vea. Para verlos, entre en su cuenta: {{url}}',
  titlesIntro: 'Los materiales:',
  titlesHint:
    'Usted eligió que sus avisos nombren los títulos. Puede desactivarlo en la página de preferencias de su cuenta.',
  optOutHint:
    'Puede elegir qué avisos recibe en la página de preferencias de su cuenta. Los avisos sobre su PIN y sobre el borrado de su inscripción se envían siempre.',
  hold_ready: {
    subject: 'Tiene una reserva lista para recoger',
    body: 'Algo que usted reservó le espera en {{branch}}. Puede recogerlo hasta el {{date}}.',
    code: 'En el mostrador, presente su tarjeta o dé este código para recoger: {{pickupCode}}',
  },
  courtesy: {
    subject: 'Recordatorio: materiales que vencen pronto',
    body_one: '{{count}} material vence el {{date}}.',
    body_many: '{{count}} de materiales vencen el {{date}}.',
    body_other: '{{count}} materiales vencen el {{date}}.',
    renew:
      'Puede renovarlos en su cuenta o en cualquier mostrador, salvo que alguien los esté esperando.',
  },
  overdue_first: {
    subject: 'Materiales con la fecha de devolución vencida',
    body_one: '{{count}} material vencía el {{date}} y ahora está atrasado.',
    body_many: '{{count}} de materiales vencían el {{date}} y ahora están atrasados.',
    body_other: '{{count}} materiales vencían el {{date}} y ahora están atrasados.',
    action: 'Por favor, devuélvalos o renuévelos. Mientras estén atrasados pueden generar multas.',
  },
  overdue_second: {
    subject: 'Segundo aviso: materiales todavía atrasados',
    body_one: '{{count}} material vencía el {{date}} y todavía no ha vuelto.',
    body_many: '{{count}} de materiales vencían el {{date}} y todavía no han vuelto.',
    body_other: '{{count}} materiales vencían el {{date}} y todavía no han vuelto.',
    action:
      'Por favor, devuélvalos pronto. Si no los encuentra, avísenos en el mostrador; un material perdido se cobra a su precio de reposición.',
  },
  lost_billed: {
    subject: 'Se cobró a su tarjeta un material perdido',
    body: 'Un material prestado con su tarjeta se anotó como perdido el {{date}}, y se agregaron {{amount}} a su tarjeta.',
    action:
      'Si encuentra el material, devuélvalo en cualquier mostrador y pregunte por el cargo. Puede ver y pagar lo que debe en su cuenta.',
  },
  card_expiring: {
    subject: 'Su tarjeta de la biblioteca vence pronto',
    body: 'Su tarjeta de la biblioteca vence el {{date}}.',
    action:
      'Para seguir usándola, renuévela en cualquier mostrador; traiga un comprobante de su dirección actual.',
  },
  pin_changed: {
    subject: 'Se cambió el PIN de su tarjeta de la biblioteca',
    body: 'El PIN de su tarjeta de la biblioteca se cambió el {{date}}. Este mensaje nunca incluye el PIN.',
    action:
      'Si usted no lo cambió, comuníquese con la biblioteca de inmediato: bloquearemos la tarjeta y le ayudaremos a poner un PIN nuevo.',
  },
  erasure_warning: {
    subject: 'Su inscripción en la biblioteca está a punto de borrarse',
    body: 'Su tarjeta de la biblioteca lleva mucho tiempo sin usarse y está vencida. Si no la renueva ni nos visita antes del {{date}}, borraremos su inscripción y todos los datos que tenemos sobre usted.',
    wait: 'No borramos nada antes de que este mensaje le haya llegado. Una vez borrada, su inscripción no se puede recuperar; siempre puede volver a inscribirse.',
  },
  policy_change: {
    subject: 'Cambia nuestra política de privacidad',
    body: '{{library}} aprobó una nueva versión de su política de privacidad ({{label}}).',
    effective: 'Entra en vigor el {{date}}.',
    read: 'Puede leer la nueva versión, y ver qué cambió, aquí: {{url}}',
    why: 'Recibe este mensaje porque pidió que le avisáramos de los cambios en la política de privacidad. Si ya no lo desea, puede desactivarlo en la página de preferencias de su cuenta.',
  },
}
