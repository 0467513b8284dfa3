import { Type } from '@sinclair/typebox'
import { CodeSchema } from './code.schema.js'

/** Website statistics (src/analytics): what is counted, where it is kept and for how long. */
export const StatisticsSettings = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description:
        'Count page views of the public pages (and of allowed sites) through /statistics/*; off: no script tag, no pixel, nothing recorded.',
    }),
    smallCells: Type.Integer({
      default: 5,
      minimum: 1,
      maximum: 100,
      description:
        'Smallest count a statistics report or export shows: smaller non-zero counts (and whatever would reveal them through totals) appear as "hidden"; 1 shows every count.',
    }),
    url: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        description:
          'PostgreSQL URL of the statistics store (created if missing); a SQLite file statistics.sqlite in dataDir when unset.',
      }),
    ),
    rawDays: Type.Integer({
      default: 30,
      minimum: 1,
      maximum: 366,
      description:
        'Days single page views (with their truncated address) are kept before the statistics-sweep job deletes them; daily counts stay.',
    }),
    honourGpc: Type.Boolean({
      default: true,
      description: 'Count nothing for a browser that sends Global Privacy Control (Sec-GPC: 1).',
    }),
    honourDnt: Type.Boolean({
      default: true,
      description: 'Count nothing for a browser that sends Do Not Track (DNT: 1).',
    }),
    allowedSites: Type.Array(
      Type.String({ pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$', maxLength: 253 }),
      {
        default: [],
        maxItems: 50,
        description:
          "Hosts (such as www.mylibrary.org) besides Carrel's own whose pages may be counted; their pages may also call the endpoints across origins.",
      },
    ),
    ipv4Bits: Type.Integer({
      default: 24,
      minimum: 0,
      maximum: 24,
      description:
        'Leading bits of an IPv4 address kept; the rest are zeroed before anything is stored.',
    }),
    ipv6Bits: Type.Integer({
      default: 48,
      minimum: 0,
      maximum: 64,
      description:
        'Leading bits of an IPv6 address kept; the rest are zeroed before anything is stored.',
    }),
    queryAllowList: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }), {
      default: [],
      maxItems: 20,
      description:
        'Query-string parameters kept in a counted address (all others are dropped), such as a page number.',
    }),
    flushSeconds: Type.Integer({
      default: 10,
      minimum: 1,
      maximum: 300,
      description:
        'How often counted views are written to the statistics store in one transaction.',
    }),
    fiscalYearStartMonth: Type.Integer({
      default: 7,
      minimum: 1,
      maximum: 12,
      description:
        "Month (1-12) the library's fiscal year starts in, for the annual report; a fiscal year is named for the year it ends in, so with 7 (July) year 2026 runs from 1 July 2025 to 30 June 2026.",
    }),
    childCategories: Type.Array(CodeSchema, {
      default: ['child'],
      maxItems: 50,
      description:
        "Patron categories whose checkouts and renewals the annual report counts as children's circulation (KIDCIRCL).",
    }),
  },
  { additionalProperties: false, default: {} },
)
