import type { Catalog, Translation } from '../catalog.js'

export const staffAnnual: Translation<Catalog['staffAnnual']> = {
  title: 'Informe anual',
  titleYear: 'Informe anual, año fiscal {{year}}',
  titlePeriod: 'Informe anual, del {{from}} al {{to}}',
  intro:
    'Las cifras que piden el informe anual de las bibliotecas públicas de Illinois (IPLAR) y la encuesta de bibliotecas públicas del IMLS y que Carrel puede contar, cada una con el nombre de su campo en la encuesta y la forma en que se contó. Cópielas usted en la encuesta; un valor vacío es uno que Carrel no puede saber, con el motivo.',
  period: 'Del {{from}} al {{to}}',
  fiscalYear: 'Año fiscal',
  fiscalYearHint:
    'Un año fiscal lleva el nombre del año en que termina: empieza el primero de {{month}}.',
  show: 'Mostrar',
  csv: 'Descargar como CSV',
  print: 'Imprimir',
  back: 'Todas las estadísticas',
  columns: {
    field: 'Campo de la encuesta',
    label: 'Qué significa',
    value: 'Valor',
    method: 'Cómo lo contó Carrel',
  },
  notCounted: 'No contado',
  caption: 'Campos de la encuesta del {{from}} al {{to}}',
  footnote:
    'Cada cifra es un total de toda la biblioteca para el período, hecho con recuentos anónimos que no nombran a nadie. Aquí no se desglosan por sucursal, categoría ni día, así que no se puede señalar a un grupo pequeño de personas y no se oculta nada; el informe de estadísticas de la biblioteca muestra los desgloses, con los recuentos pequeños ocultos.',
  sources: {
    patrons: 'Inscripciones de usuarios, base de registros',
    circulation: 'Recuentos diarios de circulación, base de registros',
    activity: 'Recuentos diarios de actividad, base de registros',
    computers: 'Recuentos de uso de las computadoras, base de registros',
    website: 'Base de estadísticas del sitio web',
    none: 'Carrel no lo registra',
  },
  fields: {
    REGBOR: {
      label: 'Usuarios inscritos',
      method:
        'Registros de usuarios no borrados, inscritos hasta el {{to}} y cuya inscripción no había vencido ese día, tal como están los registros cuando se hace el informe. La encuesta pide los usuarios inscritos en los últimos tres años: Carrel cuenta las inscripciones vigentes, cuya duración fija la biblioteca (patrons.cardValidityDays).',
    },
    TOTCIR: {
      label: 'Circulación total de materiales',
      method:
        'Préstamos más renovaciones de materiales físicos en todas las sucursales, contados cuando ocurrió cada uno (las renovaciones cuentan, como pide la encuesta). La circulación electrónica no está en Carrel: sume ELMATCIR antes de enviar.',
    },
    PHYSCIR: {
      label: 'Circulación de materiales físicos',
      method: 'Préstamos más renovaciones de materiales físicos en todas las sucursales.',
    },
    ELMATCIR: {
      label: 'Circulación de materiales electrónicos',
      method:
        'Carrel no lo registra: los libros electrónicos y otros materiales electrónicos se prestan en las plataformas de los proveedores; tome la cifra de sus informes.',
    },
    KIDCIRCL: {
      label: 'Circulación infantil',
      method:
        'Préstamos más renovaciones de usuarios en las categorías infantiles ({{categories}}, fijadas en statistics.childCategories). La encuesta cuenta los materiales infantiles sin importar quién los lleve; Carrel cuenta por la categoría de quien los lleva, porque un ejemplar no registra su público.',
      methodNone:
        'Ninguna categoría de usuario está marcada como infantil (statistics.childCategories), así que no se contó nada.',
    },
    LOANTO: {
      label: 'Préstamos interbibliotecarios dados a otras bibliotecas',
      method:
        'Carrel no lo registra: los materiales prestados a otras bibliotecas se gestionan en el sistema de préstamo compartido; tome la cifra de él.',
    },
    LOANFM: {
      label: 'Préstamos interbibliotecarios recibidos de otras bibliotecas',
      method:
        'Solicitudes de préstamo interbibliotecario que hicieron los usuarios en el período, contadas al hacerse, por la sucursal del usuario. Una solicitud que nunca se atendió también cuenta; compárelo con el sistema de préstamo compartido.',
    },
    REFERENC: {
      label: 'Consultas de referencia',
      method:
        'Preguntas enviadas a la biblioteca por Carrel (el formulario «Pregunte a un bibliotecario» y los mensajes de la cuenta), contadas al llegar. Carrel no cuenta las preguntas hechas en un mostrador o por teléfono: sume el recuento del mostrador.',
    },
    PITUSR: {
      label: 'Usos (sesiones) de las computadoras públicas con internet',
      method:
        'Sesiones en las computadoras públicas que gestiona Carrel, sin importar su duración (con tarjeta o con pase de invitado), cada una contada el día en que empezó, una vez terminada.',
    },
    WIFISESS: {
      label: 'Sesiones de wifi',
      method: 'Carrel no lo registra: tómelo de los equipos de red de la biblioteca.',
    },
    WEBVISIT: {
      label: 'Visitas al sitio web',
      method:
        'Visitas contadas por las estadísticas del sitio web de Carrel en todos los sitios que cuenta: una serie de páginas vistas desde un navegador con pausas de menos de 30 minutos. No se cuentan los robots ni los navegadores que piden no ser rastreados (Global Privacy Control, Do Not Track). Los días del sitio web son días UTC.',
      methodOff:
        'No contado: las estadísticas del sitio web están desactivadas (statistics.enabled), así que Carrel no tiene visitas que informar.',
    },
  },
  errors: {
    heading: 'No se puede informar sobre ese período',
  },
}
