import type { Catalog, Translation } from '../catalog.js'

export const staffStatistics: Translation<Catalog['staffStatistics']> = {
  nav: 'Estadísticas',
  titles: {
    landing: 'Estadísticas',
    website: 'Estadísticas del sitio web',
  },
  landing: {
    intro:
      'Solo cifras: ninguno de estos informes puede identificar a un usuario ni a un visitante, y las cifras pequeñas se ocultan para que nadie pueda ser reconocido a partir de ellas.',
    website: 'Sitio web',
    websiteAbout:
      'Páginas vistas, visitas y visitantes a lo largo del tiempo, las páginas más visitadas, los sitios de procedencia, dónde empezaron y terminaron las visitas y cómo se pasa de una sección a otra.',
    library: 'Biblioteca',
    libraryAbout:
      'Préstamos, renovaciones, reservas, inscripciones, cargos, preguntas, solicitudes y uso de las computadoras públicas.',
    annual: 'Informe anual',
    annualAbout:
      'Las cifras que piden el informe anual del estado y la encuesta nacional de bibliotecas.',
  },
  form: {
    legend: 'Qué días contar',
    from: 'Desde',
    to: 'Hasta',
    dayHint: 'Una fecha en UTC, escrita AAAA-MM-DD.',
    grouping: 'Agrupar por',
    day: 'Día',
    week: 'Semana (desde el lunes)',
    month: 'Mes',
    site: 'Sitio',
    allSites: 'Todos los sitios',
    show: 'Mostrar',
    refused: 'No se pueden contar estos días:',
  },
  website: {
    intro:
      'Lo que contaron las páginas de la biblioteca entre el {{from}} y el {{to}} (UTC). Ninguna página vista puede relacionarse con una persona: las visitas y los visitantes solo se reconocieron en la memoria del servidor.',
    visitorsNote:
      'Un visitante se reconoce durante un solo día, así que los visitantes de una semana o de un mes son la suma de los visitantes de sus días.',
    hiddenNote:
      'Las cifras de 1 a {{max}} se muestran como «oculta». Cuando un total permitiría deducir una de ellas, se oculta también otra cifra, quizá mayor, para que una página que vieron muy pocas personas no las señale.',
    csvNote:
      'Una cifra escrita «oculta» está entre 1 y {{max}}, o es cualquier cifra que se ocultó porque un total permitiría deducir una cifra así.',
    none: 'No se contó nada en estos días.',
    csv: 'Descargar en CSV',
    totals: 'En total: {{views}} páginas vistas, {{visits}} visitas, {{visitors}} visitantes-día.',
  },
  sections: {
    overTime: 'Páginas vistas, visitas y visitantes',
    overTimeChart: 'Páginas vistas, visitas y visitantes por {{grouping}}, del {{from}} al {{to}}',
    pages: 'Páginas más visitadas',
    pagesChart: 'Visitas a las páginas más visitadas',
    referrers: 'Sitios de procedencia',
    referrersChart: 'Visitas que llegaron desde otros sitios',
    entries: 'Páginas donde empezaron las visitas',
    entriesChart: 'Visitas que empezaron en cada página',
    exits: 'Páginas donde terminaron las visitas',
    exitsChart: 'Visitas que terminaron en cada página',
    flows: 'Movimiento entre secciones',
    flowsNote:
      'Una sección es la primera parte de la dirección de una página (/catalog para /catalog/123; / es la página de inicio). Cada fila cuenta los pasos de una página de una sección a la página siguiente de la misma visita.',
  },
  columns: {
    period: 'Período',
    views: 'Páginas vistas',
    visits: 'Visitas',
    visitors: 'Visitantes',
    page: 'Página',
    referrer: 'Sitio',
    from: 'Sección de origen',
    to: 'Sección de destino',
    moves: 'Pasos',
    total: 'Total de las filas anteriores',
  },
  per: {
    day: 'día',
    week: 'semana',
    month: 'mes',
  },
  cells: {
    hidden: 'oculta',
    notShown: 'no se muestra',
  },
}
