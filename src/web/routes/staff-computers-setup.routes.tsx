import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  issueDeviceToken,
  listComputers,
  listGroups,
  listRules,
  saveComputer,
  saveGroup,
  saveRule,
} from '../../computers/computer-registry.service.js'
import { computerSetupStates } from '../../computers/computer-setup.service.js'
import type { AppContext } from '../../context.js'
import { AppError, notFound } from '../../errors.js'
import { problemFor } from '../../http/error-handler.js'
import { requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { formats } from '../format.js'
import { bodyOf, fieldErrors, formProblem } from '../forms.js'
import { libraryNames } from '../library-names.js'
import { staffI18n } from '../locale.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import { ComputerRulesPage } from '../views/staff/computer-rules.js'
import {
  ComputerSetupPage,
  CredentialConfirmPage,
  CredentialShownPage,
  type SetupComputer,
} from '../views/staff/computers-setup.js'

type WithId = { Params: { id: string } }

const SETUP = '/staff/computers/setup'
const RULES = '/staff/computers/rules'

/**
 * Setting the computers up (`computers.manage`): groups, computers, each computer's device
 * credential (shown once; re-issuing revokes the old one, so it asks first) and the time rules.
 */
export function staffComputerSetupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const { t } = staffI18n(ctx.config.library.timezone)

  const setupComputers = async (request: FastifyRequest): Promise<SetupComputer[]> => {
    const actor = signedInActor(request)
    const [computers, states] = await Promise.all([
      listComputers(ctx, actor),
      computerSetupStates(ctx, actor),
    ])
    return computers.map((c) => ({
      ...c,
      groupId: states.get(c.id)?.groupId ?? '',
      tokenIssuedOn: states.get(c.id)?.tokenIssuedOn ?? null,
    }))
  }

  const computerOf = async (request: FastifyRequest<WithId>): Promise<SetupComputer> => {
    const found = (await setupComputers(request)).find((c) => c.id === request.params.id)
    if (found === undefined) throw notFound('COMPUTER_NOT_FOUND', 'There is no such computer.')
    return found
  }

  app.get(SETUP, async (request, reply) => {
    requirePermission(signedInActor(request), 'computers.manage')
    const [computers, groups, names] = await Promise.all([
      setupComputers(request),
      listGroups(ctx.db),
      libraryNames(ctx),
    ])
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.setup'))
    return sendPage(
      reply,
      <ComputerSetupPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        groups={groups}
        computers={computers}
        branches={names.branchOptions}
        branchName={(code) => names.branch(code)}
        fmt={fmt}
      />,
    )
  })

  app.post('/staff/computers/groups', async (request, reply) =>
    act(request, reply, SETUP, async () => {
      const form = bodyOf(request)
      const name = form.text('name') ?? ''
      await saveGroup(ctx, signedInActor(request), {
        branch: form.text('branch') ?? '',
        code: form.text('code') ?? '',
        name,
      })
      return t('staffComputers.setup.groupSaved', { name })
    }),
  )

  app.post('/staff/computers/new', async (request, reply) =>
    act(request, reply, SETUP, async () => {
      const form = bodyOf(request)
      const name = form.text('name') ?? ''
      await saveComputer(ctx, signedInActor(request), { groupId: form.text('groupId') ?? '', name })
      return t('staffComputers.setup.computerSaved', { name })
    }),
  )

  // Issuing asks first: re-issuing stops the computer's screen until it is set up again.
  app.get<WithId>('/staff/computers/:id/credential', async (request, reply) => {
    requirePermission(signedInActor(request), 'computers.manage')
    const computer = await computerOf(request)
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.credential'))
    return sendPage(
      reply,
      <CredentialConfirmPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} computer={computer} />,
    )
  })

  // The answer is the page itself, not a redirect: the credential is shown once and kept nowhere.
  app.post<WithId>('/staff/computers/:id/credential', async (request, reply) => {
    const computer = await computerOf(request)
    const { token } = await issueDeviceToken(ctx, signedInActor(request), computer.id)
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.credential'))
    return sendPage(
      reply,
      <CredentialShownPage chrome={chrome} name={computer.name} token={token} />,
    )
  })

  const rulesPage = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[0],
    refused?: AppError,
  ) => {
    const [rules, names] = await Promise.all([listRules(ctx.db), libraryNames(ctx)])
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.rules'))
    return sendPage(
      reply,
      <ComputerRulesPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        rules={rules.map((r) => ({
          groupCode: r.group_code,
          category: r.category,
          allowed: r.allowed === 1,
          dailyMinutes: r.daily_minutes,
          sessionMinutes: r.session_minutes,
          extensionMinutes: r.extension_minutes,
        }))}
        categoryName={(code) => names.category(code)}
        problem={refused === undefined ? undefined : formProblem(refused)}
        errors={fieldErrors(refused)}
      />,
      refused === undefined ? 200 : problemFor(refused).status,
    )
  }

  app.get(RULES, async (request, reply) => {
    requirePermission(signedInActor(request), 'computers.manage')
    return rulesPage(request, reply)
  })

  app.post(RULES, async (request, reply) => {
    const form = bodyOf(request)
    try {
      await saveRule(ctx, signedInActor(request), {
        groupCode: form.text('groupCode') ?? '',
        category: form.text('category') ?? '',
        allowed: form.checked('allowed'),
        dailyMinutes: form.integer('dailyMinutes') ?? -1,
        sessionMinutes: form.integer('sessionMinutes') ?? -1,
        extensionMinutes: form.integer('extensionMinutes') ?? 0,
      })
    } catch (err) {
      if (!(err instanceof AppError) || (err.kind !== 'validation' && err.kind !== 'conflict'))
        throw err
      return rulesPage(request, reply, err)
    }
    setFlash(request, { kind: 'ok', text: t('staffComputers.rules.saved') })
    return seeOther(reply, RULES)
  })
}
