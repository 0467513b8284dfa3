import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  listComputers,
  listGroups,
  setInService,
} from '../../computers/computer-registry.service.js'
import {
  endSessionByStaff,
  extendSessionByStaff,
  sendMessage,
} from '../../computers/sessions.service.js'
import type { AppContext } from '../../context.js'
import { notFound, validation } from '../../errors.js'
import { can, requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { formats } from '../format.js'
import { bodyOf } from '../forms.js'
import { libraryNames } from '../library-names.js'
import { staffI18n } from '../locale.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import { ComputersPage, EndSessionPage, type ComputerRow } from '../views/staff/computers.js'

type WithId = { Params: { id: string } }

const LIST = '/staff/computers'

/**
 * The public computers at the desk (`computers.desk`): which are in use and for how long, end a
 * session (after a confirmation page), extend one, send a message to a screen or a group, take a
 * computer out of service. Patron names appear only for `computers.names`, as the registry gives.
 */
export function staffComputerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  // Staff pages are in English; their words are the catalog's all the same.
  const { t } = staffI18n(ctx.config.library.timezone)

  const computerOf = async (request: FastifyRequest<WithId>): Promise<ComputerRow> => {
    const found = (await listComputers(ctx, signedInActor(request))).find(
      (c) => c.id === request.params.id,
    )
    if (found === undefined) throw notFound('COMPUTER_NOT_FOUND', 'There is no such computer.')
    return found
  }

  app.get(LIST, async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'computers.desk')
    const [computers, groups, names] = await Promise.all([
      listComputers(ctx, actor),
      listGroups(ctx.db),
      libraryNames(ctx),
    ])
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.list'))
    return sendPage(
      reply,
      <ComputersPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        computers={computers}
        groups={groups}
        branchName={(code) => names.branch(code)}
        showNames={can(actor, 'computers.names')}
        canManage={can(actor, 'computers.manage')}
        now={ctx.clock.now()}
        fmt={fmt}
      />,
    )
  })

  app.post(`${LIST}/message`, async (request, reply) =>
    act(request, reply, LIST, async () => {
      const form = bodyOf(request)
      const target = /^(computer|group):(.{1,64})$/.exec(form.text('target') ?? '')
      if (target === null)
        throw validation('INVALID_INPUT', 'Choose a computer or a group to send the message to.')
      const actor = signedInActor(request)
      const id = target[2] ?? ''
      const count = await sendMessage(
        ctx,
        actor,
        target[1] === 'group' ? { groupId: id } : { computerId: id },
        form.text('text') ?? '',
      )
      return t('staffComputers.message.sent', { count })
    }),
  )

  // Ending a session cannot be undone: the list links here, and only this page's form ends it.
  app.get<WithId>(`${LIST}/:id/end`, async (request, reply) => {
    const computer = await computerOf(request)
    const chrome = staffChrome(ctx, request, reply, t('staffComputers.titles.end'))
    if (computer.session === undefined) {
      setFlash(request, { kind: 'ok', text: t('staffComputers.end.none', { name: computer.name }) })
      return seeOther(reply, LIST)
    }
    return sendPage(
      reply,
      <EndSessionPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} computer={computer} />,
    )
  })

  app.post<WithId>(`${LIST}/:id/end`, async (request, reply) =>
    act(request, reply, LIST, async () => {
      const computer = await computerOf(request)
      await endSessionByStaff(ctx, signedInActor(request), computer.id)
      return t('staffComputers.end.done', { name: computer.name })
    }),
  )

  app.post<WithId>(`${LIST}/:id/extend`, async (request, reply) =>
    act(request, reply, LIST, async () => {
      const minutes = bodyOf(request).integer('minutes')
      if (minutes === undefined || minutes < 1 || minutes > 240)
        throw validation('INVALID_INPUT', 'Choose how many minutes to add.')
      const computer = await computerOf(request)
      await extendSessionByStaff(ctx, signedInActor(request), computer.id, minutes)
      return t('staffComputers.extend.done', { name: computer.name, minutes })
    }),
  )

  app.post<WithId>(`${LIST}/:id/service`, async (request, reply) =>
    act(request, reply, LIST, async () => {
      const inService = bodyOf(request).text('inService') === '1'
      const computer = await computerOf(request)
      await setInService(ctx, signedInActor(request), computer.id, inService)
      return t(inService ? 'staffComputers.service.back' : 'staffComputers.service.out', {
        name: computer.name,
      })
    }),
  )
}
