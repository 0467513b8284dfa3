import type { FastifyInstance, FastifyRequest } from 'fastify'
import { getRecordWithItems, searchCatalog } from '../../catalog/catalog.service.js'
import { CATALOG_SORTS, MATERIAL_TYPES } from '../../catalog/catalog.schemas.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { privacyNotice } from '../../policy/privacy-notice.js'
import { transparencyReport } from '../../privacy/legal/legal-requests.service.js'
import { recordsRequestCounts } from '../../records/records-counts.js'
import { TransparencyPage } from '../views/public/transparency.js'
import type { T } from '../../i18n/i18n.js'
import { publicChrome } from '../chrome.js'
import { queryOf, type Form } from '../forms.js'
import { sendPage } from '../render.js'
import { EXIT_REFERRER_POLICY } from '../security.js'
import { refusalText, sendErrorPage } from '../web-errors.js'
import { RecordPage, type BranchNames } from '../views/public/catalog.js'
import {
  isFiltered,
  resultsText,
  SearchPage,
  type SearchState,
} from '../views/public/catalog-search.js'
import { DatabasesPage, ExitPage, HomePage, WifiPage } from '../views/public/notices.js'
import { PrivacyPage } from '../views/public/privacy.js'

const PAGE_SIZE = 20

export async function branchNames(ctx: AppContext): Promise<BranchNames> {
  const { branches } = await getLibraryStructure(ctx.db)
  return Object.fromEntries(branches.map((b) => [b.code, b.name]))
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  list.find((v) => v === value)

/**
 * A search page's address read leniently: a sort, format or decade the page would never offer is
 * left out rather than refused, so an old or edited link still shows results.
 */
export function searchState(q: Form): SearchState {
  const decade = q.text('decade')
  return {
    terms: {
      q: q.text('q'),
      title: q.text('title'),
      author: q.text('author'),
      isbn: q.text('isbn'),
    },
    sort: oneOf(CATALOG_SORTS, q.text('sort')),
    formats: [...new Set(q.all('format'))].filter((f) => oneOf(MATERIAL_TYPES, f) !== undefined),
    branches: [...new Set(q.all('branch'))].filter((b) => b.length <= 40).slice(0, 50),
    available: q.checked('available'),
    decade: decade !== undefined && /^\d{1,3}0$/.test(decade) ? Number(decade) : undefined,
  }
}

/** An outside address the exit notice may show: http(s) only, and no credentials in it. */
export function outsideUrl(text: string | undefined): URL | undefined {
  if (text === undefined || text.length > 2000) return undefined
  try {
    const url = new URL(text)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    if (url.username !== '' || url.password !== '') return undefined
    return url
  } catch {
    return undefined
  }
}

/** Pages anyone may read. They set no cookie and load no script (P7). */
export function publicRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** A public page's chrome, its title from the catalog in the page's language. */
  const chromeOf = (request: FastifyRequest, title: (t: T) => string) => {
    const chrome = publicChrome(ctx, request, '')
    return { ...chrome, title: title(chrome.i18n.t) }
  }

  app.get('/', async (request, reply) =>
    sendPage(reply, <HomePage chrome={chromeOf(request, (t) => t('public.titles.home'))} />),
  )

  app.get('/search', async (request, reply) => {
    const state = searchState(queryOf(request))
    const chrome = chromeOf(request, (t) => t('public.titles.search'))
    const branches = await branchNames(ctx)
    const given = Object.values(state.terms).some((v) => v !== undefined) || isFiltered(state)
    if (!given)
      return sendPage(reply, <SearchPage chrome={chrome} state={state} branches={branches} />)
    const offset = Math.min(queryOf(request).integer('offset') ?? 0, 10_000)
    try {
      const found = await searchCatalog(ctx.db, {
        ...Object.fromEntries(Object.entries(state.terms).filter(([, v]) => v !== undefined)),
        ...(state.sort !== undefined && { sort: state.sort }),
        ...(state.formats.length > 0 && { format: state.formats }),
        ...(state.branches.length > 0 && { branch: state.branches }),
        ...(state.available && { available: true }),
        ...(state.decade !== undefined && { yearFrom: state.decade, yearTo: state.decade + 9 }),
        facets: true,
        limit: PAGE_SIZE,
        offset,
      })
      const outcome = { ...found, offset, pageSize: PAGE_SIZE }
      const { t } = chrome.i18n
      return sendPage(
        reply,
        <SearchPage
          chrome={{
            ...chrome,
            title: `${t('public.titles.searchResults')} – ${resultsText(t, outcome)}`,
          }}
          state={state}
          branches={branches}
          outcome={outcome}
        />,
      )
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      const problem =
        err.code === 'EMPTY_QUERY'
          ? refusalText(chrome.i18n, err.code, err.message)
          : chrome.i18n.t('public.search.tooLong')
      return sendPage(
        reply,
        <SearchPage chrome={chrome} state={state} branches={branches} problem={problem} />,
        400,
      )
    }
  })

  app.get<{ Params: { id: string } }>('/records/:id', async (request, reply) => {
    const record = await getRecordWithItems(ctx.db, request.params.id)
    return sendPage(
      reply,
      <RecordPage
        chrome={publicChrome(ctx, request, record.title)}
        record={record}
        branches={await branchNames(ctx)}
      />,
    )
  })

  app.get('/privacy', async (request, reply) =>
    sendPage(
      reply,
      <PrivacyPage
        chrome={chromeOf(request, (t) => t('notice.title'))}
        notice={privacyNotice(ctx.config)}
        config={ctx.config}
        madeAt={ctx.clock.now().toISOString()}
      />,
    ),
  )

  app.get('/transparency', async (request, reply) =>
    sendPage(
      reply,
      <TransparencyPage
        chrome={chromeOf(request, (t) => t('public.titles.transparency'))}
        rows={await transparencyReport(ctx)}
        recordsRequests={await recordsRequestCounts(ctx)}
      />,
    ),
  )

  app.get('/wifi', async (request, reply) =>
    sendPage(reply, <WifiPage chrome={chromeOf(request, (t) => t('public.titles.wifi'))} />),
  )

  app.get('/databases', async (request, reply) =>
    sendPage(
      reply,
      <DatabasesPage
        chrome={chromeOf(request, (t) => t('public.titles.databases'))}
        databases={ctx.config.web.thirdPartyDatabases}
      />,
    ),
  )

  app.get('/leaving', async (request, reply) => {
    // P14: this page's own address (which names the destination) must not travel onward either.
    reply.header('referrer-policy', EXIT_REFERRER_POLICY)
    const destination = outsideUrl(queryOf(request).text('to'))
    if (destination === undefined)
      return sendErrorPage(ctx, request, reply, 400, ({ t }) => t('public.leaving.refused'))
    return sendPage(
      reply,
      <ExitPage
        chrome={chromeOf(request, (t) => t('public.titles.leaving'))}
        destination={destination}
      />,
    )
  })
}
