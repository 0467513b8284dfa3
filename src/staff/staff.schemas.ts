import { Type, type Static } from '@sinclair/typebox'
import { STAFF_ROLES } from './staff.tables.js'

export const MIN_PASSWORD_LENGTH = 12

export const StaffRoleSchema = Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)))
const Password = Type.String({ minLength: 1, maxLength: 200 })
const DisplayName = Type.String({ minLength: 1, maxLength: 100 })

export const NewStaffSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    displayName: DisplayName,
    password: Password,
    role: StaffRoleSchema,
  },
  { additionalProperties: false },
)
export type NewStaff = Static<typeof NewStaffSchema>

export const StaffChangesSchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(StaffRoleSchema),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type StaffChanges = Static<typeof StaffChangesSchema>
