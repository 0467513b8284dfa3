import type { Catalog, Translation } from '../catalog.js'

/** Las páginas públicas de las sucursales: dónde están, cuándo abren y qué días cierran. */
export const branches: Translation<Catalog['branches']> = {
  nav: 'Horarios y sucursales',
  titles: {
    list: 'Horarios y sucursales',
  },
  home: {
    heading: 'Horarios y sucursales',
    text: 'Dónde está cada sucursal, cuándo abre esta semana y qué días va a estar cerrada.',
    link: 'Ver horarios y sucursales',
  },
  list: {
    heading: 'Horarios y sucursales',
    lead: 'Cada sucursal con su dirección, su horario de los próximos siete días y los días que va a cerrar. Las horas son las de la hora local de la biblioteca.',
    none: 'Todavía no hay sucursales en la lista.',
    more: 'Más sobre {{name}}',
  },
  branch: {
    contact: 'Dirección y contacto',
    address: 'Dirección',
    noAddress: 'La dirección todavía no está publicada.',
    phone: 'Teléfono',
    email: 'Correo electrónico',
    back: 'Todas las sucursales',
  },
  clock: {
    at: 'las {{time}}',
    atOne: 'la {{time}}',
  },
  status: {
    open: 'Abierto ahora, hasta {{time}}.',
    closed: 'Cerrado ahora.',
    closedNext: 'Cerrado ahora. Abre {{when}}.',
    unknown: 'El horario todavía no está publicado.',
    today: 'hoy a {{time}}',
    tomorrow: 'mañana a {{time}}',
    onDay: 'el {{day}} a {{time}}',
  },
  week: {
    heading: 'Esta semana',
    caption: 'Horario de {{name}} para los próximos siete días',
    day: 'Día',
    hours: 'Horario',
    today: 'hoy',
    closed: 'Cerrado',
    closedFor: 'Cerrado: {{note}}',
    span: '{{opens}} a {{closes}}',
    and: 'y',
  },
  regular: {
    heading: 'Horario habitual',
    caption: 'Horario semanal habitual de {{name}}, sin contar los días de cierre',
  },
  closures: {
    heading: 'Próximos días de cierre',
    none_one: 'No hay días de cierre en el próximo {{count}} día.',
    none_many: 'No hay días de cierre en los próximos {{count}} de días.',
    none_other: 'No hay días de cierre en los próximos {{count}} días.',
    within_one: 'En el próximo {{count}} día:',
    within_many: 'En los próximos {{count}} de días:',
    within_other: 'En los próximos {{count}} días:',
    weekly: 'Cerrado cada {{weekday}}',
    withNote: '{{when}}: {{note}}',
  },
}
