import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../context.js'
import { listJobs, runJobNow } from '../../jobs/jobs.service.js'
import { actorOf } from '../auth.js'
import { problemResponses, Timestamp } from '../schemas/common.js'
import type { Api } from '../types.js'

const JobStateSchema = Type.Object(
  {
    name: Type.String(),
    schedule: Type.String({ description: 'Cron pattern, read in `timezone`.' }),
    timezone: Type.String({ description: "The library's IANA time zone." }),
    lastFinishedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When a run last finished (scheduled or manual); null if it never ran.',
    }),
    leased: Type.Boolean({ description: 'Whether a process is running the job right now.' }),
    leasedUntil: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
)

const JobRunSchema = Type.Object(
  {
    job: Type.String(),
    counts: Type.Record(Type.String(), Type.Integer(), {
      description:
        'What the run did, by kind (for the retention sweep: records disposed of per series).',
    }),
  },
  { additionalProperties: false },
)

const JobParams = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)

/** The scheduled jobs, for administrators: see them, and run one now under its lease. */
export function jobRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Every scheduled job: schedule, last finished run and whether it is running now',
        response: { 200: Type.Array(JobStateSchema), ...problemResponses },
      },
    },
    async (request) => listJobs(ctx, actorOf(request)),
  )
  api.post(
    '/jobs/:name/run',
    {
      schema: {
        tags: ['jobs'],
        summary:
          'Run a job now under its lease (409 JOB_BUSY while another run holds it; 404 JOB_UNKNOWN); audited as job.run',
        params: JobParams,
        response: { 200: JobRunSchema, ...problemResponses },
      },
    },
    async (request) => runJobNow(ctx, actorOf(request), request.params.name, 'api'),
  )
}
