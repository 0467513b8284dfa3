import type { Translation } from '../catalog.js'
import type { common as en } from '../en/common.js'

export const common: Translation<typeof en> = {
  skipLink: 'Saltar al contenido principal',
  signOut: 'Cerrar sesión',
  signedIn: 'Sesión iniciada',
  mainMenu: 'Principal',
  menu: 'Menú',
  area: {
    account: 'Su cuenta',
    staff: 'Mostrador del personal',
  },
  language: {
    label: 'Idioma',
    switchTo: 'Leer esta página en {{language}}',
  },
  /** Words every public form shares (see src/web/public-forms.ts). */
  forms: {
    honeypot: 'Deje este campo vacío',
    expired:
      'Este formulario estuvo abierto demasiado tiempo. Revise lo que escribió y envíelo de nuevo.',
    throttled_one:
      'Llegaron demasiados formularios desde su dirección de red. Inténtelo de nuevo en {{count}} minuto.',
    throttled_many:
      'Llegaron demasiados formularios desde su dirección de red. Inténtelo de nuevo en {{count}} minutos.',
    throttled_other:
      'Llegaron demasiados formularios desde su dirección de red. Inténtelo de nuevo en {{count}} minutos.',
    dailyLimit:
      'Este formulario ya recibió todo lo que puede por hoy. Inténtelo mañana, o llame o visite la biblioteca.',
  },
  footer: {
    privacy: 'Aviso de privacidad',
    wifi: 'Aviso sobre el wifi',
    records: 'Solicitudes de registros',
    databases: 'Bases de datos en línea',
    staffSignIn: 'Acceso del personal',
    publicSite: 'Sitio público',
    cookies:
      'Este sitio no guarda cookies mientras usted navega. Al iniciar sesión se guarda una, que se borra cuando cierra la sesión o el navegador.',
  },
  nav: {
    home: 'Inicio',
    search: 'Buscar en el catálogo',
    account: 'Su cuenta',
    databases: 'Bases de datos en línea',
    privacy: 'Privacidad',
  },
  accountNav: {
    checkouts: 'Préstamos',
    holds: 'Reservas',
    fines: 'Multas y saldo',
    history: 'Historial de lectura',
    messages: 'Mensajes',
    myData: 'Mis datos',
    accesses: 'Quién consultó mi registro',
    pin: 'Cambiar el PIN',
  },
}
