import type { FastifyInstance, FastifyRequest } from 'fastify'
import { closingToday } from '../../computers/branch-closing.js'
import { createGuestPassBatch, GuestPassBatchSchema } from '../../computers/guest-passes.service.js'
import { addAtDesk, callNextByStaff, removeEntry } from '../../computers/queue-join.js'
import { freeComputers, listQueue, queueGroups } from '../../computers/queue-views.js'
import type { AppContext } from '../../context.js'
import { AppError, notFound, ruleViolation } from '../../errors.js'
import { requirePermission } from '../../staff/roles.js'
import { check } from '../../validate.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString, setFlash } from '../sessions.js'
import { DeskQueuePage, queueHref, RemoveEntryPage } from '../views/staff/computer-queue.js'
import {
  ConfirmGuestPassesPage,
  GuestPassFormPage,
  GuestPassSheetPage,
} from '../views/staff/guest-passes.js'

type WithId = { Params: { id: string } }

/**
 * The desk's side of the public computers' waiting list and guest passes (`computers.desk`):
 * the list by position, ticket and initial, adding someone, calling the next person, taking a
 * place off (after confirming), and a batch of guest passes printed once.
 */
export function staffComputerQueueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const time = (iso: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: ctx.config.library.timezone,
      timeStyle: 'short',
    }).format(new Date(iso))

  const branches = async () =>
    (await ctx.db.selectFrom('branches').select(['code', 'name']).orderBy('name').execute()).map(
      (b) => ({ value: b.code, label: b.name }),
    )

  /** The branch asked for, else the one the desk signed in at, else the first. */
  const branchOf = async (request: FastifyRequest, asked: string | undefined) => {
    const all = await branches()
    const wanted = asked ?? sessionString(request, 'branch')
    return { all, branch: all.find((b) => b.value === wanted)?.value ?? all[0]?.value ?? '' }
  }

  app.get('/staff/computers/queue', async (request, reply) => {
    const actor = signedInActor(request)
    const { all, branch } = await branchOf(request, queryOf(request).text('branch'))
    const entries = await listQueue(ctx, actor, branch)
    const groups = await queueGroups(ctx, branch)
    const free = await freeComputers(ctx, branch)
    const chrome = staffChrome(ctx, request, reply, 'Computer waiting list')
    return sendPage(
      reply,
      <DeskQueuePage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        branch={branch}
        branches={all}
        entries={entries}
        groups={groups.map((g) => ({ value: g.id, label: g.name }))}
        freeComputers={free.map((c) => ({ value: c.id, label: `${c.name} (${c.group_name})` }))}
        time={time}
      />,
    )
  })

  app.post('/staff/computers/queue/add', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, queueHref(body.text('branch') ?? ''), async () => {
      const barcode = body.text('barcode')
      const ticket = await addAtDesk(ctx, signedInActor(request), {
        groupId: body.text('groupId') ?? '',
        ...(barcode !== undefined && { barcode }),
      })
      return `Ticket ${ticket.ticket} is on the list.`
    })
  })

  app.post('/staff/computers/queue/call', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, queueHref(body.text('branch') ?? ''), async () => {
      await callNextByStaff(ctx, signedInActor(request), body.text('computerId') ?? '')
      return 'The next person is called; the screen shows their ticket.'
    })
  })

  app.get<WithId>('/staff/computers/queue/:id/remove', async (request, reply) => {
    const actor = signedInActor(request)
    const { branch } = await branchOf(request, queryOf(request).text('branch'))
    const entry = (await listQueue(ctx, actor, branch)).find((e) => e.id === request.params.id)
    if (entry === undefined) {
      setFlash(request, { kind: 'error', text: 'That place is no longer in the waiting list.' })
      return seeOther(reply, queueHref(branch))
    }
    const chrome = staffChrome(ctx, request, reply, `Remove ticket ${entry.ticket}`)
    return sendPage(
      reply,
      <RemoveEntryPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        branch={branch}
        entry={entry}
      />,
    )
  })

  app.post<WithId>('/staff/computers/queue/:id/remove', async (request, reply) =>
    act(request, reply, queueHref(bodyOf(request).text('branch') ?? ''), async () => {
      await removeEntry(ctx, signedInActor(request), request.params.id)
      return 'The place is taken off the list.'
    }),
  )

  app.get('/staff/computers/guest-passes', async (request, reply) => {
    requirePermission(signedInActor(request), 'computers.desk')
    const { all, branch } = await branchOf(request, queryOf(request).text('branch'))
    const chrome = staffChrome(ctx, request, reply, 'Guest passes')
    return sendPage(
      reply,
      <GuestPassFormPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        branches={all}
        branch={branch}
      />,
    )
  })

  /** What a batch asked for, checked as the service checks it, with when the branch closes today. */
  const batchOf = async (request: FastifyRequest) => {
    const body = bodyOf(request)
    const input = check(GuestPassBatchSchema, {
      branch: body.text('branch') ?? '',
      count: body.integer('count') ?? 0,
    })
    const branch = (await branches()).find((b) => b.value === input.branch)
    if (branch === undefined) throw notFound('BRANCH_NOT_FOUND', 'No such branch.')
    const now = ctx.clock.now()
    const closes = await closingToday(ctx.db, input.branch, now, ctx.config.library.timezone)
    if (closes === undefined || closes <= now)
      throw ruleViolation('LIBRARY_CLOSED', 'The branch is closed for the rest of today.')
    return { ...input, branchName: branch.label, closes: time(closes.toISOString()) }
  }

  const refused = (request: FastifyRequest, err: unknown) => {
    if (!(err instanceof AppError)) throw err
    setFlash(request, {
      kind: 'error',
      text:
        err.code === 'INVALID_INPUT'
          ? 'Give a number of passes from 1 to 100 and a branch.'
          : err.message,
    })
  }

  app.post('/staff/computers/guest-passes/confirm', async (request, reply) => {
    requirePermission(signedInActor(request), 'computers.desk')
    let batch: Awaited<ReturnType<typeof batchOf>>
    try {
      batch = await batchOf(request)
    } catch (err) {
      refused(request, err)
      return seeOther(reply, '/staff/computers/guest-passes')
    }
    const chrome = staffChrome(ctx, request, reply, 'Make guest passes')
    return sendPage(
      reply,
      <ConfirmGuestPassesPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} {...batch} />,
    )
  })

  // The codes exist only in this answer: it is not kept by the browser or any cache.
  app.post('/staff/computers/guest-passes', async (request, reply) => {
    const actor = signedInActor(request)
    let made: { codes: string[]; branchName: string; closes: string }
    try {
      const batch = await batchOf(request)
      const passes = await createGuestPassBatch(ctx, actor, {
        branch: batch.branch,
        count: batch.count,
      })
      made = {
        codes: passes.codes.map((c) => c.code),
        branchName: batch.branchName,
        closes: time(passes.expiresAt),
      }
    } catch (err) {
      refused(request, err)
      return seeOther(reply, '/staff/computers/guest-passes')
    }
    void reply.header('cache-control', 'no-store')
    const chrome = staffChrome(ctx, request, reply, `Guest passes for ${made.branchName}`)
    return sendPage(reply, <GuestPassSheetPage chrome={chrome} {...made} />)
  })
}
