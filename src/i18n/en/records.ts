/**
 * Public records: the suggestion form, the records-request form, the library's answer to a
 * suggestion, and the letters and exports a records request produces.
 */
export const records = {
  titles: {
    suggestions: 'Suggestions and comments',
    suggestionSent: 'Suggestion sent',
    requests: 'Request public records',
    requestSent: 'Records request received',
  },
  /** Labels of fields, shared by both forms. */
  fields: {
    name: 'Your name (optional)',
    email: 'Email address (optional)',
    phone: 'Phone number (optional)',
    address: 'Postal address (optional)',
  },
  /** What is wrong with a field, by field name. */
  problems: {
    heading: 'Please check the form',
    message: 'Write your message (up to {{max}} characters).',
    description: 'Describe the records you want (up to {{max}} characters).',
    name: 'A name can be up to 120 characters.',
    email: 'That does not look like an email address, such as name@example.org.',
    phone: 'Give a phone number with digits, spaces, dashes or parentheses only.',
    address: 'Give a postal address of 5 to 300 characters.',
    contact: 'Give an email address or a postal address, so the library can send you its response.',
    format: 'Choose how you want the records.',
  },
  suggestions: {
    nav: 'Suggestions',
    heading: 'Send a suggestion or comment',
    intro:
      'Tell us what you think of the library: an idea, a complaint, a book we should buy, a change to our hours. We read every message.',
    publicHeading: 'What you send may become a public record',
    publicBody:
      'Suggestions and comments about the library are public records under the Illinois Freedom of Information Act and the Local Records Act. Anyone may ask to see them.',
    redactions:
      'If we release your message, we first remove your name, your email address, your phone number and any address, wherever they appear, and we say where and why we did.',
    notAccount:
      'Questions about your own account, your loans or what you read are confidential and do not belong here. Sign in to your account, or ask a librarian:',
    account: 'your account',
    ask: 'Ask a librarian',
    message: 'Your suggestion or comment',
    messageHint: 'Up to {{max}} characters.',
    contactHeading: 'If you would like an answer',
    contactHint:
      'Leave a name and an email address or phone number. They are stored encrypted and are never released.',
    submit: 'Send',
    sentHeading: 'Thank you',
    sentBody: 'Your suggestion has reached the library.',
    sentAnswer:
      'If you left an email address or a phone number, a librarian will get back to you. If not, we will still read it.',
    another: 'Send another suggestion',
  },
  requests: {
    nav: 'Request public records',
    heading: 'Request public records (FOIA)',
    intro:
      'Under the Illinois Freedom of Information Act you may ask for the library’s public records: budgets, minutes, contracts, policies, suggestions from the public and other records of its business.',
    clock:
      'The library answers within five business days after the day your request arrives. Weekends and the days the library is closed do not count. For a reason the law allows, it may take five business days more once; if so, we tell you in writing before the first five are up.',
    confidentialHeading: 'Patron records are not released here',
    confidentialBody:
      'Records that show who holds a library card, or what anyone borrowed, asked for or read, are confidential under the Library Records Confidentiality Act (75 ILCS 70/1) and exempt from the Freedom of Information Act (5 ILCS 140/7.5(b)). This form does not release them. To see your own records, sign in to your account.',
    transparency: 'How many requests the library receives and answers',
    name: 'Your name (optional)',
    nameHint: 'You do not have to give your name to request public records.',
    contactHeading: 'Where to send the response',
    contactHint:
      'Give an email address or a postal address, or both. They are stored encrypted and are never released with the records.',
    description: 'Which records do you want?',
    descriptionHint:
      'Describe them as closely as you can: subject, dates, kind of record. Up to {{max}} characters.',
    format: 'How would you like them?',
    formats: {
      electronic: 'Electronic copies, by email',
      paper: 'Paper copies, by mail',
      inspect: 'I will look at them at the library',
    },
    submit: 'Send the request',
    sentHeading: 'Your request has arrived',
    sentBody: 'The library received your request today.',
    sentDue: 'The library will answer by {{date}}, five business days from today.',
    sentNext:
      'If it needs more time for a reason the law allows, it will tell you in writing before that date.',
  },
  answerMail: {
    subject: 'An answer to your suggestion to {{library}}',
    hello: 'Hello,',
    helloName: 'Hello {{name}},',
    youWrote: 'You wrote:',
    publicRecord:
      'Your suggestion and this answer are public records. If we are ever asked to release them, your name and contact details are removed first.',
  },
  statuses: {
    received: 'Received',
    extended: 'Extended',
    fulfilled: 'Fulfilled',
    partially_denied: 'Partly denied',
    denied: 'Denied',
    withdrawn: 'Withdrawn',
  },
  exemptions: {
    'patron-records':
      'Records that identify library users or what they borrowed or used are confidential under the Library Records Confidentiality Act, and the Freedom of Information Act exempts them.',
    'private-information':
      'Private information (personal email addresses, home and personal phone numbers, home addresses) is exempt from release.',
    'personal-privacy':
      'Releasing the names and personal details of private individuals would be a clearly unwarranted invasion of their personal privacy.',
    'prohibited-by-law': 'Another law specifically forbids releasing these records.',
  },
  extensionReasons: {
    elsewhere:
      'The records are stored, in whole or in part, at another place than the library’s office.',
    'many-records': 'The request calls for a large number of records to be gathered.',
    'wide-search': 'The request calls for an extensive search of the records.',
    'not-found-yet':
      'The records were not found in an ordinary search and more searching is under way.',
    'exemption-review':
      'The records must be read by someone able to decide whether any part is exempt.',
    burden: 'Answering in five business days would unduly burden the library’s work.',
    consult:
      'The library must consult another public body with a substantial interest in the records.',
  },
  export: {
    redacted: '[redacted: {{citation}}]',
  },
  extensionLetter: {
    title: 'More time to answer records request {{reference}}',
    body: 'Your request, received on {{received}}, was to be answered by {{due}}. As 5 ILCS 140/3(e) allows once, the library is taking five more business days and will answer by {{extended}}.',
    reason: 'The reason:',
  },
  letter: {
    title: 'Response to records request {{reference}}',
    to: 'To',
    requester: 'The requester',
    date: 'Date',
    reference: 'Reference',
    received: 'Your request, received on {{date}}, asked for:',
    deniedAll:
      'The library has decided to deny your request. No records are released, for the reasons below.',
    deniedPart:
      'The library has decided to grant your request in part. The records it can release are enclosed or will be sent as you asked; the records or parts of records listed below are withheld.',
    withheldHeading: 'What is withheld',
    redactionsHeading: 'What was removed from the records released',
    redactions:
      'Names, email addresses, phone numbers and postal addresses of private individuals were removed from the records released. Each removal is marked with the law that allows it.',
    reasonsHeading: 'Why',
    exemptionLine: '{{citation}}: {{explanation}}',
    basisHeading: 'The facts behind this decision',
    responsible: 'This decision was made by {{name}}, {{title}}.',
    officerTitle: 'Freedom of Information officer',
    reviewHeading: 'Your right to have this decision reviewed',
    review:
      'You may ask the Public Access Counselor of the Office of the Illinois Attorney General to review this denial (5 ILCS 140/9.5), within 60 days of the date of this letter. You may also seek review of this denial in the circuit court (5 ILCS 140/11). This notice is given under 5 ILCS 140/9(a).',
    print: 'Print this letter',
  },
}
