import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { policyDiff } from '../../policy/policy-diff.js'
import {
  currentVersion,
  previousVersion,
  publishedVersion,
  publishedVersions,
  versionNumberOf,
  type PublishedVersion,
} from '../../policy/policy-versions.js'
import { privacyNotice } from '../../policy/privacy-notice.js'
import { AppError } from '../../errors.js'
import type { T } from '../../i18n/i18n.js'
import { publicChrome } from '../chrome.js'
import { sendPage } from '../render.js'
import { sendErrorPage } from '../web-errors.js'
import {
  diffSources,
  PolicyPage,
  PolicyVersionPage,
  PolicyVersionsPage,
} from '../views/public/policy.js'

type WithNumber = { Params: { number: string } }

/** The published policy (P12): public pages, no cookie, English and Spanish (`/es/policy…`). */
export function policyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const chromeOf = (request: FastifyRequest, title: (t: T) => string) => {
    const chrome = publicChrome(ctx, request, '')
    return { ...chrome, title: title(chrome.i18n.t) }
  }

  app.get('/policy', async (request, reply) => {
    const [current, all] = await Promise.all([currentVersion(ctx), publishedVersions(ctx.db)])
    const newest = all[0]
    const coming: PublishedVersion | undefined =
      newest !== undefined && newest.number !== current?.number ? newest : undefined
    return sendPage(
      reply,
      <PolicyPage
        chrome={chromeOf(request, (t) => t('policy.titles.current'))}
        current={current}
        coming={coming}
        notice={privacyNotice(ctx.config)}
        config={ctx.config}
      />,
    )
  })

  app.get('/policy/versions', async (request, reply) => {
    const [current, versions] = await Promise.all([currentVersion(ctx), publishedVersions(ctx.db)])
    return sendPage(
      reply,
      <PolicyVersionsPage
        chrome={chromeOf(request, (t) => t('policy.titles.versions'))}
        versions={versions}
        current={current}
      />,
    )
  })

  app.get<WithNumber>('/policy/versions/:number', async (request, reply) => {
    let version: PublishedVersion
    try {
      version = await publishedVersion(ctx.db, versionNumberOf(request.params.number))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'not_found') throw err
      return sendErrorPage(ctx, request, reply, 404, ({ t }) => t('policy.notFound'))
    }
    const [previous, current] = await Promise.all([
      previousVersion(ctx.db, version),
      currentVersion(ctx),
    ])
    const chrome = chromeOf(request, (t) => t('policy.titles.version', { number: version.number }))
    const diff =
      previous === undefined
        ? undefined
        : policyDiff(...diffSources(version, previous, chrome.i18n.locale))
    return sendPage(
      reply,
      <PolicyVersionPage
        chrome={chrome}
        version={version}
        previous={previous}
        current={current}
        diff={diff}
      />,
    )
  })
}
