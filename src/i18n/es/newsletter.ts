import type { Catalog, Translation } from '../catalog.js'

export const newsletter: Translation<Catalog['newsletter']> = {
  nav: 'Boletín',
  titles: {
    signUp: 'El boletín de la biblioteca',
    checkEmail: 'Revise su correo',
    confirmed: 'Ya está suscrito',
    confirmInvalid: 'Este enlace no sirve',
    unsubscribe: 'Darse de baja del boletín',
    unsubscribed: 'Se ha dado de baja del boletín',
    notSubscribed: 'Sin suscripción',
    accountUnsubscribe: 'Dejar de recibir el boletín',
  },
  signUp: {
    heading: 'Reciba el boletín de la biblioteca',
    intro:
      'Novedades de la biblioteca por correo electrónico: actividades, servicios nuevos y cambios de horario, más o menos una vez al mes.',
    email: 'Su correo electrónico',
    emailHint: 'Primero le escribimos a esta dirección; no le llegará nada hasta que la confirme.',
    submit: 'Suscribirme',
    promisesHeading: 'Lo que no hacemos',
    noTracking:
      'Sin rastreo: el boletín no lleva imágenes ocultas que nos avisen de que lo abrió, y sus enlaces van directamente a su destino, sin pasar por nosotros. Nunca sabemos quién leyó qué.',
    oneClick:
      'Cada número trae un enlace para darse de baja con un solo clic, y su programa de correo quizá le ofrezca un botón para lo mismo.',
    kept_one:
      'Solo guardamos su dirección y su idioma, y se borran al darse de baja. Si no confirma en {{count}} día, la solicitud se elimina.',
    kept_many:
      'Solo guardamos su dirección y su idioma, y se borran al darse de baja. Si no confirma en {{count}} días, la solicitud se elimina.',
    kept_other:
      'Solo guardamos su dirección y su idioma, y se borran al darse de baja. Si no confirma en {{count}} días, la solicitud se elimina.',
    cardHolders:
      '¿Tiene tarjeta de la biblioteca? También puede suscribirse desde su cuenta, en la página de mensajes.',
    invalidEmail: 'Eso no parece una dirección de correo. Revísela y vuelva a intentarlo.',
    formExpired: 'El formulario estuvo abierto demasiado tiempo. Escriba su dirección de nuevo.',
    throttled_one:
      'Llegaron demasiadas suscripciones desde esta red. Espere {{count}} minuto y vuelva a intentarlo.',
    throttled_many:
      'Llegaron demasiadas suscripciones desde esta red. Espere {{count}} minutos y vuelva a intentarlo.',
    throttled_other:
      'Llegaron demasiadas suscripciones desde esta red. Espere {{count}} minutos y vuelva a intentarlo.',
  },
  checkEmail: {
    heading: 'Revise su correo',
    body: 'Si la dirección puede recibir el boletín, le llegará un mensaje con un enlace para confirmar. Abra ese enlace y empezará a recibirlo.',
    nothing:
      '¿No le llegó nada? Mire en la carpeta de correo no deseado, o vuelva a suscribirse dentro de unos minutos.',
    expires_one: 'El enlace vale durante {{count}} día.',
    expires_many: 'El enlace vale durante {{count}} días.',
    expires_other: 'El enlace vale durante {{count}} días.',
  },
  confirm: {
    doneHeading: 'Ya está suscrito',
    doneBody:
      'Gracias: su dirección quedó confirmada y el próximo número del boletín le llegará a ella.',
    leaveHint: 'Al final de cada número hay un enlace para darse de baja cuando quiera.',
    invalidHeading: 'Este enlace no sirve',
    invalidBody:
      'Puede que el enlace haya caducado, que ya se haya usado para darse de baja o que se copiara incompleto. Puede suscribirse otra vez.',
    signUpAgain: 'Suscribirse al boletín',
  },
  unsubscribe: {
    heading: '¿Darse de baja del boletín?',
    body: 'Pulse el botón para dejar de recibir el boletín. Su dirección se borra de la lista en ese momento y no guardamos constancia de que estuvo en ella.',
    button: 'Darme de baja',
    doneHeading: 'Se ha dado de baja del boletín',
    doneBody: 'Su dirección se borró de la lista. No le llegarán más números.',
    goneHeading: 'Sin suscripción',
    goneBody:
      'Esta dirección no está en la lista del boletín, así que no le llegará nada más. Quizá ya se había dado de baja.',
    rejoin: '¿Cambió de idea? Puede volver a suscribirse.',
  },
  account: {
    heading: 'Boletín',
    intro:
      'El boletín de la biblioteca llega al correo electrónico que figura en su registro. No lleva imágenes de rastreo ni enlaces rastreados, y puede darse de baja cuando quiera.',
    none: 'No recibe el boletín.',
    pending:
      'Falta su confirmación: el {{date}} enviamos un enlace al correo que figura en su registro.',
    active: 'Recibe el boletín desde el {{date}}.',
    subscribe: 'Recibir el boletín',
    resend: 'Enviar de nuevo la confirmación',
    unsubscribe: 'Dejar de recibir el boletín',
    cancel: 'Anular la solicitud',
    noEmail:
      'Su registro no tiene correo electrónico, así que el boletín no puede llegarle. Pida en el mostrador que lo añadan.',
    done: {
      pending:
        'Revise su correo: le enviamos un enlace para confirmar que quiere recibir el boletín.',
      active: 'Ya recibe el boletín.',
      noEmail:
        'Su registro no tiene correo electrónico, así que no pudimos suscribirle. Pida en el mostrador que lo añadan.',
      erased: 'Listo: no recibirá más boletines y su suscripción quedó borrada.',
      none: 'No estaba suscrito al boletín.',
    },
    confirm: {
      heading: '¿Dejar de recibir el boletín?',
      body: 'Su suscripción se borrará. Para volver a recibir el boletín más adelante, tendría que suscribirse y confirmar de nuevo.',
      yes: 'Sí, dejar el boletín',
      no: 'No, seguir recibiéndolo',
    },
  },
  myData: {
    title: 'Suscripción al boletín',
    why: 'Para enviarle el boletín de la biblioteca al correo electrónico de su registro. No queda constancia de si lo abre ni de en qué hace clic.',
    kept: 'Se guarda hasta que deje de recibir el boletín; al darse de baja se borra. Una suscripción nunca confirmada se borra al terminar el plazo de confirmación.',
    fields: {
      status: 'Estado',
      language: 'Idioma del boletín',
      requestedOn: 'Solicitada el',
      confirmedOn: 'Confirmada el',
    },
    status: {
      pending: 'Falta su confirmación',
      active: 'Suscrito',
    },
  },
}
