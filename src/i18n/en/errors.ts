import { accountCodes } from './codes-account.js'
import { publicCodes } from './codes-public.js'

/** The pages shown when something fails, and the reasons a patron may be given. */
export const errors = {
  heading: {
    '400': 'Something in the request was not right',
    '403': 'Not allowed',
    '404': 'Page not found',
    '409': 'That could not be done',
    '413': 'That was too much to send',
    '415': 'That kind of form is not accepted',
    '422': 'That could not be done',
    '423': 'Locked for now',
    '429': 'Too many attempts',
    '500': 'Something went wrong',
    other: 'That did not work',
  },
  notFound: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  formExpired:
    'This form has expired or did not come from this page. Go back, reload the page and try again.',
  homeLink: 'Go to the home page',
  startAgain: 'Start again',
  /** Used when a refusal has no sentence of its own in this catalog. */
  generic: 'That could not be done. Please ask at the desk if it keeps happening.',
  serverError: 'Something went wrong on our side. Please try again in a moment.',
  /** A refusal's sentence by its stable code (see src/errors.ts). */
  codes: { ...publicCodes, ...accountCodes },
}
