import type { FastifyInstance } from 'fastify'
import { listFees, takePayment, waiveFee } from '../../circulation/fees.service.js'
import type { AppContext } from '../../context.js'
import { validation } from '../../errors.js'
import {
  issueCard,
  listPatronCards,
  replaceCard,
  setCardStatus,
  setPin,
} from '../../patrons/card.service.js'
import { addLedgerEntry, getLedger } from '../../patrons/ledger.service.js'
import { addNote, listNotes } from '../../patrons/notes.service.js'
import { getPatron } from '../../patrons/patron.service.js'
import { can } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { formats, money, parseMoney } from '../format.js'
import { sendPage } from '../render.js'
import { CardsPage, NotesPage } from '../views/staff/card-account.js'
import { FeesPage } from '../views/staff/fees.js'
import { patronName } from '../views/staff/patron.js'
import { patronPath } from './staff-desk.routes.js'

type IdParams = { Params: { id: string } }

const amount = (text: string | undefined): number => {
  const cents = parseMoney(text)
  if (cents === undefined)
    throw validation('INVALID_AMOUNT', 'Give the amount in dollars and cents, such as 2.50.')
  return cents
}

/** A patron's cards, notes, fines and card balance, each through its own service. */
export function staffAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get<IdParams>('/staff/patrons/:id/cards', async (request, reply) => {
    const actor = signedInActor(request)
    const patron = await getPatron(ctx, actor, request.params.id)
    const cards = await listPatronCards(ctx, actor, patron.id)
    const chrome = staffChrome(ctx, request, reply, 'Cards and PIN')
    return sendPage(
      reply,
      <CardsPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        patronId={patron.id}
        name={patronName(patron)}
        cards={cards}
      />,
    )
  })

  const cardsPage = (id: string) => patronPath(id, '/cards')

  app.post<IdParams>('/staff/patrons/:id/cards/status', async (request, reply) => {
    const body = bodyOf(request)
    const status = body.text('status') === 'lost' ? 'lost' : 'active'
    return act(request, reply, cardsPage(request.params.id), async () => {
      await setCardStatus(ctx, signedInActor(request), body.text('barcode') ?? '', status)
      return status === 'lost'
        ? 'Card reported lost: it can no longer be used.'
        : 'Card is active again.'
    })
  })

  app.post<IdParams>('/staff/patrons/:id/cards/replace', async (request, reply) =>
    act(request, reply, cardsPage(request.params.id), async () => {
      const card = await replaceCard(
        ctx,
        signedInActor(request),
        bodyOf(request).text('barcode') ?? '',
        {},
      )
      return `Replaced. The new card number is ${card.barcode}; the PIN moved with the account.`
    }),
  )

  app.post<IdParams>('/staff/patrons/:id/cards/issue', async (request, reply) => {
    const body = bodyOf(request)
    const barcode = body.text('barcode')
    const pin = body.secret('pin')
    return act(request, reply, cardsPage(request.params.id), async () => {
      const card = await issueCard(ctx, signedInActor(request), request.params.id, {
        ...(barcode !== undefined && { barcode }),
        ...(pin !== '' && { pin }),
      })
      return `Card ${card.barcode} issued.`
    })
  })

  app.post<IdParams>('/staff/patrons/:id/cards/pin', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, cardsPage(request.params.id), async () => {
      await setPin(ctx, signedInActor(request), body.text('barcode') ?? '', body.secret('pin'))
      return 'New PIN set.'
    })
  })

  app.get<IdParams>('/staff/patrons/:id/notes', async (request, reply) => {
    const actor = signedInActor(request)
    const patron = await getPatron(ctx, actor, request.params.id)
    const notes = await listNotes(ctx, actor, patron.id)
    const chrome = staffChrome(ctx, request, reply, 'Account notes')
    return sendPage(
      reply,
      <NotesPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        patronId={patron.id}
        name={patronName(patron)}
        notes={notes}
      />,
    )
  })

  app.post<IdParams>('/staff/patrons/:id/notes', async (request, reply) => {
    const body = bodyOf(request).text('body') ?? ''
    return act(request, reply, patronPath(request.params.id, '/notes'), async () => {
      await addNote(ctx, signedInActor(request), request.params.id, { body })
      return 'Note added.'
    })
  })

  app.get<IdParams>('/staff/patrons/:id/fees', async (request, reply) => {
    const actor = signedInActor(request)
    const patron = await getPatron(ctx, actor, request.params.id)
    const [fees, ledger] = await Promise.all([
      listFees(ctx, actor, patron.id),
      can(actor, 'ledger.read') ? getLedger(ctx, actor, patron.id) : undefined,
    ])
    const chrome = staffChrome(ctx, request, reply, 'Fines and payments')
    return sendPage(
      reply,
      <FeesPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        patronId={patron.id}
        name={patronName(patron)}
        owedCents={fees.owedCents}
        fees={fees.fees}
        ledger={ledger}
      />,
    )
  })

  const feesPage = (id: string) => patronPath(id, '/fees')

  app.post<IdParams>('/staff/patrons/:id/payments', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, feesPage(request.params.id), async () => {
      const reference = body.text('reference')
      const done = await takePayment(ctx, signedInActor(request), request.params.id, {
        amountCents: amount(body.text('amount')),
        method: body.text('method') ?? '',
        ...(reference !== undefined && { reference }),
      })
      return `Payment recorded. Still owed: ${money(done.owedCents)}.`
    })
  })

  app.post<{ Params: { fee: string } }>('/staff/fees/:fee/waive', async (request, reply) => {
    const body = bodyOf(request)
    // Only a patron id goes back into the address the desk is sent to, never whatever was posted.
    const patron = body.text('patron') ?? ''
    const back = /^[0-9a-f-]{36}$/.test(patron) ? feesPage(patron) : '/staff'
    return act(request, reply, back, async () => {
      const text = body.text('amount')
      const done = await waiveFee(ctx, signedInActor(request), request.params.fee, {
        ...(text !== undefined && { amountCents: amount(text) }),
        reason: body.text('reason') ?? '',
      })
      return `Waived. Still owed: ${money(done.owedCents)}.`
    })
  })

  app.post<IdParams>('/staff/patrons/:id/ledger', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, feesPage(request.params.id), async () => {
      const ledger = await addLedgerEntry(ctx, signedInActor(request), request.params.id, {
        kind: body.text('kind') === 'debit' ? 'debit' : 'credit',
        amountCents: amount(body.text('amount')),
        reason: body.text('reason') ?? '',
      })
      return `Entry added. The card balance is ${money(ledger.balanceCents)}.`
    })
  })
}
