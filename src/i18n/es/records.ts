import type { Catalog, Translation } from '../catalog.js'

export const records: Translation<Catalog['records']> = {
  titles: {
    suggestions: 'Sugerencias y comentarios',
    suggestionSent: 'Sugerencia enviada',
    requests: 'Pedir documentos públicos',
    requestSent: 'Solicitud de documentos recibida',
  },
  fields: {
    name: 'Su nombre (opcional)',
    email: 'Correo electrónico (opcional)',
    phone: 'Teléfono (opcional)',
    address: 'Dirección postal (opcional)',
  },
  problems: {
    heading: 'Revise el formulario',
    message: 'Escriba su mensaje (hasta {{max}} caracteres).',
    description: 'Describa los documentos que quiere (hasta {{max}} caracteres).',
    name: 'El nombre puede tener hasta 120 caracteres.',
    email: 'Eso no parece un correo electrónico, como nombre@ejemplo.org.',
    phone: 'Escriba un teléfono solo con números, espacios, guiones o paréntesis.',
    address: 'Escriba una dirección postal de 5 a 300 caracteres.',
    contact:
      'Dé un correo electrónico o una dirección postal, para que la biblioteca pueda enviarle su respuesta.',
    format: 'Elija cómo quiere los documentos.',
  },
  suggestions: {
    nav: 'Sugerencias',
    heading: 'Enviar una sugerencia o un comentario',
    intro:
      'Díganos qué piensa de la biblioteca: una idea, una queja, un libro que deberíamos comprar, un cambio de horario. Leemos todos los mensajes.',
    publicHeading: 'Lo que envíe puede llegar a ser un registro público',
    publicBody:
      'Las sugerencias y los comentarios sobre la biblioteca son registros públicos según la Ley de Libertad de Información de Illinois y la Ley de Registros Locales. Cualquier persona puede pedir verlos.',
    redactions:
      'Si entregamos su mensaje, antes quitamos su nombre, su correo electrónico, su teléfono y cualquier dirección, dondequiera que aparezcan, e indicamos dónde y por qué lo hicimos.',
    notAccount:
      'Las preguntas sobre su propia cuenta, sus préstamos o lo que lee son confidenciales y no van aquí. Entre en su cuenta o pregunte a un bibliotecario:',
    account: 'su cuenta',
    ask: 'Pregunte a un bibliotecario',
    message: 'Su sugerencia o comentario',
    messageHint: 'Hasta {{max}} caracteres.',
    contactHeading: 'Si quiere una respuesta',
    contactHint:
      'Deje un nombre y un correo electrónico o un teléfono. Se guardan cifrados y nunca se entregan.',
    submit: 'Enviar',
    sentHeading: 'Gracias',
    sentBody: 'Su sugerencia llegó a la biblioteca.',
    sentAnswer:
      'Si dejó un correo electrónico o un teléfono, un bibliotecario le responderá. Si no, la leeremos igualmente.',
    another: 'Enviar otra sugerencia',
  },
  requests: {
    nav: 'Pedir documentos públicos',
    heading: 'Pedir documentos públicos (FOIA)',
    intro:
      'Según la Ley de Libertad de Información de Illinois, usted puede pedir los documentos públicos de la biblioteca: presupuestos, actas, contratos, normas, sugerencias del público y otros registros de su actividad.',
    clock:
      'La biblioteca responde en un plazo de cinco días hábiles a partir del día siguiente a la llegada de su solicitud. Los fines de semana y los días en que la biblioteca está cerrada no cuentan. Por un motivo que la ley permite, puede tomarse una sola vez cinco días hábiles más; en ese caso se lo decimos por escrito antes de que pasen los primeros cinco.',
    confidentialHeading: 'Aquí no se entregan registros de usuarios',
    confidentialBody:
      'Los registros que muestran quién tiene tarjeta de la biblioteca, o qué sacó prestado, pidió o leyó alguien, son confidenciales según la Ley de Confidencialidad de los Registros de Bibliotecas (75 ILCS 70/1) y están exentos de la Ley de Libertad de Información (5 ILCS 140/7.5(b)). Este formulario no los entrega. Para ver sus propios registros, entre en su cuenta.',
    transparency: 'Cuántas solicitudes recibe y responde la biblioteca',
    name: 'Su nombre (opcional)',
    nameHint: 'No tiene que dar su nombre para pedir documentos públicos.',
    contactHeading: 'Adónde enviar la respuesta',
    contactHint:
      'Dé un correo electrónico o una dirección postal, o ambos. Se guardan cifrados y nunca se entregan con los documentos.',
    description: '¿Qué documentos quiere?',
    descriptionHint:
      'Descríbalos con el mayor detalle posible: tema, fechas, tipo de documento. Hasta {{max}} caracteres.',
    format: '¿Cómo los quiere?',
    formats: {
      electronic: 'Copias electrónicas, por correo electrónico',
      paper: 'Copias en papel, por correo postal',
      inspect: 'Los consultaré en la biblioteca',
    },
    submit: 'Enviar la solicitud',
    sentHeading: 'Su solicitud llegó',
    sentBody: 'La biblioteca recibió hoy su solicitud.',
    sentDue:
      'La biblioteca le responderá a más tardar el {{date}}, cinco días hábiles después de hoy.',
    sentNext:
      'Si necesita más tiempo por un motivo que la ley permite, se lo dirá por escrito antes de esa fecha.',
  },
  answerMail: {
    subject: 'Respuesta a su sugerencia a {{library}}',
    hello: 'Hola:',
    helloName: 'Hola, {{name}}:',
    youWrote: 'Usted escribió:',
    publicRecord:
      'Su sugerencia y esta respuesta son registros públicos. Si alguna vez nos piden entregarlas, antes se quitan su nombre y sus datos de contacto.',
  },
  statuses: {
    received: 'Recibida',
    extended: 'Prorrogada',
    fulfilled: 'Atendida',
    partially_denied: 'Denegada en parte',
    denied: 'Denegada',
    withdrawn: 'Retirada',
  },
  exemptions: {
    'patron-records':
      'Los registros que identifican a los usuarios de la biblioteca o lo que sacaron prestado o usaron son confidenciales según la Ley de Confidencialidad de los Registros de Bibliotecas, y la Ley de Libertad de Información los exime.',
    'private-information':
      'La información privada (correos electrónicos personales, teléfonos personales o de casa, direcciones de domicilio) está exenta de entrega.',
    'personal-privacy':
      'Entregar los nombres y datos personales de particulares sería una invasión claramente injustificada de su privacidad.',
    'prohibited-by-law': 'Otra ley prohíbe expresamente entregar estos documentos.',
  },
  extensionReasons: {
    elsewhere:
      'Los documentos están guardados, en todo o en parte, en otro lugar que la oficina de la biblioteca.',
    'many-records': 'La solicitud obliga a reunir una gran cantidad de documentos.',
    'wide-search': 'La solicitud obliga a una búsqueda extensa en los registros.',
    'not-found-yet': 'Los documentos no aparecieron en una búsqueda normal y se sigue buscando.',
    'exemption-review':
      'Los documentos deben ser leídos por alguien capaz de decidir si alguna parte está exenta.',
    burden:
      'Responder en cinco días hábiles supondría una carga excesiva para el trabajo de la biblioteca.',
    consult:
      'La biblioteca debe consultar a otro organismo público con un interés importante en los documentos.',
  },
  export: {
    redacted: '[suprimido: {{citation}}]',
  },
  extensionLetter: {
    title: 'Más tiempo para responder a la solicitud de documentos {{reference}}',
    body: 'Su solicitud, recibida el {{received}}, debía responderse a más tardar el {{due}}. Como permite una sola vez 5 ILCS 140/3(e), la biblioteca se toma cinco días hábiles más y le responderá a más tardar el {{extended}}.',
    reason: 'El motivo:',
  },
  letter: {
    title: 'Respuesta a la solicitud de documentos {{reference}}',
    to: 'Para',
    requester: 'La persona solicitante',
    date: 'Fecha',
    reference: 'Referencia',
    received: 'Su solicitud, recibida el {{date}}, pedía:',
    deniedAll:
      'La biblioteca ha decidido denegar su solicitud. No se entrega ningún documento, por las razones que siguen.',
    deniedPart:
      'La biblioteca ha decidido atender su solicitud en parte. Los documentos que puede entregar se adjuntan o se enviarán como pidió; se retienen los documentos o partes que se indican abajo.',
    withheldHeading: 'Qué se retiene',
    redactionsHeading: 'Qué se quitó de los documentos entregados',
    redactions:
      'Se quitaron de los documentos entregados los nombres, correos electrónicos, teléfonos y direcciones postales de particulares. Cada supresión lleva la ley que la permite.',
    reasonsHeading: 'Por qué',
    exemptionLine: '{{citation}}: {{explanation}}',
    basisHeading: 'Los hechos en que se basa esta decisión',
    responsible: 'Esta decisión la tomó {{name}}, {{title}}.',
    officerTitle: 'responsable de la Ley de Libertad de Información',
    reviewHeading: 'Su derecho a que se revise esta decisión',
    review:
      'Puede pedir a la Consejería de Acceso Público (Public Access Counselor) de la Oficina del Fiscal General de Illinois que revise esta denegación (5 ILCS 140/9.5), dentro de los 60 días siguientes a la fecha de esta carta. También puede pedir la revisión de esta denegación ante el tribunal de circuito (5 ILCS 140/11). Este aviso se da según 5 ILCS 140/9(a).',
    print: 'Imprimir esta carta',
  },
}
