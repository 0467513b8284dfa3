import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { itemLabels } from '../../catalog/item-labels.js'
import { declareLost } from '../../circulation/checkin.service.js'
import { previewLost, undoLost, type LostPreview } from '../../circulation/lost-undo.service.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { getPatron } from '../../patrons/patron.service.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { dropUndo, offerUndo, undoOffers } from '../desk-session.js'
import { bodyOf, queryOf, type Form } from '../forms.js'
import { money } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import { LostConfirmPage } from '../views/staff/lost.js'
import { patronName } from '../views/staff/patron.js'

type IdParams = { Params: { id: string } }

/** How long this session may take a loss back: the staff session's own lifetime, as the service allows. */
export const lostUndoWindowMs = (ctx: AppContext): number =>
  ctx.config.security.staffTokenMinutes * 60_000

/** The refusals after which an undo will never work: the offer is withdrawn with the message. */
const FINAL_REFUSALS = new Set([
  'ITEM_NOT_LOST',
  'LOST_FEE_PAID',
  'LOST_FINE_SETTLED',
  'LOST_UNDO_TOO_LATE',
  'NOTHING_TO_UNDO',
])

const patronPage = (id: string) => `/staff/patrons/${encodeURIComponent(id)}`

/**
 * "Declare lost" in two steps: the button (or a link) shows what would be billed, and only the
 * confirming post charges. The session then offers to take it back until the staff member signs out.
 */
export function staffLostRoutes(app: FastifyInstance, ctx: AppContext): void {
  const back = (request: FastifyRequest, reply: FastifyReply, id: string, text: string) => {
    setFlash(request, { kind: 'error', text })
    return seeOther(reply, patronPage(id))
  }

  const confirmPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    preview: LostPreview,
    changedFrom?: number,
  ) => {
    const actor = signedInActor(request)
    const patron = await getPatron(ctx, actor, id)
    const chrome = staffChrome(ctx, request, reply, 'Declare lost')
    return sendPage(
      reply,
      <LostConfirmPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        patronId={patron.id}
        patronName={patronName(patron)}
        preview={preview}
        changedFrom={changedFrom}
        undoable={preview.replacementCents > 0}
      />,
      changedFrom === undefined ? 200 : 409,
    )
  }

  /** The first step, by the loans table's button (a post) or a link (a get): charges nothing. */
  const ask = async (request: FastifyRequest<IdParams>, reply: FastifyReply, form: Form) => {
    const id = request.params.id
    const itemBarcode = form.text('itemBarcode') ?? form.text('item')
    if (itemBarcode === undefined)
      return back(request, reply, id, 'Choose an item to declare lost.')
    try {
      const preview = await previewLost(ctx, signedInActor(request), { itemBarcode, patronId: id })
      return await confirmPage(request, reply, id, preview)
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      return back(request, reply, id, err.message)
    }
  }
  app.get<IdParams>('/staff/patrons/:id/lost', (request, reply) =>
    ask(request, reply, queryOf(request)),
  )
  app.post<IdParams>('/staff/patrons/:id/lost', (request, reply) =>
    ask(request, reply, bodyOf(request)),
  )

  app.post<IdParams>('/staff/patrons/:id/lost/confirm', async (request, reply) => {
    const id = request.params.id
    const actor = signedInActor(request)
    const body = bodyOf(request)
    const itemBarcode = body.text('itemBarcode')
    const shown = body.integer('totalCents')
    if (itemBarcode === undefined || shown === undefined)
      return back(
        request,
        reply,
        id,
        'Start again from the loans list: the confirmation was incomplete.',
      )
    try {
      const preview = await previewLost(ctx, actor, { itemBarcode, patronId: id })
      // The person confirmed an amount; a different one is shown again, not charged.
      if (preview.totalCents !== shown) return await confirmPage(request, reply, id, preview, shown)
      const done = await declareLost(ctx, actor, { itemBarcode, patronId: id })
      const now = ctx.clock.now().getTime()
      const undoable = preview.replacementCents > 0
      if (undoable)
        offerUndo(
          request,
          { barcode: preview.itemBarcode, patronId: id, at: now },
          lostUndoWindowMs(ctx),
        )
      setFlash(request, {
        kind: 'ok',
        text: `“${preview.title}” (${preview.itemBarcode}) is declared lost: ${money(done.chargedCents)} billed.${undoable ? ' You can undo this below until you sign out.' : ''}`,
      })
      return seeOther(reply, patronPage(id))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      return back(request, reply, id, err.message)
    }
  })

  app.post<IdParams>('/staff/patrons/:id/lost/undo', async (request, reply) => {
    const id = request.params.id
    const itemBarcode = bodyOf(request).text('itemBarcode') ?? ''
    const now = ctx.clock.now().getTime()
    const window = lostUndoWindowMs(ctx)
    // Only a loss this very session declared, for this patron, may be taken back from the page.
    const offer = undoOffers(request, now, window).find(
      (o) => o.barcode === itemBarcode && o.patronId === id,
    )
    if (offer === undefined)
      return back(
        request,
        reply,
        id,
        'There is no loss of that item to undo in this session. Only the session that declared a loss can undo it.',
      )
    try {
      const done = await undoLost(ctx, signedInActor(request), { itemBarcode, patronId: id })
      dropUndo(request, itemBarcode, now, window)
      const title = (await itemLabels(ctx.db, [itemBarcode])).get(itemBarcode)?.title
      setFlash(request, {
        kind: 'ok',
        text: `Undone: ${title === undefined ? itemBarcode : `“${title}” (${itemBarcode})`} is on loan again and the ${money(done.reversedCents)} replacement charge is removed.`,
      })
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      if (FINAL_REFUSALS.has(err.code)) dropUndo(request, itemBarcode, now, window)
      setFlash(request, { kind: 'error', text: err.message })
    }
    return seeOther(reply, patronPage(id))
  })
}
