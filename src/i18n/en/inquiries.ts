/**
 * Ask a librarian (public and account), the account's change-of-address and purchase or
 * interlibrary-loan forms, and the reply by email. Staff pages are in English in their views.
 */
export const inquiries = {
  nav: 'Ask a librarian',
  accountNav: 'Ask or request',
  titles: {
    ask: 'Ask a librarian',
    sent: 'Your question was sent',
    account: 'Ask or request',
    address: 'Change of address',
    requests: 'Suggest a purchase or borrow from another library',
  },
  ask: {
    heading: 'Ask a librarian',
    intro:
      'Looking for a book, a fact, or help with research? Send us your question and a librarian will answer.',
    question: 'Your question',
    questionHint: 'Up to {{count}} characters.',
    name: 'Your name (optional)',
    nameHint: 'Only so we can greet you. You can leave it empty.',
    replyBy: 'How should we answer?',
    replyEmail: 'By email',
    replyDesk: 'I will ask at the desk or by phone',
    email: 'Your email address',
    emailHint: 'Needed only if you want the answer by email.',
    submit: 'Send my question',
    privacyHeading: 'Your question is private',
    private:
      'What you ask is treated like your borrowing records: it is stored encrypted, only library staff who answer questions can read it, and every time they open it is recorded.',
    kept_one:
      'Once it is answered or closed, your question, our answer and your contact details are erased after {{count}} day.',
    kept_other:
      'Once it is answered or closed, your question, our answer and your contact details are erased after {{count}} days.',
    cardHolders: 'Have a library card? Ask from your account instead.',
  },
  problems: {
    question: 'Write your question (up to {{count}} characters).',
    email: 'Give an email address such as name@example.com, or choose to ask at the desk.',
    name: 'The name is too long.',
    summary: 'Some details need correcting:',
  },
  sent: {
    heading: 'Thank you: your question was sent',
    email: 'A librarian will answer by email, usually within two working days.',
    desk: 'Ask at any desk or phone the library; staff will find your question.',
    kept_one:
      'Once it is answered or closed it is erased, with your contact details, after {{count}} day.',
    kept_other:
      'Once it is answered or closed it is erased, with your contact details, after {{count}} days.',
    again: 'Ask another question',
  },
  account: {
    heading: 'Ask or request',
    intro:
      'Ask a librarian a question, tell us your new address, or suggest something for the library to buy or borrow for you.',
    askHeading: 'Ask a librarian',
    replyEmail: 'By email, to the address on my registration',
    sentFlash: 'Your question was sent. A librarian will answer soon.',
    addressLink: 'Tell us your new address',
    requestsLink: 'Suggest a purchase or borrow from another library',
    yoursHeading: 'What you have sent',
    none: 'You have not sent anything yet.',
    question: 'Question',
    address: 'New address',
    status: 'Status',
    sentOn: 'Sent',
    reply: 'Our answer',
    statuses: { open: 'Waiting for the library', answered: 'Answered', closed: 'Closed' },
  },
  address: {
    heading: 'Change of address',
    intro:
      'Tell us where you live now. Staff check the new address (you may be asked for proof, as when you got your card) and then change your registration.',
    current: 'The address on your registration',
    line1: 'Street address',
    line2: 'Apartment, suite or unit (optional)',
    city: 'City',
    region: 'State (optional)',
    postcode: 'ZIP code',
    submit: 'Send my new address',
    sentFlash:
      'Your new address was sent. Staff will change your registration once they have checked it.',
    kept: 'Once staff have applied it, the request itself is erased.',
  },
  requests: {
    heading: 'Suggest a purchase or borrow from another library',
    intro:
      'Ask us to buy a title, or to borrow it for you from another library. What you ask for is as private as what you borrow.',
    kind: 'What would you like?',
    purchase: 'Suggest the library buys it',
    interlibraryLoan: 'Borrow it from another library for me',
    title: 'Title',
    author: 'Author (optional)',
    note: 'Anything else we should know (optional)',
    submit: 'Send my request',
    sentFlash: 'Your request was sent.',
    yoursHeading: 'Your requests',
    none: 'You have no requests.',
    kindColumn: 'Kind',
    titleColumn: 'Title',
  },
  mail: {
    subject: 'An answer to your question to {{library}}',
    greeting: 'Hello, here is the answer to the question you sent us:',
    yourQuestion: 'You asked:',
    private:
      'Your question and this answer are kept private by {{library}} and erased on schedule. Please do not reply to this message; ask a new question on our website instead.',
  },
}
