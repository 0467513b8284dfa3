import type { inquiries as en } from '../en/inquiries.js'
import type { Translation } from '../catalog.js'

export const inquiries: Translation<typeof en> = {
  nav: 'Pregunte a un bibliotecario',
  accountNav: 'Preguntar o pedir',
  titles: {
    ask: 'Pregunte a un bibliotecario',
    sent: 'Su pregunta fue enviada',
    account: 'Preguntar o pedir',
    address: 'Cambio de dirección',
    requests: 'Sugerir una compra o pedir un préstamo a otra biblioteca',
  },
  ask: {
    heading: 'Pregunte a un bibliotecario',
    intro:
      '¿Busca un libro, un dato o ayuda con una investigación? Envíenos su pregunta y un bibliotecario le responderá.',
    question: 'Su pregunta',
    questionHint: 'Hasta {{count}} caracteres.',
    name: 'Su nombre (opcional)',
    nameHint: 'Solo para saludarle. Puede dejarlo en blanco.',
    replyBy: '¿Cómo le respondemos?',
    replyEmail: 'Por correo electrónico',
    replyDesk: 'Preguntaré en el mostrador o por teléfono',
    email: 'Su correo electrónico',
    emailHint: 'Solo hace falta si quiere la respuesta por correo electrónico.',
    submit: 'Enviar mi pregunta',
    privacyHeading: 'Su pregunta es privada',
    private:
      'Lo que pregunta se trata como sus registros de préstamo: se guarda cifrado, solo el personal que responde preguntas puede leerlo y cada vez que lo abren queda anotado.',
    kept_one:
      'Cuando se responde o se cierra, su pregunta, nuestra respuesta y sus datos de contacto se borran después de {{count}} día.',
    kept_many:
      'Cuando se responde o se cierra, su pregunta, nuestra respuesta y sus datos de contacto se borran después de {{count}} días.',
    kept_other:
      'Cuando se responde o se cierra, su pregunta, nuestra respuesta y sus datos de contacto se borran después de {{count}} días.',
    cardHolders: '¿Tiene tarjeta de la biblioteca? Pregunte mejor desde su cuenta.',
  },
  problems: {
    question: 'Escriba su pregunta (hasta {{count}} caracteres).',
    email:
      'Escriba un correo electrónico como nombre@ejemplo.com, o elija preguntar en el mostrador.',
    name: 'El nombre es demasiado largo.',
    summary: 'Hay datos que corregir:',
  },
  sent: {
    heading: 'Gracias: su pregunta fue enviada',
    email:
      'Un bibliotecario le responderá por correo electrónico, normalmente en dos días hábiles.',
    desk: 'Pregunte en cualquier mostrador o llame a la biblioteca; el personal encontrará su pregunta.',
    kept_one:
      'Cuando se responde o se cierra, se borra junto con sus datos de contacto después de {{count}} día.',
    kept_many:
      'Cuando se responde o se cierra, se borra junto con sus datos de contacto después de {{count}} días.',
    kept_other:
      'Cuando se responde o se cierra, se borra junto con sus datos de contacto después de {{count}} días.',
    again: 'Hacer otra pregunta',
  },
  account: {
    heading: 'Preguntar o pedir',
    intro:
      'Haga una pregunta a un bibliotecario, díganos su nueva dirección o sugiera algo que la biblioteca pueda comprar o pedir prestado para usted.',
    askHeading: 'Pregunte a un bibliotecario',
    replyEmail: 'Por correo electrónico, a la dirección de mi inscripción',
    sentFlash: 'Su pregunta fue enviada. Un bibliotecario le responderá pronto.',
    addressLink: 'Díganos su nueva dirección',
    requestsLink: 'Sugerir una compra o pedir un préstamo a otra biblioteca',
    yoursHeading: 'Lo que ha enviado',
    none: 'Todavía no ha enviado nada.',
    question: 'Pregunta',
    address: 'Nueva dirección',
    status: 'Estado',
    sentOn: 'Enviado',
    reply: 'Nuestra respuesta',
    statuses: { open: 'Esperando a la biblioteca', answered: 'Respondida', closed: 'Cerrada' },
  },
  address: {
    heading: 'Cambio de dirección',
    intro:
      'Díganos dónde vive ahora. El personal comprueba la nueva dirección (quizá le pidan un comprobante, como cuando recibió su tarjeta) y luego cambia su inscripción.',
    current: 'La dirección de su inscripción',
    line1: 'Calle y número',
    line2: 'Apartamento, oficina o unidad (opcional)',
    city: 'Ciudad',
    region: 'Estado (opcional)',
    postcode: 'Código postal',
    submit: 'Enviar mi nueva dirección',
    sentFlash:
      'Su nueva dirección fue enviada. El personal cambiará su inscripción cuando la haya comprobado.',
    kept: 'Cuando el personal la aplica, la solicitud misma se borra.',
  },
  requests: {
    heading: 'Sugerir una compra o pedir un préstamo a otra biblioteca',
    intro:
      'Pídanos que compremos un título o que lo pidamos prestado a otra biblioteca para usted. Lo que pide es tan privado como lo que toma prestado.',
    kind: '¿Qué desea?',
    purchase: 'Sugerir que la biblioteca lo compre',
    interlibraryLoan: 'Pedirlo prestado a otra biblioteca para mí',
    title: 'Título',
    author: 'Autor (opcional)',
    note: 'Algo más que debamos saber (opcional)',
    submit: 'Enviar mi solicitud',
    sentFlash: 'Su solicitud fue enviada.',
    yoursHeading: 'Sus solicitudes',
    none: 'No tiene solicitudes.',
    kindColumn: 'Tipo',
    titleColumn: 'Título',
  },
  mail: {
    subject: 'Una respuesta a su pregunta a {{library}}',
    greeting: 'Hola, esta es la respuesta a la pregunta que nos envió:',
    yourQuestion: 'Usted preguntó:',
    private:
      '{{library}} guarda su pregunta y esta respuesta en privado y las borra según su calendario. Por favor, no responda a este mensaje; haga una nueva pregunta en nuestro sitio web.',
  },
}
