import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type MetricObjectWithValues,
  type MetricValue,
  type PrometheusContentType,
} from 'prom-client'
import { processRegistry } from './process-metrics.js'

/** What one process's registry holds, as prom-client serialises it (for workers, over IPC). */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[]

/** Other processes whose numbers /metrics adds to this one's (the SIP2 workers). */
export type MetricsSource = () => Promise<MetricsJson[]>

/** The only methods a label may name; anything else a client sends is counted as OTHER. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export type JobOutcome = 'ok' | 'failed' | 'busy'

/** The notice outbox states /metrics reports, read from the table at scrape time. */
export const OUTBOX_STATES = ['queued', 'sending', 'failed'] as const
export type OutboxDepth = Record<(typeof OUTBOX_STATES)[number], number>

/**
 * Carrel's operating numbers, kept in memory only and gone when the process ends: counts and
 * timings labelled by route pattern, SIP2 command code, job name, outcome and status class.
 * No label ever carries a patron, card, item, staff or barcode identifier: every label value is
 * one of a fixed set, or a route pattern as the code declares it (never the URL a client sent).
 */
export class CarrelMetrics {
  readonly registry = new Registry()
  private readonly sources = new Set<MetricsSource>()
  /**
   * The process's numbers start counting when they are first asked for: asked here, when the
   * process opens its stores, CPU time counts from then rather than from the first scrape.
   */
  private readonly process = processRegistry()

  private readonly httpRequests = new Counter({
    name: 'carrel_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'],
    registers: [this.registry],
  })
  private readonly httpDuration = new Histogram({
    name: 'carrel_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  })
  private readonly sip2Open = new Gauge({
    name: 'carrel_sip2_sessions_open',
    help: 'SIP2 connections open now.',
    registers: [this.registry],
  })
  private readonly sip2Sessions = new Counter({
    name: 'carrel_sip2_sessions_total',
    help: 'SIP2 connections served since the process started.',
    registers: [this.registry],
  })
  private readonly sip2Messages = new Histogram({
    name: 'carrel_sip2_message_duration_seconds',
    help: 'Time to answer a SIP2 message, by command code (unknown: a command Carrel does not know; invalid: unreadable).',
    labelNames: ['command'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  private readonly jobRuns = new Histogram({
    name: 'carrel_job_duration_seconds',
    help: 'Scheduled job runs and their length, by job and outcome (ok, failed, busy: another process held the lease).',
    labelNames: ['job', 'outcome'],
    buckets: [0.01, 0.1, 1, 10, 60, 300, 1800],
    registers: [this.registry],
  })
  private readonly outbox = new Gauge({
    name: 'carrel_notice_outbox',
    help: 'Notices in the outbox by state, counted when /metrics is read.',
    labelNames: ['status'],
    registers: [this.registry],
  })

  httpAnswered(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = {
      method: METHODS.has(method) ? method : 'OTHER',
      route: route ?? '(unmatched)',
      status_class: `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx`,
    }
    this.httpRequests.inc(labels)
    this.httpDuration.observe(labels, seconds)
  }

  sip2Opened(): void {
    this.sip2Open.inc()
    this.sip2Sessions.inc()
  }

  sip2Closed(): void {
    this.sip2Open.dec()
  }

  /** `command` is a known SIP2 request code, 'unknown' or 'invalid': never what a terminal sent. */
  sip2Answered(command: string, seconds: number): void {
    this.sip2Messages.observe({ command }, seconds)
  }

  jobRan(job: string, outcome: JobOutcome, seconds: number): void {
    this.jobRuns.observe({ job, outcome }, seconds)
  }

  /** The outbox as just read, or undefined when it could not be (the series are then left out). */
  outboxDepth(depth: OutboxDepth | undefined): void {
    this.outbox.reset()
    if (depth === undefined) return
    for (const status of OUTBOX_STATES) this.outbox.set({ status }, depth[status])
  }

  /** Adds another process's numbers to every scrape until the returned function is called. */
  addSource(source: MetricsSource): () => void {
    this.sources.add(source)
    return () => this.sources.delete(source)
  }

  /**
   * The Prometheus text: this process's numbers summed with those of every source (the SIP2
   * workers), then this process's default metrics (memory, CPU, event loop).
   */
  async render(): Promise<{ contentType: string; text: string }> {
    let own: Registry = this.registry
    if (this.sources.size > 0) {
      const others = await Promise.all([...this.sources].map((s) => s().catch(() => [])))
      own = AggregatorRegistry.aggregate<PrometheusContentType>([
        await this.registry.getMetricsAsJSON(),
        ...others.flat(),
      ])
    }
    const merged = Registry.merge([own, this.process])
    return { contentType: Registry.PROMETHEUS_CONTENT_TYPE, text: await merged.metrics() }
  }

  /** This process's numbers alone, for a worker to send to the serving process. */
  async snapshot(): Promise<MetricsJson> {
    return this.registry.getMetricsAsJSON()
  }
}
