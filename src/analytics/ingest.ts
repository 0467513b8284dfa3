import type { Kysely } from 'kysely'
import type { Clock } from '../clock.js'
import type { Config } from '../config/config.schema.js'
import { newId } from '../ids.js'
import type { Logger } from '../logger.js'
import { truncateAddress } from './address.js'
import { writeTally } from './flush.js'
import { skipReason, type HitHeaders, type SkipReason } from './ingest-filter.js'
import { externalReferrerHost, pageAddress } from './page-address.js'
import type { StatisticsDb } from './statistics.tables.js'
import { Tally } from './tally.js'
import { VisitTracker, type Visit } from './visits.js'

/** One page view as reported by the script, the pixel or a test. */
export interface Hit {
  /** The page's full address. */
  url: string
  referrer?: string | undefined
  /** The client's address as the server sees it (never stored whole). */
  address: string
  headers: HitHeaders
}

export type HitOutcome = 'counted' | SkipReason | 'site' | 'address' | 'off'

/** Raw views held while the store refuses writes; beyond this, only the daily counts grow. */
const MAX_PENDING_VIEWS = 100_000

export interface CounterDeps {
  db: Kysely<StatisticsDb>
  config: Pick<Config, 'statistics' | 'http'>
  clock: Clock
  logger: Logger
}

/**
 * Website statistics, counted in memory and written in batches (one transaction every
 * `statistics.flushSeconds`, and at close). Counting never waits for the database, so a page
 * view costs a few map updates; a failed write keeps its counts for the next flush.
 */
export class WebsiteCounter {
  private tally = new Tally()
  private readonly visits = new VisitTracker()
  private readonly sites: ReadonlySet<string>
  private timer: NodeJS.Timeout | undefined
  private queue: Promise<void> = Promise.resolve()
  private closed = false
  private clock: Clock

  constructor(private readonly deps: CounterDeps) {
    this.clock = deps.clock
    const own = new URL(deps.config.http.publicUrl).host.toLowerCase()
    this.sites = new Set([own, ...deps.config.statistics.allowedSites.map((s) => s.toLowerCase())])
  }

  /** Counts by this clock from now on (a demo library's sandbox clock, `withConfiguredClock`). */
  followClock(clock: Clock): void {
    this.clock = clock
  }

  /** Whether `host` (such as `www.mylibrary.org`) is a site whose pages may be counted. */
  allows(host: string): boolean {
    return this.sites.has(host.toLowerCase())
  }

  /** Counts one page view, or says why it was not counted. */
  record(hit: Hit): HitOutcome {
    const settings = this.deps.config.statistics
    if (!settings.enabled || this.closed) return 'off'
    const skipped = skipReason(hit.headers, settings)
    if (skipped !== undefined) return skipped
    const page = pageAddress(hit.url, settings.queryAllowList)
    if (page === undefined || !this.sites.has(page.site)) return 'site'
    const address = truncateAddress(hit.address, settings.ipv4Bits, settings.ipv6Bits)
    if (address === undefined) return 'address'
    const now = this.clock.now()
    const day = now.toISOString().slice(0, 10)
    const { site, path } = page
    const referrer = externalReferrerHost(hit.referrer, site)
    const outcome = this.visits.view(
      {
        day,
        at: now.getTime(),
        address: hit.address,
        agent: hit.headers.userAgent ?? '',
        site,
        path,
      },
      this.ended,
    )
    const t = this.tally
    if (t.views.length < MAX_PENDING_VIEWS)
      t.views.push({
        id: newId(),
        site,
        day,
        viewed_at: `${now.toISOString().slice(0, 19)}Z`,
        address,
        path,
        referrer_host: referrer,
      })
    t.totals.add(
      { day, site },
      { views: 1, visits: outcome.entered ? 1 : 0, visitors: outcome.newVisitor ? 1 : 0 },
    )
    t.pages.add(
      { day, site, path },
      { views: 1, visits: outcome.newPathInVisit ? 1 : 0, entries: outcome.entered ? 1 : 0 },
    )
    if (outcome.entered && referrer !== null)
      t.referrers.add({ day, site, host: referrer }, { visits: 1 })
    if (outcome.from !== undefined && outcome.from !== path)
      t.transitions.add({ day, site, from_path: outcome.from, to_path: path }, { count: 1 })
    this.startTimer()
    return 'counted'
  }

  /**
   * Ends visits idle for 30 minutes, then writes everything counted so far in one transaction.
   * Flushes run one after another; a failed one puts its counts back and rejects.
   */
  flush(): Promise<void> {
    const run = this.queue.then(() => this.flushNow())
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Stops counting, ends every open visit (counting its exit) and writes what is left. */
  async close(): Promise<void> {
    if (this.closed) return this.queue
    this.closed = true
    if (this.timer !== undefined) clearInterval(this.timer)
    this.visits.endAll(this.ended)
    await this.flush().catch((err: unknown) => {
      this.deps.logger.error({ err }, 'website statistics not written at close; they are lost')
    })
  }

  /** Hands over everything counted since the last flush (the bench writes it its own way). */
  takeCounted(): Tally {
    const batch = this.tally
    this.tally = new Tally()
    return batch
  }

  private readonly ended = (visit: Visit): void => {
    this.tally.pages.add({ day: visit.day, site: visit.site, path: visit.lastPath }, { exits: 1 })
  }

  private async flushNow(): Promise<void> {
    const now = this.clock.now()
    if (!this.closed) this.visits.expire(now.toISOString().slice(0, 10), now.getTime(), this.ended)
    const batch = this.takeCounted()
    try {
      await writeTally(this.deps.db, batch)
    } catch (err) {
      batch.mergeInto(this.tally)
      throw err
    }
  }

  private startTimer(): void {
    if (this.timer !== undefined || this.closed) return
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => {
        this.deps.logger.warn({ err }, 'website statistics not written; kept for the next flush')
      })
    }, this.deps.config.statistics.flushSeconds * 1000)
    this.timer.unref()
  }
}
