import type { websiteBrowsing as enBrowsing, websiteKeep as en } from '../en/notice-website.js'

/** Por qué se guarda cada columna de las estadísticas del sitio web que el aviso muestra. */
export const websitePurpose: Record<string, Record<string, string>> = {
  page_views: {
    id: 'Identifica la fila (al azar, así no dice nada del orden ni de la hora).',
    site: 'A qué sitio web pertenece la página (la biblioteca puede contar más de uno).',
    day: 'El día de la visita a la página, para contar por días y borrar a tiempo las antiguas.',
    viewed_at: 'La hora de la visita a la página, al segundo.',
    address:
      'La dirección de red desde la que se pidió la página, sin su última parte (IPv4 /24, IPv6 /48), para distinguir zonas aproximadas y usos abusivos.',
    path: 'Qué página se vio, sin la parte de búsqueda ni lo que va después de #.',
    referrer_host: 'El otro sitio web cuyo enlace llevó a la página, solo por su nombre.',
  },
  daily_totals: {
    day: 'El día contado.',
    site: 'El sitio web contado.',
    views: 'Cuántas páginas se vieron.',
    visits: 'Cuántas visitas hubo (páginas vistas con menos de 30 minutos entre una y otra).',
    visitors: 'Cuántos navegadores distintos visitaron el sitio ese día.',
  },
  daily_pages: {
    day: 'El día contado.',
    site: 'El sitio web contado.',
    path: 'La página contada.',
    views: 'Cuántas veces se vio la página.',
    visits: 'Cuántas visitas pasaron por la página.',
    entries: 'Cuántas visitas empezaron en la página.',
    exits: 'Cuántas visitas terminaron en la página.',
  },
  daily_referrers: {
    day: 'El día contado.',
    site: 'El sitio web contado.',
    host: 'El otro sitio web cuyo enlace inició las visitas.',
    visits: 'Cuántas visitas empezaron desde él.',
  },
  daily_transitions: {
    day: 'El día contado.',
    site: 'El sitio web contado.',
    from_path: 'La página en que estaba el visitante.',
    to_path: 'La página a la que fue después.',
    count: 'Cuántas veces se pasó de una a otra.',
  },
}

export const websiteCategory: Record<string, string> = {
  website_page_view: 'Visita a una página del sitio web',
  website_statistics: 'Estadísticas del sitio web',
}

export const websiteKeep: Record<keyof typeof en, string> = {
  'website-views': '{{period}}; después se borra. Solo quedan los totales diarios de abajo.',
  'website-statistics':
    'Se guardan como estadísticas de la biblioteca. No contienen ninguna dirección ni nada que distinga a un visitante de otro.',
}

export const websiteBrowsing: Record<keyof typeof enBrowsing, string> = {
  heading: 'Al navegar por este sitio',
  text: 'Mientras navega no se guarda ninguna cookie ni nada en su navegador. Al entrar en su cuenta se guarda una sola cookie para mantener la sesión abierta; se termina cuando usted sale de la cuenta o cierra el navegador.',
  statistics:
    'Para saber cómo se usa el sitio web, anotamos cada página que usted ve: la página (su dirección sin la parte que sigue a «?», donde se escriben las búsquedas), la hora, el otro sitio web cuyo enlace lo trajo aquí (solo su nombre) y su dirección de red sin su última parte, de modo que señala un vecindario de conexiones y no su aparato. Estas anotaciones se guardan en una base de datos propia, aparte de las cuentas de la biblioteca, y se borran a los {{days}} días; después solo quedan totales por día. Para seguir su paso de una página a otra usamos un código que solo existe en la memoria del servidor y se cambia cada día; nunca se escribe en ningún sitio.',
  keptQuery: 'De la parte que sigue a «?», solo se guardan estos elementos: {{names}}.',
  optOut:
    'Si su navegador envía Global Privacy Control o Do Not Track, no se anota absolutamente nada.',
  optOutGpc:
    'Si su navegador envía Global Privacy Control, no se anota absolutamente nada. Esta biblioteca sí cuenta las visitas de los navegadores que envían solo Do Not Track.',
  optOutDnt:
    'Si su navegador envía Do Not Track, no se anota absolutamente nada. Esta biblioteca sí cuenta las visitas de los navegadores que envían solo Global Privacy Control.',
  optOutNone:
    'Esta biblioteca cuenta las visitas incluso de los navegadores que envían Global Privacy Control o Do Not Track.',
  neverCounted: 'Las páginas del personal y las de su cuenta nunca se cuentan.',
}
