import type { Translation } from '../catalog.js'
import type { notice as en } from '../en/notice.js'
import { newsletterCategory, newsletterKeep, newsletterPurpose } from './notice-newsletter.js'
import { inquiryCategory, inquiryKeep, inquiryPurpose } from './notice-inquiries.js'
import { recordsCategory, recordsKeep, recordsPurpose } from './notice-records.js'
import { computersCategory, computersKeep, computersPurpose } from './notice-computers.js'
import {
  computerQueueCategory,
  computerQueueKeep,
  computerQueueNotice,
  computerQueuePurpose,
} from './notice-computer-queue.js'
import { websiteBrowsing, websiteCategory, websiteKeep, websitePurpose } from './notice-website.js'

/** Por qué se guarda cada columna del inventario que el aviso muestra (tabla, luego columna). */
const purpose: Record<string, Record<string, string>> = {
  patrons: {
    id: 'Une las partes de una misma inscripción.',
    status: 'Si la inscripción está activa o ya se borró.',
    category: 'Fija las reglas de préstamo y los cargos según el tipo de usuario.',
    home_branch: 'La sucursal que atiende la cuenta.',
    expires_on: 'Cuándo hay que renovar la tarjeta.',
    given_name_enc: 'Para identificar al usuario y comunicarse con él sobre su cuenta.',
    family_name_enc: 'Para identificar al usuario y comunicarse con él sobre su cuenta.',
    address_enc:
      'Para confirmar que vive en la zona al dar una tarjeta y para enviar avisos por correo postal.',
    phone_enc: 'Para avisar al usuario sobre sus reservas y materiales atrasados.',
    email_enc: 'Para comunicarse con el usuario sobre su cuenta.',
    licence_number_enc: 'Para confirmar la identidad al dar una tarjeta.',
    sex_enc: 'Se anota al inscribirse, donde la biblioteca lo pide.',
    birth_date_enc: 'Para fijar el tipo de usuario (niño, adulto, persona mayor).',
    notify_notices: 'Si el usuario quiere avisos sobre sus préstamos y reservas.',
    notify_newsletter: 'Si el usuario quiere el boletín.',
    notify_policy_changes: 'Si el usuario quiere saber de cambios en la política.',
    language:
      'El idioma que el usuario eligió para las páginas de la biblioteca (inglés o español); si está vacío, decide el navegador.',
    keep_history:
      'Si el usuario decidió guardar su historial de lectura (desactivado salvo que lo pida).',
    notice_titles:
      'Si el usuario eligió que sus avisos nombren los títulos (desactivado salvo que lo pida).',
    notices_declined: 'Qué tipos de avisos opcionales desactivó el usuario.',
    card_expiry_noticed:
      'La fecha de vencimiento de la que se avisó al usuario, para enviar ese aviso una sola vez.',
    erasure_warning_delivered:
      'Si el aviso de que una inscripción vencida está por borrarse le llegó al usuario; el borrado lo espera.',
    created_at: 'Cuándo se abrió la cuenta.',
    updated_at: 'Cuándo cambió la inscripción por última vez.',
    erased_at: 'Cuándo se destruyeron los datos personales.',
    erasure_warned_at:
      'Cuándo se preparó un aviso de que una inscripción vencida está por borrarse.',
    policy_version:
      'Qué versión de la política de privacidad estaba vigente, y se mostró, cuando el usuario se inscribió.',
  },
  patron_lookup: {
    patron_id: 'Encuentra al usuario al que pertenece una huella cifrada.',
    kind: 'De qué dato se sacó la huella cifrada.',
    digest:
      'Una huella cifrada con clave de un correo electrónico, teléfono, número de licencia o apellido (o sus primeras letras), nunca el dato mismo.',
  },
  cards: {
    id: 'Identifica una tarjeta.',
    patron_id: 'La cuenta a la que pertenece la tarjeta.',
    barcode: 'El número impreso en la tarjeta, que se escanea en el mostrador.',
    pin_hash: 'Comprueba el PIN (el PIN mismo nunca se guarda).',
    status: 'Activa, perdida, vencida o reemplazada.',
    issued_at: 'Cuándo se entregó la tarjeta.',
    status_changed_at: 'Cuándo cambió su estado por última vez.',
    replaced_by: 'La tarjeta que reemplazó a una perdida.',
  },
  card_ledger: {
    id: 'Identifica un movimiento del saldo.',
    patron_id: 'La cuenta a la que pertenece el movimiento.',
    amount_cents: 'Crédito (positivo) o cargo (negativo); la suma es el saldo.',
    reason: 'Por qué cambió el saldo.',
    staff_id: 'Quién hizo el movimiento (vacío si lo hizo el sistema).',
    created_at: 'Cuándo se hizo el movimiento.',
  },
  account_notes: {
    id: 'Identifica una nota.',
    patron_id: 'La cuenta de la que trata la nota.',
    body_enc: 'Lo que el personal necesita saber sobre la cuenta.',
    author_staff_id: 'Quién escribió la nota.',
    created_at: 'Cuándo se escribió la nota.',
  },
  items: {
    times_lent:
      'Cuántas veces se ha prestado el ejemplar en total (sin fechas ni nombres de quién lo pidió).',
  },
  loans: {
    id: 'Identifica un préstamo (al azar, así no dice nada de cuándo ni en qué orden se hizo).',
    item_id: 'El ejemplar prestado.',
    record_id: 'El título prestado.',
    item_type: 'El tipo de material en ese momento, para las reglas de préstamo.',
    branch: 'Dónde se prestó, para las reglas de préstamo.',
    patron_category: 'El tipo de usuario, para las reglas de préstamo.',
    patron_id: 'Quién tiene el material.',
    checked_out_at: 'Cuándo se prestó.',
    due_at: 'Cuándo hay que devolverlo.',
    returned_at:
      'Cuándo se devolvió (solo se guarda mientras se deba algo o en un historial de lectura).',
    renewals: 'Cuántas veces se renovó.',
    notice_stage:
      'Qué avisos sobre él se prepararon (recordatorio, primer o segundo aviso de atraso), para enviar cada uno una vez.',
  },
  holds: {
    id: 'Identifica una reserva (al azar).',
    record_id: 'El título que se quiere.',
    patron_id: 'Quién lo quiere, mientras la reserva sigue abierta.',
    pickup_branch: 'Dónde se va a recoger.',
    status:
      'En espera, en camino, lista, o vencida y esperando que la retiren del estante (cumplida o cancelada solo mientras la proteja una retención legal).',
    placed_at: 'Mantiene el orden de la fila (solo el día, cuando la reserva ya venció).',
    suspended_until: 'Una pausa que pidió el usuario.',
    item_id: 'El ejemplar apartado.',
    pickup_code: 'Un código en la papeleta y en el estante, en lugar del nombre.',
    ready_at: 'Cuándo llegó el ejemplar al estante (se quita cuando la reserva vence).',
    expires_on: 'El último día para recogerlo.',
    closed_at: 'El día en que venció la reserva.',
  },
  fees: {
    id: 'Identifica un cargo (al azar).',
    patron_id: 'Quién lo debe.',
    kind: 'Multa por atraso o material perdido.',
    status:
      'Sigue aumentando o está pendiente (pagado o perdonado solo mientras lo proteja una retención legal).',
    amount_cents: 'Cuánto se cobró.',
    outstanding_cents: 'Cuánto se debe todavía.',
    loan_id: 'El préstamo del que viene.',
    item_id: 'El ejemplar del que viene.',
    created_at: 'Cuándo se cobró.',
  },
  fee_payments: {
    id: 'Identifica un pago o un cargo perdonado (al azar).',
    patron_id: 'De quién eran los cargos.',
    kind: 'Pago o cargo perdonado.',
    amount_cents: 'La cantidad pagada o perdonada.',
    method: 'Efectivo, cheque, terminal de tarjetas o en línea.',
    reference: 'Un número de recibo; nunca un número de tarjeta de pago.',
    reason: 'Por qué se perdonó un cargo.',
    staff_id: 'Quién lo recibió o lo perdonó.',
    created_at: 'Cuándo se recibió.',
  },
  patron_requests: {
    id: 'Identifica una solicitud.',
    patron_id: 'Quién la hizo.',
    kind: 'Sugerencia de compra o préstamo entre bibliotecas.',
    status: 'En qué punto está la solicitud.',
    title_enc: 'El título pedido (cifrado con la clave del usuario).',
    author_enc: 'El autor (cifrado).',
    note_enc: 'La nota del usuario (cifrada).',
    created_at: 'Cuándo se pidió.',
    updated_at: 'Cuándo avanzó por última vez.',
  },
  notice_outbox: {
    id: 'Identifica un aviso (al azar).',
    patron_id: 'Para quién es.',
    kind: 'De qué trata, por ejemplo una reserva lista para recoger.',
    payload:
      'El código para recoger, la sucursal y la fecha; nunca un título. Se quita en cuanto el aviso se envía, se imprime o falla.',
    created_at: 'Cuándo se preparó (solo el día, una vez enviado o fallido).',
    sent_at: 'El día en que salió (por correo electrónico, o impreso como carta).',
    status:
      'Si espera, se está enviando, se envió, quedó sin enviar en el buzón local, falló, espera a imprimirse o ya se imprimió.',
    attempts: 'Cuántas veces se intentó enviarlo.',
    next_attempt_at: 'Cuándo volver a intentarlo si el servidor de correo pidió esperar.',
    claimed_by: 'Qué proceso de Carrel lo está enviando, para que nunca se envíe dos veces.',
    lease_until: 'Hasta cuándo lo tiene ese proceso; después otro puede encargarse.',
    failure:
      'Por qué no se pudo enviar, con las palabras del servidor de correo y sin direcciones.',
  },
  erasure_journal: {
    patron:
      'En un borrado: el identificador aleatorio de la cuenta borrada (nunca un nombre, una tarjeta ni otro dato).',
  },
  maildrop: {
    file_name:
      'El día en que se escribió, el usuario (o la suscripción al boletín) y el mensaje, para borrarlo a tiempo.',
    recipient:
      'La dirección de correo a la que habría ido el mensaje: la de un usuario o la de alguien suscrito al boletín.',
    subject: 'De qué trata el mensaje.',
    body: 'Lo que dice, en texto y en HTML: el nombre de pila del usuario y el aviso (nunca un título), o un número del boletín o la confirmación de una suscripción.',
    headers:
      'Remitente, fecha, idioma, identificador del mensaje y, en el boletín, el enlace para darse de baja.',
  },
  circulation_counts: {
    id: 'Identifica un conteo (al azar).',
    day: 'El día contado.',
    branch: 'La sucursal.',
    item_type: 'El tipo de material.',
    patron_category: 'El tipo de usuario, nunca el usuario.',
    event: 'Préstamo, renovación, devolución o pérdida.',
    count: 'Cuántos hubo ese día.',
  },
  hold_counts: {
    id: 'Identifica un conteo (al azar).',
    day: 'El día contado.',
    branch: 'La sucursal donde se recoge.',
    event: 'Hecha, lista, recogida, cancelada o vencida.',
    count: 'Cuántas hubo ese día.',
  },
  fee_counts: {
    id: 'Identifica un total (al azar).',
    month: 'El mes contado.',
    kind: 'Multa por atraso, material perdido, pago o cargo perdonado.',
    outcome: 'Cobrado, pagado o perdonado; en los pagos, la forma de pago.',
    count: 'Cuántos hubo ese mes.',
    cents: 'Su suma.',
  },
  activity_counts: {
    id: 'Identifica un conteo (al azar).',
    day: 'El día contado.',
    branch:
      'La sucursal del usuario, o ninguna cuando la pregunta llega de alguien sin sesión iniciada.',
    patron_category: 'El tipo de usuario, nunca el usuario (ninguno sin sesión iniciada).',
    event:
      'Una inscripción nueva, una pregunta a la biblioteca o una solicitud de préstamo interbibliotecario o de compra.',
    count: 'Cuántos hubo ese día.',
  },
  legal_requests: {
    id: 'Identifica una solicitud.',
    kind: 'Orden judicial, emergencia policial u otra (rechazada).',
    status: 'Recibida, aprobada, rechazada o entregada.',
    received_at: 'Cuándo llegó.',
    requester_name: 'Quién la pidió.',
    requester_agency: 'Para qué agencia o tribunal.',
    requester_badge: 'El número de placa del agente.',
    requester_contact: 'Cómo comunicarse con quien la pidió.',
    documents: 'Los documentos presentados.',
    order_reference: 'Tribunal, número de caso y fecha de una orden.',
    scope: 'Qué se puede entregar con ella.',
    conditions: 'Las condiciones de la ley declaradas para una emergencia.',
    patron_id: 'El usuario al que se refiere.',
    decided_by: 'El responsable de privacidad que decidió.',
    decided_at: 'Cuándo se decidió.',
    decision_note: 'Las razones de la decisión.',
    acknowledgement_signed: 'Si el agente firmó el acuse de recibo.',
    judicial_review: 'Si la biblioteca quiere que un juez revise la solicitud.',
    released_at: 'Cuándo se entregaron los registros.',
    released_by: 'Quién los entregó.',
  },
}

const category: Record<string, string> = {
  registration: 'Inscripción',
  name: 'Nombre',
  address: 'Dirección',
  phone_number: 'Número de teléfono',
  email_address: 'Correo electrónico',
  driver_s_license_number: 'Número de licencia de conducir',
  sex: 'Sexo',
  date_of_birth: 'Fecha de nacimiento',
  communication_choice: 'Preferencias de comunicación',
  library_card: 'Tarjeta de la biblioteca',
  monetary_balance: 'Saldo de la tarjeta',
  account_note: 'Notas sobre la cuenta',
  how_often_each_copy_is_lent: 'Cuántas veces se presta cada ejemplar',
  items_checked_out: 'Materiales prestados',
  current_holds: 'Reservas abiertas',
  fines_owed: 'Multas pendientes',
  fines_paid_or_waived: 'Multas pagadas o perdonadas',
  requests: 'Solicitudes',
  notification_and_contact: 'Avisos',
  counts_of_checkouts_renewals_returns_and_lost_items:
    'Conteos de préstamos, renovaciones, devoluciones y materiales perdidos',
  counts_of_holds: 'Conteos de reservas',
  totals_of_fines_fees_payments_and_waivers: 'Totales de multas, cargos, pagos y cargos perdonados',
  counts_of_registrations_questions_and_requests:
    'Conteos de inscripciones, preguntas y solicitudes',
  legal_request: 'Solicitudes legales de registros',
  erasure_journal: 'Registro de borrados',
}

export const notice: Translation<typeof en> = {
  title: 'Aviso de privacidad',
  heading: 'Cómo protegemos su privacidad',
  lead: 'Sus registros de la biblioteca son confidenciales. Aquí tiene la versión corta; después sigue la lista completa de lo que guardamos.',
  summary: {
    heading: 'En pocas palabras',
    keep: {
      heading: 'Qué guardamos',
      registration:
        'Su inscripción: su nombre, su dirección y los demás datos que nos da al sacar la tarjeta, y su tarjeta de la biblioteca.',
      borrowing:
        'Lo que tiene prestado ahora, sus reservas y las multas o cargos que deba, con lo que ha pagado de ellos.',
      notKept:
        'No guardamos una lista de lo que usted ha devuelto. Cuando un material vuelve y no se debe nada por él, se borra el vínculo entre usted y ese material, salvo que usted active su historial de lectura.',
      counts:
        'Lo que queda después son conteos sin nombres, por ejemplo cuántos libros se prestaron en cada sucursal cada día.',
    },
    why: {
      heading: 'Para qué',
      text: 'Para prestarle materiales, guardar su lugar en la fila de reservas, llevar bien su cuenta y comunicarnos con usted sobre ella.',
    },
    howLong: {
      heading: 'Por cuánto tiempo',
      registration:
        'Su inscripción: mientras su tarjeta esté vigente (una tarjeta nueva vale por {{validity}}) y {{after}} después de que venza, si no tiene nada prestado ni debe nada. Luego se destruye la clave que abre sus datos personales.',
      borrowing:
        'Un préstamo, una reserva o una multa: solo mientras el material esté fuera, la reserva siga abierta o se deba algo. Después se borra.',
      accessLog: 'El registro de qué empleados abrieron su cuenta: {{period}}.',
      awaitingApproval:
        'La biblioteca todavía no ha anotado la aprobación del estado que necesita para destruir algunos de estos registros, así que por ahora se guardan más tiempo. La lista de abajo dice cuáles.',
      legalHold:
        'Una retención legal, por ejemplo durante un juicio, impide destruir los registros que cubre hasta que se levante.',
    },
    who: {
      heading: 'Quién puede verlos',
      staff:
        'El personal de la biblioteca, cada persona con su propio acceso, y solo lo que su trabajo necesita. Cada vez que alguien del personal abre, busca, cambia o exporta su registro, queda anotado, y esas anotaciones muestran si alguien intenta alterarlas.',
      law: 'No vendemos ni regalamos su información. Solo entregamos registros con una orden judicial, o en la emergencia limitada que permite la ley, en la que la policía puede saber quién es usted y cómo localizarle, pero nunca qué ha pedido prestado. El responsable de privacidad decide cada solicitud.',
      transparency: 'Cuántas solicitudes recibimos',
    },
    rights: {
      heading: 'Sus opciones y derechos',
      myData: 'Ver y descargar todo lo que guardamos sobre usted',
      accesses: 'Ver cuándo el personal consultó su registro',
      history:
        'Activar o desactivar su historial de lectura cuando quiera (está desactivado salvo que usted lo active; al desactivarlo se borra)',
      correct: 'Pedir en el mostrador que corrijan sus datos.',
      erase:
        'Pedir al responsable de privacidad que borre su inscripción: se destruye la clave de sus datos personales, así que ya nadie podrá leerlos.',
    },
    contact: {
      heading: 'A quién dirigirse',
      text: 'Si tiene preguntas o pedidos sobre su privacidad, pida hablar con el responsable de privacidad en cualquier mostrador de {{library}}.',
      named: 'Si tiene preguntas o pedidos sobre su privacidad, comuníquese con {{name}}:',
      email: 'por correo electrónico a',
      phone: 'por teléfono al',
      desk: 'o en cualquier mostrador de {{library}}.',
    },
  },
  about: {
    heading: 'Sobre este aviso',
    text: 'Este aviso describe Carrel {{version}}, el programa que {{library}} usa para sus registros, con la configuración de esta biblioteca. El programa arma la lista de abajo a partir de su propia descripción de los datos que guarda y del tiempo que los conserva, así que cambia cuando ellos cambian.',
    made: 'Esta copia se hizo el {{date}}.',
  },
  detail: {
    heading: 'Qué guardamos, para qué y por cuánto tiempo',
    intro:
      'Cada parte de abajo indica un tipo de registro, para qué lo guardamos y cuánto tiempo se queda. No aparecen los datos que esta biblioteca no pide.',
    what: 'Qué',
    why: 'Para qué lo guardamos',
    howLong: 'Por cuánto tiempo',
    encrypted: 'Cifrado',
    yes: 'Sí',
    no: 'No',
    sections: {
      registration: 'Su inscripción y su tarjeta de la biblioteca',
      borrowing: 'Préstamos, reservas y multas',
      afterwards: 'Lo que queda después: conteos sin nombres',
      other: 'Otros registros',
      publicRecords: 'Sugerencias y solicitudes de documentos: registros públicos',
      computers: 'Computadoras públicas',
      website: 'Estadísticas del sitio web',
    },
  },
  computers: {
    heading: 'Uso de las computadoras públicas',
    sessions:
      'Para usar una computadora de la biblioteca, inicie sesión con su tarjeta y su PIN, o con un pase de invitado que no nombra a nadie. Mientras tiene la sesión abierta, la biblioteca sabe qué computadora es la suya para contar su tiempo; su PIN se comprueba y nunca se guarda. Cuando cierra la sesión o se acaba su tiempo, ese vínculo se borra, y en menos de un día solo quedan cuentas de sesiones y minutos por hora, sin nombres.',
  },
  browsing: websiteBrowsing,
  elsewhere: {
    heading: 'Bases de datos en línea y otros sitios web',
    before: 'Algunos servicios que ofrecemos, como nuestras',
    link: 'bases de datos en línea',
    after:
      ', los manejan otras empresas. Ellas guardan sus propias cookies cuando usted las usa y tienen sus propias políticas de privacidad. Cuando un enlace le lleva fuera de nuestro sitio se lo decimos antes, y no le contamos al otro sitio desde qué página nuestra llegó.',
  },
  wifi: {
    heading: 'Nuestra red inalámbrica',
    before: 'El Wi-Fi de la biblioteca no está cifrado. Antes de usarlo para algo privado, lea el',
    link: 'aviso sobre el Wi-Fi',
    after: '.',
  },
  period: {
    days_one: '{{count}} día',
    days_many: '{{count}} de días',
    days_other: '{{count}} días',
    months_one: '{{count}} mes',
    months_many: '{{count}} de meses',
    months_other: '{{count}} meses',
    years_one: '{{count}} año',
    years_many: '{{count}} de años',
    years_other: '{{count}} años',
  },
  keep: {
    'patron-registration':
      'Mientras la tarjeta esté vigente, y {{period}} después de que venza, si no queda nada prestado ni se debe nada. Luego se destruye la clave de los datos personales.',
    'card-record':
      'Mientras la tarjeta se use, y {{period}} después de que la reemplacen. Todas las tarjetas se borran cuando se borra la inscripción.',
    'card-ledger': '{{period}} desde cada movimiento, como registro contable.',
    'account-notes': 'Hasta que se borre la inscripción; se borran con ella.',
    'reading-history':
      'Solo si usted activa su historial de lectura, y se borra en cuanto lo desactiva.',
    'loan-link':
      'Solo mientras el material esté fuera o se deba algo por él. Después se borra, salvo que usted guarde un historial de lectura.',
    holds:
      'Solo mientras la reserva esté abierta. Después se borra. Un ejemplar que queda en el estante de reservas sigue anotado, sin su nombre, hasta que el personal lo retira.',
    fees: 'Solo mientras se deba. Cuando se paga o se perdona, se borra.',
    payments:
      'Mientras usted todavía deba algo. Cuando su saldo llega a cero se borran (quedan los totales del mes).',
    'patron-requests': 'Hasta que la solicitud termine, y luego {{period}}.',
    notices: 'Como máximo {{period}} después de prepararse, se haya enviado o no.',
    maildrop:
      'Como máximo {{period}} después de escribirse; luego se borra el archivo. Solo mientras la biblioteca no envía correo.',
    'erasure-journal':
      'Como máximo {{period}}: mientras todavía se pueda restaurar una copia de seguridad, para que restaurarla nunca devuelva lo que se borró o se eliminó. Luego se borra la línea.',
    'legal-requests': '{{period}} después de decidir la solicitud o de entregar los registros.',
    'loan-statistics': '{{period}}, para planear la colección.',
    'hold-statistics': '{{period}}.',
    'fee-statistics': '{{period}}, como registro contable.',
    'activity-statistics': '{{period}}, para el informe anual de la biblioteca.',
    catalogue: 'Mientras el ejemplar esté en el catálogo.',
    ...newsletterKeep,
    ...inquiryKeep,
    ...recordsKeep,
    ...computersKeep,
    ...computerQueueKeep,
    ...websiteKeep,
    awaitingApproval:
      'Hasta que la biblioteca anote su aprobación, estos registros no se destruyen.',
  },
  category: {
    ...category,
    ...newsletterCategory,
    ...inquiryCategory,
    ...recordsCategory,
    ...computersCategory,
    ...computerQueueCategory,
    ...websiteCategory,
  },
  purpose: {
    ...purpose,
    ...newsletterPurpose,
    ...inquiryPurpose,
    ...recordsPurpose,
    ...computersPurpose,
    ...computerQueuePurpose,
    ...websitePurpose,
  },
  computerQueue: computerQueueNotice,
}
