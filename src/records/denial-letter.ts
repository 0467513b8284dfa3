import { formatsFor, translator } from '../i18n/i18n.js'
import { EXEMPTIONS, type ExemptionCode, type ExtensionReason } from './exemptions.js'

export interface LetterInput {
  language: 'en' | 'es'
  timeZone: string
  reference: string
  receivedOn: string
  decidedOn: string
  status: 'denied' | 'partially_denied'
  description: string
  requester: { name?: string | undefined; address?: string | undefined; email?: string | undefined }
  withheld: { label: string; exemption: ExemptionCode }[]
  cited: ExemptionCode[]
  basis: string
  redactionsMade: boolean
  officer: string
}

export interface LetterPart {
  heading?: string
  lines: string[]
}

/**
 * A denial or partial denial of a records request, in the requester's language: what was asked,
 * what is withheld and under which exemption, the facts, who decided, and the right to review by
 * the Public Access Counselor or a court (5 ILCS 140/9(a)). The same parts make the printable
 * page and the text for email.
 */
export function denialLetter(p: LetterInput): { title: string; parts: LetterPart[] } {
  const t = translator(p.language)
  const fmt = formatsFor(p.language, p.timeZone)
  const to = [
    p.requester.name ?? t('records.letter.requester'),
    p.requester.address ?? p.requester.email ?? '',
  ].filter((l) => l !== '')
  const parts: LetterPart[] = [
    {
      lines: [
        `${t('records.letter.date')}: ${fmt.date(p.decidedOn)}`,
        `${t('records.letter.reference')}: ${p.reference}`,
        `${t('records.letter.to')}: ${to.join(', ')}`,
      ],
    },
    { lines: [t('records.letter.received', { date: fmt.date(p.receivedOn) }), p.description] },
    {
      lines: [
        p.status === 'denied' ? t('records.letter.deniedAll') : t('records.letter.deniedPart'),
      ],
    },
    {
      heading: t('records.letter.withheldHeading'),
      lines: p.withheld.map((w) => `${w.label} (${EXEMPTIONS[w.exemption]})`),
    },
    ...(p.redactionsMade
      ? [
          {
            heading: t('records.letter.redactionsHeading'),
            lines: [t('records.letter.redactions')],
          },
        ]
      : []),
    {
      heading: t('records.letter.reasonsHeading'),
      lines: p.cited.map((c) =>
        t('records.letter.exemptionLine', {
          citation: EXEMPTIONS[c],
          explanation: t(`records.exemptions.${c}`),
          interpolation: { escapeValue: false },
        }),
      ),
    },
    { heading: t('records.letter.basisHeading'), lines: [p.basis] },
    {
      lines: [
        t('records.letter.responsible', {
          name: p.officer,
          title: t('records.letter.officerTitle'),
          interpolation: { escapeValue: false },
        }),
      ],
    },
    { heading: t('records.letter.reviewHeading'), lines: [t('records.letter.review')] },
  ]
  return { title: t('records.letter.title', { reference: p.reference }), parts }
}

/** The letter as plain text, for an email. */
export function letterText(letter: { title: string; parts: LetterPart[] }): string {
  return [
    letter.title,
    '',
    ...letter.parts.flatMap((part) => [
      ...(part.heading === undefined ? [] : [part.heading]),
      ...part.lines,
      '',
    ]),
  ].join('\n')
}

/** The written notice of the one extension (5 ILCS 140/3(e)), in the requester's language. */
export function extensionLetter(p: {
  language: 'en' | 'es'
  timeZone: string
  reference: string
  receivedOn: string
  dueOn: string
  extendedDueOn: string
  notifiedOn: string
  reason: ExtensionReason
  requester: LetterInput['requester']
}): { title: string; parts: LetterPart[] } {
  const t = translator(p.language)
  const fmt = formatsFor(p.language, p.timeZone)
  const to = [
    p.requester.name ?? t('records.letter.requester'),
    p.requester.address ?? p.requester.email ?? '',
  ].filter((l) => l !== '')
  return {
    title: t('records.extensionLetter.title', { reference: p.reference }),
    parts: [
      {
        lines: [
          `${t('records.letter.date')}: ${fmt.date(p.notifiedOn)}`,
          `${t('records.letter.reference')}: ${p.reference}`,
          `${t('records.letter.to')}: ${to.join(', ')}`,
        ],
      },
      {
        lines: [
          t('records.extensionLetter.body', {
            received: fmt.date(p.receivedOn),
            due: fmt.date(p.dueOn),
            extended: fmt.date(p.extendedDueOn),
          }),
        ],
      },
      {
        lines: [
          `${t('records.extensionLetter.reason')} ${t(`records.extensionReasons.${p.reason}`)}`,
        ],
      },
    ],
  }
}
