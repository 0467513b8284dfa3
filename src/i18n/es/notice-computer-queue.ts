import type {
  computerQueueKeep as enKeep,
  computerQueueNotice as enNotice,
} from '../en/notice-computer-queue.js'

/** Por qué se guarda cada columna de la lista de espera de las computadoras. */
export const computerQueuePurpose: Record<string, Record<string, string>> = {
  computer_queue: {
    id: 'Identifica un lugar, para que el personal del mostrador pueda quitarlo de la lista.',
    branch: 'La sucursal cuyas computadoras espera la persona.',
    group_id: 'El grupo de computadoras que se espera (adultos, niños, solo catálogo).',
    ticket:
      'El número con que se llama a la persona en la pantalla de la biblioteca, en lugar de su nombre.',
    patron_id:
      'El titular de la tarjeta que espera, para que la computadora reservada solo le deje entrar a él y cada tarjeta tenga un solo lugar por sucursal; vacío en un número anónimo dado en el mostrador.',
    initial_enc:
      'La primera letra del nombre de pila, para que el personal del mostrador distinga a las personas sin nombre completo ni número de tarjeta.',
    status: 'En espera, o llamado a una computadora.',
    called_computer_id: 'La computadora reservada para la persona llamada.',
    call_expires_at:
      'Hasta cuándo se reserva esa computadora; después se llama a la siguiente persona.',
    joined_on: 'El día en que se tomó el lugar, para que ninguno se guarde después de ese día.',
  },
}

export const computerQueueCategory: Record<string, string> = {
  computer_waiting_list: 'Lista de espera de las computadoras',
}

export const computerQueueKeep: Record<keyof typeof enKeep, string> = {
  'computer-queue':
    'Solo hoy: un lugar se borra cuando usted inicia sesión, sale de la lista o no llega a tiempo cuando se le llama, y todos los lugares que quedan se borran al terminar el día.',
  'guest-passes':
    'Hasta que la sucursal cierra el día para el que es el pase; luego se borra. Solo se guarda un resumen con clave de su código.',
}

export const computerQueueNotice: Record<keyof typeof enNotice, string> = {
  queue:
    'Si espera una computadora, guardamos su lugar solo por hoy: la pantalla de la biblioteca muestra números, nunca nombres, y el personal del mostrador ve como mucho la primera letra de su nombre de pila. El lugar se borra cuando usted inicia sesión, sale de la lista o no llega a tiempo cuando se le llama, y al terminar el día no queda ninguno.',
  guestPasses:
    'Un pase de invitado no está ligado a nadie. Sirve hasta que la sucursal cierra ese día y luego se borra; guardamos solo un resumen con clave de su código, nunca el código.',
}
