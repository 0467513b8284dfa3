import { Type, type Static } from '@sinclair/typebox'
import { CodeSchema } from '../library/codes.js'

const Code = CodeSchema
const Id = Type.String({ minLength: 1, maxLength: 64 })

/** A group of computers at one branch sharing rules ("adult", "children", "catalog"). */
export const ComputerGroupSchema = Type.Object(
  {
    id: Type.Optional(Id),
    branch: Code,
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
)
export type ComputerGroupInput = Static<typeof ComputerGroupSchema>

/** A computer; its branch is its group's. */
export const ComputerSchema = Type.Object(
  {
    id: Type.Optional(Id),
    groupId: Id,
    name: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false },
)
export type ComputerInput = Static<typeof ComputerSchema>

const Minutes = (max: number) => Type.Integer({ minimum: 0, maximum: max })

/**
 * Time rule for a group code and patron category ('*' for any; 'guest' for guest passes). One
 * rule per pair: saving again replaces it.
 */
export const ComputerRuleSchema = Type.Object(
  {
    groupCode: Type.Union([Code, Type.Literal('*')]),
    category: Type.Union([Code, Type.Literal('*')]),
    allowed: Type.Boolean(),
    dailyMinutes: Minutes(1440),
    sessionMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    extensionMinutes: Minutes(240),
  },
  { additionalProperties: false },
)
export type ComputerRuleInput = Static<typeof ComputerRuleSchema>

export const MessageTextSchema = Type.String({ minLength: 1, maxLength: 500 })
