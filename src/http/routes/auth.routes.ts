import type { AppContext } from '../../context.js'
import { signInStaff } from '../../staff/staff.service.js'
import { originOf } from '../origin.js'
import { problemResponses } from '../schemas/common.js'
import { LoginBody, StaffSessionSchema } from '../schemas/staff.schemas.js'
import type { Api } from '../types.js'

export function authRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a staff username and password',
        description:
          'An unknown username and a wrong password get the same 401 INVALID_CREDENTIALS. Wrong passwords are counted per client address across every Carrel process (429 RATE_LIMITED with Retry-After once an address has sent too many) and per account (423 ACCOUNT_LOCKED; an administrator can unlock it with POST /staff/{id}/unlock).',
        security: [],
        body: LoginBody,
        response: { 200: StaffSessionSchema, ...problemResponses },
      },
    },
    async (request) => {
      // The session version belongs to desk cookies; an API token is revoked by its own stamp.
      const { token, expiresAt, staff } = await signInStaff(
        ctx,
        request.body.username,
        request.body.password,
        { origin: originOf(request) },
      )
      return { token, expiresAt, staff }
    },
  )
}
