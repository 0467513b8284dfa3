import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  addItem,
  createRecord,
  findItemByBarcode,
  getRecordRow,
  getRecordWithItems,
  searchCatalog,
  updateItem,
  type RecordSummary,
} from '../../catalog/catalog.service.js'
import type { AppContext } from '../../context.js'
import { AppError, notFound, validation } from '../../errors.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { parseMoney } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString, setFlash } from '../sessions.js'
import { CatalogPage, ItemPage, RecordPage, type ItemFormOptions } from '../views/staff/catalog.js'
import { stripChoice } from '../views/staff/item-strip-fields.js'

const price = (text: string | undefined): number => {
  const cents = parseMoney(text)
  if (cents === undefined)
    throw validation('INVALID_AMOUNT', 'Give the price in dollars and cents, such as 24.99.')
  return cents
}

const recordPath = (id: string) => `/staff/records/${encodeURIComponent(id)}`

/** Titles and copies: anyone signed in may look; the catalogue service decides who may change them. */
export function staffCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  const options = async (): Promise<ItemFormOptions> => {
    const s = await getLibraryStructure(ctx.db)
    return {
      branches: s.branches.map((b) => ({ value: b.code, label: b.name })),
      itemTypes: s.itemTypes.map((t) => ({ value: t.code, label: t.name })),
    }
  }
  const branchOf = (request: FastifyRequest) => sessionString(request, 'branch') ?? ''

  app.get('/staff/catalog', async (request, reply) => {
    const q = queryOf(request).text('q')
    let results: RecordSummary[] | undefined
    if (q !== undefined) {
      const isbn = /^[0-9Xx -]{10,20}$/.test(q) ? { isbn: q } : { q }
      try {
        results = (await searchCatalog(ctx.db, { ...isbn, limit: 50 })).results
      } catch (err) {
        if (!(err instanceof AppError) || err.kind !== 'validation') throw err
        results = []
      }
    }
    const chrome = staffChrome(ctx, request, reply, 'Catalogue')
    return sendPage(
      reply,
      <CatalogPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} q={q} results={results} />,
    )
  })

  app.post('/staff/records', async (request, reply) => {
    const body = bodyOf(request)
    const year = body.text('year')
    try {
      const record = await createRecord(ctx, signedInActor(request), {
        title: body.text('title') ?? '',
        ...(body.text('author') !== undefined && { author: body.text('author') }),
        ...(body.text('isbn') !== undefined && { isbn: body.text('isbn') }),
        ...(year !== undefined && { year: /^\d{1,4}$/.test(year) ? Number(year) : year }),
        materialType: body.text('materialType') ?? '',
      })
      setFlash(request, { kind: 'ok', text: 'Title added. Now add its copies.' })
      return seeOther(reply, recordPath(record.id))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, '/staff/catalog')
    }
  })

  app.get<{ Params: { id: string } }>('/staff/records/:id', async (request, reply) => {
    const record = await getRecordWithItems(ctx.db, request.params.id)
    const chrome = staffChrome(ctx, request, reply, record.title)
    return sendPage(
      reply,
      <RecordPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        record={record}
        options={await options()}
        branch={branchOf(request)}
      />,
    )
  })

  app.post<{ Params: { id: string } }>('/staff/records/:id/items', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, recordPath(request.params.id), async () => {
      const item = await addItem(ctx, signedInActor(request), {
        recordId: request.params.id,
        barcode: body.text('barcode') ?? '',
        ...(body.text('callNumber') !== undefined && { callNumber: body.text('callNumber') }),
        branch: body.text('branch') ?? '',
        itemType: body.text('itemType') ?? '',
        replacementPriceCents: price(body.text('price')),
      })
      return `Copy ${item.barcode} added.`
    })
  })

  app.get('/staff/items', async (request, reply) => {
    const barcode = queryOf(request).text('barcode')
    const item = barcode === undefined ? undefined : await findItemByBarcode(ctx.db, barcode)
    if (item === undefined) {
      setFlash(request, { kind: 'error', text: 'No copy has that barcode.' })
      return seeOther(reply, '/staff/catalog')
    }
    return seeOther(reply, `/staff/items/${encodeURIComponent(item.barcode)}`)
  })

  app.get<{ Params: { barcode: string } }>('/staff/items/:barcode', async (request, reply) => {
    const item = await findItemByBarcode(ctx.db, request.params.barcode)
    if (item === undefined) throw notFound('ITEM_NOT_FOUND', 'No copy has that barcode.')
    const record = await getRecordRow(ctx.db, item.record_id)
    const type = (await getLibraryStructure(ctx.db)).itemTypes.find(
      (t) => t.code === item.item_type,
    )
    const chrome = staffChrome(ctx, request, reply, `Copy ${item.barcode}`)
    return sendPage(
      reply,
      <ItemPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        item={item}
        title={record.title}
        options={await options()}
        typeStrip={type}
      />,
    )
  })

  app.post<{ Params: { barcode: string } }>('/staff/items/:barcode', async (request, reply) => {
    const body = bodyOf(request)
    const item = await findItemByBarcode(ctx.db, request.params.barcode)
    if (item === undefined) throw notFound('ITEM_NOT_FOUND', 'No copy has that barcode.')
    return act(request, reply, recordPath(item.record_id), async () => {
      const status = body.text('status')
      const magneticMedia = stripChoice(body.text('magneticMedia'))
      const securityMarker = stripChoice(body.text('securityMarker'))
      await updateItem(ctx, signedInActor(request), item.barcode, {
        callNumber: body.text('callNumber') ?? null,
        branch: body.text('branch') ?? item.branch,
        itemType: body.text('itemType') ?? item.item_type,
        replacementPriceCents: price(body.text('price')),
        ...(status !== undefined && status !== item.status && { status }),
        ...(magneticMedia !== undefined && { magneticMedia }),
        ...(securityMarker !== undefined && { securityMarker }),
      })
      return `Copy ${item.barcode} saved.`
    })
  })
}
