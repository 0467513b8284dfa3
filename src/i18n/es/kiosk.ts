import type { Catalog, Translation } from '../catalog.js'

export const kiosk: Translation<Catalog['kiosk']> = {
  title: 'Computadora pública',
  noScript:
    'Esta pantalla necesita JavaScript, que está desactivado en este navegador. Avise al personal del mostrador, por favor.',
  connecting: 'Conectando con la biblioteca…',
  offline: 'Se perdió la conexión con la biblioteca. Volviendo a intentar…',
  enrol: {
    heading: 'Configurar esta computadora',
    intro:
      'Para el personal: pegue la credencial de dispositivo emitida para esta computadora en la página del personal «Computadoras».',
    label: 'Credencial de dispositivo',
    submit: 'Configurar',
    invalid:
      'No se aceptó esa credencial. Compruebe que la pegó completa o emita una nueva en la página del personal.',
    revoked:
      'La credencial de esta computadora ya no es válida, así que no se puede usar. El personal debe configurarla de nuevo.',
    startUp:
      'Para que la pantalla se configure sola cada vez que arranque el navegador, ponga como dirección de inicio la dirección de esta página seguida de # y la credencial. Lo que va después de # nunca sale de esta computadora.',
  },
  welcome: {
    heading: 'Bienvenido',
    intro:
      'Inicie sesión con su tarjeta de la biblioteca y su PIN, o con un pase de invitado del mostrador.',
    termsHeading: 'Condiciones de uso',
    term1:
      'Todas las personas que visitan la biblioteca comparten esta computadora. Úsela de modo que quienes le rodean se sientan bien recibidos; el personal puede terminar una sesión que no lo haga.',
    term2:
      'Respete la ley, incluidos los derechos de autor, y deje la computadora, su configuración y la red de la biblioteca tal como las encontró.',
    term3:
      'Su tiempo empieza al iniciar sesión. La pantalla le avisa 5 minutos y 1 minuto antes de que termine: guarde su trabajo en un lugar propio antes de eso.',
    term4:
      'Cierre la sesión al terminar, para que la siguiente persona no pueda abrir lo que dejó. Lo que guarde en esta computadora puede borrarse.',
    term5:
      'La biblioteca necesita saber quién usa una computadora solo mientras dura la sesión. En menos de un día ese vínculo se borra y solo quedan recuentos anónimos de uso.',
    accept: 'Acepto las condiciones: iniciar sesión',
  },
  signIn: {
    heading: 'Iniciar sesión',
    cardLegend: 'Con tarjeta de la biblioteca',
    card: 'Número de tarjeta',
    pin: 'PIN',
    submit: 'Iniciar sesión',
    guestLegend: 'Con un pase de invitado',
    guestCode: 'Código del pase de invitado',
    guestSubmit: 'Iniciar sesión con el pase',
    back: 'Volver',
    working: 'Comprobando…',
  },
  session: {
    heading: 'Ha iniciado sesión',
    hello: 'Hola, {{name}}.',
    guest: 'Está usando un pase de invitado.',
    left_one: 'Queda {{count}} minuto',
    left_many: 'Quedan {{count}} minutos',
    left_other: 'Quedan {{count}} minutos',
    saveHint: 'Guarde su trabajo antes de que se acabe su tiempo.',
    logOff: 'Cerrar sesión',
    lock: 'Bloquear pantalla',
  },
  warning: {
    five: 'Quedan cinco minutos. Guarde su trabajo ahora.',
    one: 'Queda un minuto. Su sesión está por terminar: guarde su trabajo y cierre la sesión.',
  },
  lock: {
    heading: 'Bloquear la pantalla',
    intro:
      '¿Se aparta un momento? Elija un código de 4 a 8 cifras y escríbalo de nuevo al volver. Su tiempo sigue corriendo mientras la pantalla está bloqueada.',
    code: 'Elija un código',
    repeat: 'Escriba el código otra vez',
    submit: 'Bloquear',
    cancel: 'Cancelar',
    mismatch: 'Los dos códigos no son iguales.',
    format: 'Use de 4 a 8 cifras.',
  },
  locked: {
    heading: 'Esta pantalla está bloqueada',
    intro:
      'La persona que usa esta computadora volverá pronto. Si nadie la desbloquea en unos minutos, la sesión termina sola.',
    code: 'Su código',
    submit: 'Desbloquear',
  },
  reserved: {
    heading: 'Esta computadora está reservada',
    body: 'Espera al número {{ticket}} hasta las {{time}}.',
    mine: '¿Tiene el número {{ticket}}? Inicie sesión para empezar.',
    signIn: 'Iniciar sesión',
  },
  queue: {
    join: 'Anotarse en la lista de espera',
    heading: 'Anotarse en la lista de espera',
    intro:
      'Espere la próxima computadora libre de este tipo. Inicie sesión con su tarjeta y su PIN para recibir un número.',
    submit: 'Recibir un número',
    queuedHeading: 'Está en la lista de espera',
    queued: 'Su número es el {{ticket}}.',
    queuedHow:
      'Cuando haya una computadora libre, la pantalla cerca del mostrador mostrará su número y la computadora a la que debe ir. Inicie sesión allí en pocos minutos; si no, se llamará a la siguiente persona.',
  },
  outOfService: {
    heading: 'Fuera de servicio',
    body: 'Esta computadora no se puede usar ahora. Pida otra en el mostrador, por favor.',
  },
  ended: {
    heading: 'Sesión terminada',
    body: 'La sesión en esta computadora ha terminado. Gracias por visitar la biblioteca.',
    timeUpHeading: 'Se acabó el tiempo',
    timeUpBody: 'Se acabó su tiempo en esta computadora. Gracias por visitar la biblioteca.',
    loggedOffHeading: 'Ha cerrado la sesión',
    loggedOffBody: 'Su sesión terminó y la computadora está lista para la siguiente persona.',
    again: 'Listo',
  },
  message: {
    heading: 'Mensaje del personal de la biblioteca',
    dismiss: 'Aceptar',
  },
  refusals: {
    INVALID_CREDENTIALS: 'El número de tarjeta o el PIN no es correcto.',
    CARD_LOCKED:
      'Demasiados PIN incorrectos: esta tarjeta está bloqueada por un tiempo. Inténtelo más tarde o pregunte en el mostrador.',
    CARD_NOT_USABLE:
      'Esta tarjeta no se puede usar en las computadoras ahora. Pregunte en el mostrador, por favor.',
    COMPUTER_OUT_OF_SERVICE:
      'Esta computadora está fuera de servicio. Pregunte en el mostrador, por favor.',
    COMPUTER_IN_USE: 'Ya hay alguien con la sesión iniciada en esta computadora.',
    ACCOUNT_IN_USE:
      'Esta tarjeta ya tiene una sesión iniciada en otra computadora. Ciérrela allí primero.',
    NO_TIME_LEFT: 'A esta tarjeta no le queda tiempo de computadora hoy.',
    LIBRARY_CLOSED:
      'La biblioteca está cerrada o a punto de cerrar, así que no puede empezar una sesión.',
    NOT_ALLOWED:
      'Esta tarjeta no se puede usar en esta computadora. Pregunte en el mostrador cuál puede usar.',
    RESERVED_FOR_OTHER:
      'Esta computadora está reservada para alguien llamado de la lista de espera.',
    GUEST_PASS_INVALID:
      'Este pase de invitado no sirve aquí: puede haber vencido, estar en uso o ser de otra sucursal.',
    ALREADY_IN_QUEUE: 'Esta tarjeta ya tiene un lugar en la lista de espera de esta sucursal.',
    RATE_LIMITED: 'Demasiados intentos. Espere unos minutos y vuelva a intentarlo.',
    UNLOCK_CODE_WRONG: 'Ese código no es correcto.',
    UNLOCK_ATTEMPTS_EXHAUSTED:
      'Demasiados códigos incorrectos, así que la sesión terminó. Inicie sesión de nuevo con su tarjeta o su pase.',
    INVALID_LOCK_CODE: 'Use de 4 a 8 cifras.',
    NO_SESSION: 'Ahora no hay nadie con la sesión iniciada en esta computadora.',
    generic: 'Eso no funcionó. Vuelva a intentarlo o pregunte en el mostrador.',
    network: 'No se pudo contactar con la biblioteca. Vuelva a intentarlo en un momento.',
  },
}
