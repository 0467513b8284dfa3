import type { Catalog, Translation } from '../catalog.js'

/** La política de la biblioteca, versión por versión (P12). */
export const policy: Translation<Catalog['policy']> = {
  footer: 'Política de privacidad',
  titles: {
    current: 'Política de privacidad',
    versions: 'Versiones de la política de privacidad',
    version: 'Política de privacidad, versión {{number}}',
  },
  current: {
    heading: 'Nuestra política de privacidad',
    version:
      'Versión {{number}}, adoptada el {{adopted}}, vigente desde el {{effective}}. Próxima revisión: {{review}}.',
    none: 'La biblioteca todavía no ha publicado aquí su política de privacidad. Mientras tanto, la lista de abajo dice qué guarda este sistema sobre usted, para qué y por cuánto tiempo.',
    coming: 'Una nueva versión, la número {{number}}, entra en vigor el {{date}}.',
    comingLink: 'Leer la versión {{number}}',
    versionsLink: 'Todas las versiones y qué cambió cada vez',
    noticeLink: 'El aviso de privacidad en breve',
    generatedHeading: 'Lo que guarda el sistema, generado a partir de sus propios registros',
    generatedIntro:
      'Esta parte no está escrita a mano: sale de la lista de todos los datos que guarda el sistema, así que siempre coincide con lo que el programa hace de verdad.',
  },
  englishOnly:
    'Esta versión todavía no tiene texto en español, así que se muestra el texto en inglés.',
  versions: {
    heading: 'Versiones de la política de privacidad',
    intro:
      'Todas las versiones que la biblioteca ha publicado, de la más reciente a la más antigua. Cada una se conserva tal como se publicó y muestra qué cambió respecto de la anterior.',
    none: 'Todavía no se ha publicado ninguna versión.',
    caption: 'Versiones publicadas',
    number: 'Versión',
    adopted: 'Adoptada',
    effective: 'Vigente desde',
    status: 'Estado',
    changes: 'Qué cambió',
    current: 'Vigente',
    coming: 'Próxima',
    replaced: 'Reemplazada',
    material: 'Cambio importante: se avisó a los usuarios que lo pidieron.',
    link: 'Versión {{number}}',
  },
  version: {
    heading: 'Política de privacidad, versión {{number}}',
    dates:
      'Adoptada el {{adopted}}. Vigente desde el {{effective}}. Publicada el {{published}}. Próxima revisión: {{review}}.',
    coming: 'Esta versión está publicada, pero no entra en vigor hasta el {{date}}.',
    replaced: 'Una versión posterior reemplazó a esta.',
    current: 'Esta es la versión vigente.',
    changesHeading: 'Qué cambió',
    material:
      'La biblioteca marcó este cambio como importante y avisó por correo electrónico a los usuarios que pidieron enterarse de los cambios en la política.',
    diffHeading: 'Diferencias con la versión {{number}}',
    diffIntro:
      'Las palabras añadidas desde la versión {{number}} aparecen subrayadas y se anuncian como añadidas; las quitadas aparecen tachadas y se anuncian como quitadas.',
    added: 'añadido:',
    removed: 'quitado:',
    endChange: 'fin del cambio',
    noChanges: 'El texto es igual al de la versión {{number}}.',
    first:
      'Esta es la primera versión publicada, así que no hay otra anterior con la que compararla.',
    textHeading: 'El texto de la versión {{number}}',
    allVersions: 'Todas las versiones',
    currentLink: 'La política vigente',
  },
  notFound: 'No hay ninguna versión de la política de privacidad con ese número.',
}
