/**
 * The library's policy, version by version (P12): the current version, the list of versions and
 * each version with what changed. Staff pages are in English and keep their words in the views.
 */
export const policy = {
  footer: 'Privacy policy',
  titles: {
    current: 'Privacy policy',
    versions: 'Versions of the privacy policy',
    version: 'Privacy policy, version {{number}}',
  },
  current: {
    heading: 'Our privacy policy',
    version:
      'Version {{number}}, adopted {{adopted}}, in effect since {{effective}}. Next review: {{review}}.',
    none: 'The library has not yet published its privacy policy here. Until it does, the list below says what this system keeps about you, why and for how long.',
    coming: 'A new version, number {{number}}, takes effect on {{date}}.',
    comingLink: 'Read version {{number}}',
    versionsLink: 'Every version, and what changed each time',
    noticeLink: 'The privacy notice in short',
    generatedHeading: 'What the system keeps, generated from its own records',
    generatedIntro:
      'This part is not written by hand: it is produced from the list of every piece of information the system stores, so it always matches what the software really does.',
  },
  englishOnly: 'There is no Spanish text of this version yet, so the English text is shown.',
  versions: {
    heading: 'Versions of the privacy policy',
    intro:
      'Every version the library has published, newest first. Each one is kept as it was published and shows what changed from the one before.',
    none: 'No version has been published yet.',
    caption: 'Published versions',
    number: 'Version',
    adopted: 'Adopted',
    effective: 'In effect from',
    status: 'Status',
    changes: 'What changed',
    current: 'In effect now',
    coming: 'Coming',
    replaced: 'Replaced',
    material: 'Material change: patrons who asked were told.',
    link: 'Version {{number}}',
  },
  version: {
    heading: 'Privacy policy, version {{number}}',
    dates:
      'Adopted {{adopted}}. In effect from {{effective}}. Published {{published}}. Next review: {{review}}.',
    coming: 'This version is published but does not take effect until {{date}}.',
    replaced: 'A later version has replaced this one.',
    current: 'This is the version in effect now.',
    changesHeading: 'What changed',
    material:
      'The library marked this change as material and emailed the patrons who asked to hear about changes to the policy.',
    diffHeading: 'Differences from version {{number}}',
    diffIntro:
      'Words added since version {{number}} are underlined and announced as added; words taken out are struck through and announced as removed.',
    added: 'added:',
    removed: 'removed:',
    endChange: 'end of change',
    noChanges: 'The text is the same as version {{number}}.',
    first: 'This is the first published version, so there is nothing earlier to compare it with.',
    textHeading: 'The text of version {{number}}',
    allVersions: 'All versions',
    currentLink: 'The policy in effect now',
  },
  notFound: 'There is no version of the privacy policy with that number.',
}
