import { Type } from '@sinclair/typebox'
import { StaffRoleSchema } from '../../staff/staff.schemas.js'
import { Timestamp } from './common.js'

export const StaffViewSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: StaffRoleSchema,
    active: Type.Boolean(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
)

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
)

export const StaffSessionSchema = Type.Object(
  {
    token: Type.String({ description: 'Send as `Authorization: Bearer <token>`.' }),
    expiresAt: Timestamp,
    staff: StaffViewSchema,
  },
  { additionalProperties: false },
)

export {
  NewStaffSchema as NewStaffBody,
  StaffChangesSchema as StaffChangesBody,
} from '../../staff/staff.schemas.js'
