import type { AppContext } from '../../context.js'
import { signInStaff } from '../../staff/staff.service.js'
import { LOGIN_RATE_LIMIT } from '../rate-limits.js'
import { problemResponses } from '../schemas/common.js'
import { LoginBody, StaffSessionSchema } from '../schemas/staff.schemas.js'
import type { Api } from '../types.js'

export function authRoutes(api: Api, ctx: AppContext): void {
  api.post(
    '/auth/login',
    {
      config: { rateLimit: LOGIN_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a staff username and password',
        description:
          'An unknown username and a wrong password get the same 401 INVALID_CREDENTIALS. Rate-limited per client address.',
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
      )
      return { token, expiresAt, staff }
    },
  )
}
