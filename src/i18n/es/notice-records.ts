import type { recordsKeep as en } from '../en/notice-records.js'

/** Por qué se guarda cada columna de las sugerencias y las solicitudes de documentos públicos. */
export const recordsPurpose: Record<string, Record<string, string>> = {
  suggestions: {
    id: 'Identifica una sugerencia.',
    message: 'Lo que escribió la persona, para leerlo, contestarlo y tenerlo en cuenta.',
    language: 'El idioma del formulario, para contestar en ese idioma.',
    name_enc: 'El nombre que dio la persona, si lo dio, para dirigirle la respuesta.',
    email_enc: 'El correo electrónico que dio la persona, si lo dio, para enviarle la respuesta.',
    phone_enc: 'El teléfono que dio la persona, si lo dio, para llamarla con la respuesta.',
    status: 'Nueva, contestada o cerrada.',
    received_on: 'El día en que llegó, para destruirla a tiempo.',
    answer: 'La respuesta de la biblioteca, tal como se envió.',
    answered_on: 'El día en que se contestó.',
    closed_on: 'El día en que se cerró.',
  },
  records_requests: {
    id: 'Identifica una solicitud.',
    reference: 'Una referencia corta para las cartas y llamadas sobre la solicitud.',
    language: 'El idioma en que escribió el solicitante, para las cartas.',
    name_enc: 'El nombre del solicitante, si lo dio, para dirigirle la respuesta.',
    email_enc: 'Un correo electrónico al que enviar la respuesta.',
    phone_enc: 'Un teléfono para consultar sobre la solicitud.',
    address_enc: 'Una dirección postal a la que enviar la respuesta o las copias.',
    description: 'Qué documentos se piden.',
    format:
      'Cómo quiere el solicitante los documentos: copias electrónicas, en papel o consultarlos en persona.',
    received_via:
      'Cómo llegó la solicitud: por la página web, por correo postal, por correo electrónico o en persona.',
    received_on: 'El día en que llegó, que inicia los cinco días hábiles que da la ley.',
    due_on: 'El día en que vence por ley el plazo para responder.',
    extended_due_on: 'El nuevo día de vencimiento tras la única prórroga que permite la ley.',
    extension_reason: 'Cuál de los motivos que permite la ley justificó la prórroga.',
    extension_notified_on: 'El día en que se avisó de la prórroga al solicitante.',
    status: 'Recibida, prorrogada, atendida, denegada en parte, denegada o retirada.',
    decided_on: 'El día en que se respondió o se retiró, para destruirla a tiempo.',
    denial_basis: 'Por qué se retuvieron documentos, para la carta al solicitante.',
    notes: 'Las notas del responsable de documentos sobre la búsqueda.',
  },
  records_request_items: {
    id: 'Identifica un documento encontrado.',
    request_id: 'La solicitud para la que se encontró.',
    suggestion_id: 'Una sugerencia encontrada para la solicitud.',
    description: 'Otro documento encontrado, descrito con palabras.',
    withheld_under: 'La excepción por la que se retiene un documento.',
  },
}

export const recordsCategory: Record<string, string> = {
  suggestion_or_comment: 'Sugerencia o comentario',
  contact_details_of_a_suggestion_s_sender: 'Datos de contacto de quien envía una sugerencia',
  records_request: 'Solicitud de documentos públicos',
  contact_details_of_a_requester: 'Datos de contacto de un solicitante',
}

export const recordsKeep: Record<keyof typeof en, string> = {
  suggestions:
    '{{period}} desde el día en que llega, como registro público; después se destruye junto con la clave de los datos de quien la envió. Una sugerencia incluida en una solicitud de documentos se guarda mientras se guarde esa solicitud.',
  'records-requests':
    '{{period}} después de que la solicitud se responde o se retira, como registro público; después se destruye junto con la clave de los datos del solicitante.',
}
