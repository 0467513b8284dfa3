/**
 * The exemptions a records request may be refused under, each with the citation a letter or a
 * redaction marker names. Their explanations for requesters are in the catalog
 * (`records.exemptions.*`), in every language.
 */
export const EXEMPTIONS = {
  /** Registration and circulation records: confidential by the Library Records Confidentiality Act. */
  'patron-records': '75 ILCS 70/1, through 5 ILCS 140/7.5(b)',
  /** Personal email addresses, home and personal phone numbers, home addresses. */
  'private-information': '5 ILCS 140/7(1)(b)',
  /** Names and other personal details whose release would be a clearly unwarranted invasion of privacy. */
  'personal-privacy': '5 ILCS 140/7(1)(c)',
  /** Records another law forbids releasing. */
  'prohibited-by-law': '5 ILCS 140/7(1)(a)',
} as const

export type ExemptionCode = keyof typeof EXEMPTIONS

export const EXEMPTION_CODES = Object.keys(EXEMPTIONS) as ExemptionCode[]

export const isExemption = (v: unknown): v is ExemptionCode =>
  typeof v === 'string' && Object.hasOwn(EXEMPTIONS, v)

/** The reasons 5 ILCS 140/3(e) allows for taking five more business days, once. */
export const EXTENSION_REASONS = [
  'elsewhere',
  'many-records',
  'wide-search',
  'not-found-yet',
  'exemption-review',
  'burden',
  'consult',
] as const

export type ExtensionReason = (typeof EXTENSION_REASONS)[number]

export const isExtensionReason = (v: unknown): v is ExtensionReason =>
  (EXTENSION_REASONS as readonly unknown[]).includes(v)
