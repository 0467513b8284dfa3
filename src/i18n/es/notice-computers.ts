import type { computersKeep as en } from '../en/notice-computers.js'

/** Por qué se guarda cada columna de las computadoras públicas que el aviso de privacidad muestra. */
export const computersPurpose: Record<string, Record<string, string>> = {
  computer_sessions: {
    id: 'Identifica una sesión en curso.',
    computer_id: 'La computadora en que se usa.',
    patron_id:
      'Quién ha iniciado la sesión (el titular de una tarjeta), para que una tarjeta se use en una sola computadora a la vez y el tiempo se cuente a esa tarjeta.',
    guest_pass_id: 'El pase de invitado con que se inició, en lugar de una tarjeta.',
    category: 'El tipo de usuario cuyas reglas se aplican.',
    started_at: 'Cuándo empezó, para contar sus minutos.',
    ends_at: 'Cuándo termina.',
    extensions: 'Cuántas veces se prolongó.',
    lock_code_hash:
      'Un resumen con clave del código con que se bloqueó la pantalla, mientras está bloqueada.',
    locked_until: 'Hasta cuándo está bloqueada la pantalla.',
    lock_failures: 'Los códigos equivocados que se probaron mientras estaba bloqueada.',
  },
  computer_allowance: {
    day: 'El día contado.',
    subject: 'Un resumen con clave del titular de la tarjeta o del pase, con la clave de ese día.',
    minutes_used: 'Los minutos usados ese día, para aplicar el límite diario.',
  },
  computer_day_keys: {
    day: 'El día al que corresponde la clave.',
    key: 'La clave al azar con que se nombran los contadores del día; se borra con ellos.',
  },
  computer_usage_counts: {
    day: 'El día contado.',
    hour: 'La hora en que empezaron las sesiones.',
    branch: 'La sucursal.',
    group_code: 'El grupo de computadoras.',
    category: 'El tipo de usuario (o los pases de invitado).',
    sessions: 'Cuántas sesiones.',
    minutes: 'Cuántos minutos.',
  },
}

export const computersCategory: Record<string, string> = {
  computer_session: 'Sesión en una computadora',
  computer_time_used_today: 'Tiempo de computadora usado hoy',
  computer_use_statistics: 'Estadísticas de uso de las computadoras',
}

export const computersKeep: Record<keyof typeof en, string> = {
  'computer-sessions':
    'Solo mientras usted tiene la sesión abierta en la computadora, y nunca más de {{period}}. Al terminar la sesión se borra, y nada de lo que se guarda dice qué computadora usó.',
  'computer-allowance':
    'Solo durante el día contado. Los minutos se guardan con un nombre hecho con la clave propia de ese día, y ambos se borran cuando el día termina.',
  'computer-counts':
    '{{period}}, para planificar las computadoras. Los totales nunca dicen quién usó una computadora.',
  'computer-messages': 'Hasta que aparece en la pantalla, y {{period}} como máximo.',
}
