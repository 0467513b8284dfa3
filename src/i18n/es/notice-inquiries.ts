import type { inquiryKeep as en } from '../en/notice-inquiries.js'

/** Por qué se guarda cada columna de las preguntas y los cambios de dirección. */
export const inquiryPurpose: Record<string, Record<string, string>> = {
  inquiries: {
    id: 'Identifica una pregunta o un cambio de dirección.',
    patron_id:
      'La cuenta desde la que se envió, si el usuario había iniciado sesión; vacío en el formulario público.',
    kind: 'Si es una pregunta o un cambio de dirección.',
    status: 'Si espera al personal, ya se respondió o está cerrada.',
    language: 'El idioma en que se responde (inglés o español).',
    reply_by:
      'Cómo quiere la persona la respuesta: por correo electrónico, o en el mostrador o por teléfono.',
    name_enc: 'El nombre dado en el formulario público, si lo hay, para saludar a la persona.',
    email_enc: 'La dirección dada en el formulario público, para enviarle la respuesta.',
    body_enc: 'La pregunta, o la nueva dirección que el personal comprueba y aplica.',
    assigned_to: 'El miembro del personal que se ocupa de ella.',
    created_at:
      'Cuándo se envió, para responder primero la más antigua y borrar a tiempo la que nunca se respondió.',
    settled_on: 'El día en que se respondió o se cerró, para borrarla a tiempo.',
  },
  inquiry_replies: {
    id: 'Identifica una respuesta.',
    inquiry_id: 'La pregunta que responde.',
    body_enc: 'Lo que respondió la biblioteca.',
    language: 'El idioma en que está escrita.',
    status: 'En espera, enviándose, enviada o fallida.',
    attempts: 'Cuántas veces se intentó enviarla.',
    created_on: 'El día en que se escribió.',
    sent_on: 'El día en que se envió.',
    next_attempt_at: 'Cuándo volver a intentarlo si el servidor de correo la rechazó por ahora.',
    claimed_by: 'Qué proceso de envío la tiene mientras la envía.',
    lease_until: 'Hasta cuándo la tiene ese proceso.',
    failure: 'Por qué no se pudo entregar, sin ninguna dirección.',
  },
}

export const inquiryCategory: Record<string, string> = {
  question_to_the_library: 'Pregunta a la biblioteca',
  reply_to_a_question: 'Respuesta a una pregunta',
}

export const inquiryKeep: Record<keyof typeof en, string> = {
  inquiries:
    '{{period}} después de responderse o cerrarse (un cambio de dirección se borra en cuanto el personal lo aplica). Entonces se borra con la respuesta, y se destruye la clave de una pregunta enviada desde el formulario público.',
  'inquiries-unanswered': 'Si nunca se responde ni se cierra, {{period}} después de enviarse.',
}
