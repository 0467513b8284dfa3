import type { Catalog, Translation } from '../catalog.js'

export const computerQueue: Translation<Catalog['computerQueue']> = {
  nav: 'Esperar una computadora',
  titles: {
    join: 'Esperar una computadora',
    place: 'Su lugar en la lista de espera',
    leave: 'Salir de la lista de espera',
    left: 'Ha salido de la lista de espera',
    display: 'Computadoras: lista de espera',
  },
  join: {
    heading: 'Esperar una computadora pública',
    intro:
      'Cuando todas las computadoras están ocupadas, anótese en la lista de espera con su tarjeta de la biblioteca. Recibe un número; cuando se libera una computadora, la pantalla de la biblioteca muestra su número y la computadora a la que debe ir.',
    group: 'Qué computadoras',
    groupOption: '{{branch}}: {{group}}',
    noGroups: 'Ninguna sucursal tiene computadoras públicas configuradas todavía.',
    card: 'Número de la tarjeta de la biblioteca',
    pin: 'PIN',
    submit: 'Anotarme en la lista de espera',
    callMinutes_one:
      'Cuando se le llama, la computadora se le reserva durante {{count}} minuto. Si no inicia sesión en ese tiempo, se llama a la siguiente persona.',
    callMinutes_many:
      'Cuando se le llama, la computadora se le reserva durante {{count}} minutos. Si no inicia sesión en ese tiempo, se llama a la siguiente persona.',
    callMinutes_other:
      'Cuando se le llama, la computadora se le reserva durante {{count}} minutos. Si no inicia sesión en ese tiempo, se llama a la siguiente persona.',
    privacyHeading: 'Qué guardamos',
    privacy:
      'Su lugar se guarda solo por hoy. La pantalla de la biblioteca muestra números, nunca nombres; el personal del mostrador ve como mucho la primera letra de su nombre de pila. Su lugar se borra cuando inicia sesión, sale de la lista o no llega a tiempo cuando se le llama, y toda la lista se borra al terminar el día.',
    checkHeading: '¿Ya está en la lista?',
    branch: 'Sucursal',
    ticket: 'Número',
    check: 'Ver mi lugar',
    leaveLink: 'Salir de la lista de espera',
  },
  place: {
    heading: 'Número {{ticket}}',
    waiting_one: 'Usted es el siguiente para las computadoras «{{group}}».',
    waiting_many: 'Usted es el número {{count}} en la fila para las computadoras «{{group}}».',
    waiting_other: 'Usted es el número {{count}} en la fila para las computadoras «{{group}}».',
    called:
      'Es su turno: vaya a la computadora {{computer}} e inicie sesión antes de las {{until}}.',
    gone: 'El número {{ticket}} no está en la lista de espera de hoy. Ya se usó, se dejó o no se llegó a tiempo, o es de otro día o de otra sucursal.',
    again: 'Volver a mirar',
    back: 'Volver a la lista de espera',
  },
  leave: {
    heading: '¿Salir de la lista de espera?',
    intro:
      'Así deja su lugar en el acto y no se puede deshacer: si se anota de nuevo, pasa al final de la lista. Escriba su tarjeta y su PIN para confirmarlo.',
    submit: 'Sí, dejar mi lugar',
    cancel: 'No, conservar mi lugar',
    done: 'Ha dejado su lugar. Puede volver a anotarse en la lista de espera cuando quiera hoy.',
  },
  display: {
    heading: 'Computadoras públicas',
    called: 'Llamados ahora',
    ticket: 'Número',
    computer: 'Vaya a la computadora',
    until: 'Inicie sesión antes de',
    noneCalled: 'Ahora no se llama a nadie.',
    waiting: 'En espera',
    group: 'Computadoras',
    count: 'Personas esperando',
    noneWaiting: 'Nadie está esperando.',
    howTo:
      'Para anotarse en la lista de espera, pregunte en el mostrador o vaya a {{address}} en su teléfono.',
  },
  problems: {
    summary: 'Revise el formulario.',
    INVALID_CREDENTIALS: 'El número de tarjeta o el PIN no es correcto.',
    CARD_LOCKED:
      'Demasiados PIN equivocados: esta tarjeta está bloqueada por un tiempo. Pregunte en el mostrador.',
    CARD_NOT_USABLE:
      'Esta tarjeta no sirve para las computadoras (perdida, reemplazada o vencida). Pregunte en el mostrador.',
    NOT_ALLOWED:
      'Su tarjeta no puede usar estas computadoras. Pregunte en el mostrador cuáles puede usar.',
    ALREADY_IN_QUEUE: 'Esta tarjeta ya tiene un lugar en la lista de espera de esta sucursal.',
    NOT_IN_QUEUE: 'Esta tarjeta no tiene lugar en la lista de espera de esta sucursal.',
    COMPUTER_GROUP_NOT_FOUND: 'Elija qué computadoras quiere esperar.',
    INVALID_INPUT: 'Complete todos los campos: hacen falta el número de tarjeta y el PIN.',
    RATE_LIMITED_one:
      'Llegaron demasiados PIN equivocados desde su dirección de red. Vuelva a intentarlo en {{count}} minuto.',
    RATE_LIMITED_many:
      'Llegaron demasiados PIN equivocados desde su dirección de red. Vuelva a intentarlo en {{count}} minutos.',
    RATE_LIMITED_other:
      'Llegaron demasiados PIN equivocados desde su dirección de red. Vuelva a intentarlo en {{count}} minutos.',
  },
}
