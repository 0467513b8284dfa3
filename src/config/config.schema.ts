import { Type, type Static } from '@sinclair/typebox'
import { CodeSchema } from './code.schema.js'
import { MetricsSettings } from './metrics-config.js'
import { StatisticsSettings } from './statistics.schema.js'

const Bool = (def: boolean, description: string) => Type.Boolean({ default: def, description })
const Int = (def: number, min: number, max: number, description: string) =>
  Type.Integer({ default: def, minimum: min, maximum: max, description })

/** Optional registration fields a library may switch off; a switched-off field is never stored. */
export const OptionalPatronFields = Type.Object(
  {
    phone: Bool(true, 'Collect a phone number.'),
    sex: Bool(true, 'Collect sex.'),
    licenceNumber: Bool(true, "Collect a driver's license number."),
    birthDate: Bool(true, 'Collect a date of birth.'),
  },
  { additionalProperties: false, default: {} },
)

/** Private and loopback ranges: the Libki endpoint answers only the library's own network. */
export const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  '::1/128',
]

/** The opt-in endpoint Libki's kiosk client talks to (src/http/routes/libki.routes.ts). */
export const LibkiSettings = Type.Object(
  {
    enabled: Bool(
      false,
      "Answer Libki's kiosk client at GET /api/client/v1_0; only on the library's network, behind a TLS reverse proxy (the client sends card numbers and PINs in the URL).",
    ),
    token: Type.Optional(
      Type.String({
        minLength: 24,
        maxLength: 200,
        pattern: '^[\\x21-\\x7e]+$',
        description:
          'The shared secret every Libki client sends in the header named by `header` (its customHeaderName and customHeaderValue settings); required when enabled.',
      }),
    ),
    header: Type.String({
      default: 'X-Carrel-Libki-Token',
      pattern: '^[A-Za-z0-9-]{1,64}$',
      description: 'Name of the request header that carries the token.',
    }),
    allowFrom: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      default: PRIVATE_RANGES,
      minItems: 1,
      maxItems: 100,
      description:
        "Network ranges (CIDR) the Libki clients connect from; anyone else is refused. Behind a reverse proxy set http.trustProxy so the address is the client's, not the proxy's.",
    }),
  },
  { additionalProperties: false, default: {} },
)

export const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({
      default: './data',
      minLength: 1,
      description: 'Directory for the SQLite files and the master key file.',
    }),
    databaseUrl: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        description: 'PostgreSQL URL of the records database; SQLite files are used when unset.',
      }),
    ),
    keystoreUrl: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        description:
          'PostgreSQL URL of the key store; defaults to the records database name with "_keys" appended.',
      }),
    ),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    shutdownGraceSeconds: Int(
      20,
      1,
      600,
      "On SIGTERM or SIGINT, how long `carrel serve` lets requests, SIP2 answers and a running job finish before it gives up and exits with an error; keep a service manager's stop timeout longer.",
    ),
    http: Type.Object(
      {
        host: Type.String({ default: '0.0.0.0', minLength: 1 }),
        port: Int(3000, 0, 65535, 'TCP port of the web server.'),
        trustProxy: Bool(
          false,
          'Behind a reverse proxy or load balancer: take the client address from X-Forwarded-For, as added by the trusted proxies (see proxyHops), never from what the client wrote there itself.',
        ),
        proxyHops: Int(
          1,
          1,
          10,
          'How many proxies stand between clients and Carrel when trustProxy is on; the client address is the one the outermost of them saw.',
        ),
        publicUrl: Type.String({
          default: 'http://localhost:3000',
          pattern: '^https?://[^\\s]+$',
          maxLength: 300,
          description:
            'The address patrons use to reach Carrel, without a trailing slash; links in emails (newsletter confirmation and unsubscribe) start with it.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    library: Type.Object(
      {
        name: Type.String({ default: 'Carrel Public Library', minLength: 1 }),
        timezone: Type.String({
          default: 'America/Chicago',
          minLength: 1,
          description: 'IANA time zone for due dates and closed days.',
        }),
        branches: Type.Array(CodeSchema, {
          default: ['main'],
          minItems: 1,
          uniqueItems: true,
          description:
            'Branch codes created at first start (such as CPL or BR1), kept as written; later changes go through the API.',
        }),
        patronCategories: Type.Array(CodeSchema, {
          default: ['adult', 'child', 'senior', 'staff'],
          minItems: 1,
          uniqueItems: true,
          description:
            'Patron category codes created at first start, kept as written; later changes go through the API.',
        }),
        privacyContact: Type.Optional(
          Type.Object(
            {
              name: Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'Who answers privacy questions, as patrons should address them.',
              }),
              email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 200 })),
              phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
            },
            {
              additionalProperties: false,
              description:
                'Named on the privacy notice; without it the notice sends patrons to any desk.',
            },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    patrons: Type.Object(
      {
        fields: OptionalPatronFields,
        cardValidityDays: Int(3 * 365, 1, 20 * 365, 'Default card validity for new registrations.'),
      },
      { additionalProperties: false, default: {} },
    ),
    cards: Type.Object(
      {
        barcodePrefix: Type.String({ default: '2', pattern: '^[0-9]{0,8}$' }),
        barcodeLength: Int(14, 6, 20, 'Total barcode length including the prefix and check digit.'),
        checkDigit: Type.Union([Type.Literal('luhn'), Type.Literal('none')], { default: 'luhn' }),
        pinMinLength: Int(4, 4, 12, 'Shortest PIN accepted.'),
        pinMaxLength: Int(8, 4, 12, 'Longest PIN accepted.'),
        weakPinScreen: Bool(
          true,
          'Refuse repeated or sequential digits, the birth year and the end of the phone number.',
        ),
        lockoutMaxFailures: Int(5, 1, 100, 'Failed PIN checks that lock a card.'),
        lockoutWindowMinutes: Int(15, 1, 24 * 60, 'Window in which failed PIN checks are counted.'),
      },
      { additionalProperties: false, default: {} },
    ),
    circulation: Type.Object(
      {
        holdShelfDays: Int(7, 1, 60, 'Days a filled hold waits on the hold shelf.'),
        holdsPerPatron: Int(25, 1, 500, 'Most holds one patron may have at once.'),
      },
      { additionalProperties: false, default: {} },
    ),
    jobs: Type.Object(
      {
        leaseSeconds: Int(
          120,
          10,
          3600,
          "Length of a scheduled job's lease, renewed every third of it while the job runs; a process that dies mid-run holds the job this long at most.",
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    mail: Type.Object(
      {
        smtpUrl: Type.Optional(
          Type.String({
            pattern: '^smtps?://',
            description:
              'Mail server: smtp://user:password@host:587 (STARTTLS when the server offers it) or smtps://… (TLS from the start). Unset, mail is written to <dataDir>/mail/ instead and shown to staff as not sent.',
          }),
        ),
        from: Type.String({
          default: 'Carrel Public Library <library@example.org>',
          minLength: 3,
          maxLength: 200,
          description: 'The sender of every notice: an address, or "Name <address>".',
        }),
        replyTo: Type.Optional(
          Type.String({
            minLength: 3,
            maxLength: 200,
            description: 'Where patrons’ replies go, when not to the sender.',
          }),
        ),
        batchSize: Int(50, 1, 1000, 'Notices one run of the outbox worker claims at a time.'),
        maxAttempts: Int(
          8,
          1,
          50,
          'Tries before a notice the mail server keeps refusing for now is marked failed.',
        ),
        retryMinutes: Int(
          5,
          1,
          24 * 60,
          'Wait before the first retry; each later retry waits twice as long as the one before.',
        ),
        maxRetryMinutes: Int(6 * 60, 1, 7 * 24 * 60, 'The longest wait between two tries.'),
        leaseSeconds: Int(
          300,
          30,
          3600,
          'How long a worker holds the notices it has claimed; a notice still held after this (its worker died) is taken over by another worker.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    notices: Type.Object(
      {
        accountUrl: Type.String({
          default: 'http://localhost:3000/account',
          pattern: '^https?://[^\\s]+$',
          maxLength: 300,
          description:
            'The address of the patron account pages, linked from every notice (a notice that names no titles sends the patron there to see them).',
        }),
        hold_ready: Type.Object(
          { enabled: Bool(true, 'Send a notice when a hold is ready to pick up.') },
          { additionalProperties: false, default: {} },
        ),
        courtesy: Type.Object(
          {
            enabled: Bool(true, 'Send a reminder before items are due.'),
            daysBefore: Int(2, 1, 14, 'Days before the due date the reminder is sent.'),
          },
          { additionalProperties: false, default: {} },
        ),
        overdue: Type.Object(
          {
            enabled: Bool(true, 'Send overdue notices (a first and a second).'),
            firstDaysAfter: Int(
              1,
              1,
              60,
              'Days after the due date the first overdue notice is sent.',
            ),
            secondDaysAfter: Int(
              14,
              2,
              180,
              'Days after the due date the second overdue notice is sent; later than the first.',
            ),
          },
          { additionalProperties: false, default: {} },
        ),
        lost_billed: Type.Object(
          { enabled: Bool(true, 'Send a notice when an item is declared lost and billed.') },
          { additionalProperties: false, default: {} },
        ),
        card_expiring: Type.Object(
          {
            enabled: Bool(true, 'Send a notice before a library card expires.'),
            daysBefore: Int(30, 1, 180, 'Days before the expiry date the notice is sent.'),
          },
          { additionalProperties: false, default: {} },
        ),
        pin_changed: Type.Object(
          {
            enabled: Bool(
              true,
              'Send a security notice when a card’s PIN is changed (patrons cannot turn it off).',
            ),
          },
          { additionalProperties: false, default: {} },
        ),
        policy_change: Type.Object(
          {
            enabled: Bool(
              true,
              'Email patrons who asked to hear about changes to the privacy policy when a new version is adopted.',
            ),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      {
        additionalProperties: false,
        default: {},
        description:
          'Notice types the library sends. The lapsed-registration erasure warning is always sent: erasure waits for it.',
      },
    ),
    forms: Type.Object(
      {
        submissionsPerAddress: Int(
          5,
          1,
          1000,
          'Forms sent from one network address on the public site (ask a librarian, suggestions, records requests) within security.addressWindowMinutes; more are refused with 429 so a flood cannot fill the database.',
        ),
        submissionsPerDay: Int(
          500,
          1,
          100000,
          'Submissions of each public form accepted in one day from everyone together; past it the form asks people to try again tomorrow, whatever network addresses a flood comes from.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    inquiries: Type.Object(
      {
        keepClosedDays: Int(
          30,
          1,
          3650,
          'Days a reference inquiry (ask a librarian) is kept after it was answered or closed; then its question, reply and contact details are erased with their key.',
        ),
        keepUnansweredDays: Int(
          180,
          1,
          3650,
          'Days an inquiry or change-of-address request that was never answered or closed is kept after it was sent; then it is erased with its key.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    records: Type.Object(
      {
        suggestionDays: Int(
          730,
          30,
          36_500,
          'Days a suggestion sent through the public form is kept as a public record after it arrives (set it to the local records schedule); then it is destroyed with its sender’s details, unless a records request still lists it.',
        ),
        requestDays: Int(
          1095,
          30,
          36_500,
          'Days a records (FOIA) request and the list of records found for it are kept after it is closed (fulfilled, denied or withdrawn), as the local records schedule allows.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    newsletter: Type.Object(
      {
        confirmDays: Int(
          7,
          1,
          60,
          'Days a newsletter sign-up waits for its confirmation link to be followed; an unconfirmed sign-up is erased after that.',
        ),
        signUpsPerAddress: Int(
          10,
          1,
          1000,
          'Sign-ups on the public newsletter form allowed from one network address within security.addressWindowMinutes; each sends a confirmation message, so the form cannot be used to flood an inbox.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    computers: Type.Object(
      {
        lockMinutes: Int(
          10,
          1,
          60,
          'Minutes a public computer may stay locked for a short absence; the session then ends.',
        ),
        sweepHours: Int(
          24,
          1,
          24,
          'Hours after its start by which a computer session, with its link between patron and computer, is deleted even if it never ended.',
        ),
        callMinutes: Int(
          10,
          1,
          60,
          'Minutes a person called from the computer waiting list has to sign in at the computer held for them; after that the next person is called.',
        ),
        libki: LibkiSettings,
      },
      { additionalProperties: false, default: {} },
    ),
    retention: Type.Object(
      {
        authorities: Type.Record(
          Type.String({ minLength: 1 }),
          Type.Object(
            {
              application: Type.String({ minLength: 1, maxLength: 40 }),
              item: Type.String({ minLength: 1, maxLength: 40 }),
              certificate: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            },
            { additionalProperties: false },
          ),
          {
            default: {},
            description:
              'Local Records Commission approval per record series; a series without one is never purged.',
          },
        ),
        erasureWarningDays: Int(
          30,
          1,
          365,
          'Days between warning an inactive patron and erasing them.',
        ),
        batchSize: Int(5000, 100, 100_000, 'Rows per transaction in a retention sweep.'),
        compactAfterSweep: Bool(
          true,
          'After each sweep, clear deleted rows from the database files: empty the SQLite WAL; rewrite the PostgreSQL tables that linked patrons to items (VACUUM FULL locks each table while it runs).',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    web: Type.Object(
      {
        showAccessLog: Bool(
          true,
          'Let signed-in patrons see when staff looked at their record (role and date).',
        ),
        thirdPartyDatabases: Type.Array(
          Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              url: Type.String({ pattern: '^https?://', maxLength: 500 }),
              privacyPolicy: Type.Optional(
                Type.String({
                  pattern: '^https?://',
                  maxLength: 500,
                  description:
                    "The address of the vendor's own privacy policy, linked (through the exit notice) beside the database; left out, the page says the vendor publishes none the library could link.",
                }),
              ),
              description: Type.Union(
                [
                  Type.String({ maxLength: 300 }),
                  Type.Object(
                    {
                      en: Type.Optional(Type.String({ maxLength: 300 })),
                      es: Type.Optional(Type.String({ maxLength: 300 })),
                    },
                    { additionalProperties: false },
                  ),
                ],
                {
                  default: '',
                  description:
                    'One text for every language, or one per language ({ "en": "…", "es": "…" }); a language without its own text shows the English one.',
                },
              ),
            },
            { additionalProperties: false },
          ),
          {
            default: [
              {
                name: 'Encyclopedia Online',
                url: 'https://encyclopedia.example.com/',
                privacyPolicy: 'https://encyclopedia.example.com/legal/privacy',
                description: {
                  en: 'General reference articles.',
                  es: 'Artículos de consulta general.',
                },
              },
              {
                name: 'Newspaper Archive',
                url: 'https://news-archive.example.com/',
                privacyPolicy: 'https://news-archive.example.com/privacy-policy',
                description: {
                  en: 'Local and national newspapers back to 1900.',
                  es: 'Periódicos locales y nacionales desde 1900.',
                },
              },
            ],
            maxItems: 200,
          },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    sip2: Type.Object(
      {
        enabled: Bool(true, 'Start the SIP2 server with "carrel serve".'),
        host: Type.String({ default: '0.0.0.0', minLength: 1 }),
        port: Int(6001, 0, 65535, 'TCP port of the SIP2 server.'),
        requireLogin: Bool(true, 'Refuse every message but 99 (SC status) before a 93 login.'),
        idleTimeoutSeconds: Int(
          600,
          5,
          86_400,
          'Close a connection that sends no complete message for this long.',
        ),
        maxConnections: Int(64, 1, 10_000, 'Most SIP2 connections at once.'),
        maxConnectionsPerAddress: Int(
          8,
          1,
          10_000,
          'Most SIP2 connections at once from one remote address; more are closed at once. Raise it when many machines share one address (NAT).',
        ),
        pinMemorySeconds: Int(
          300,
          0,
          3600,
          'A connection recognises a card and PIN it verified within this many idle seconds without Argon2 (0: check every time). Forgotten at end of patron session, on a wrong or different PIN, and when the card is locked, lost or changed.',
        ),
        loginTimeoutSeconds: Int(
          30,
          5,
          3600,
          'With requireLogin, close a connection that has not logged in (93) this long after connecting.',
        ),
        maxMessageBytes: Int(4096, 256, 65_536, 'Longest message accepted.'),
        unknownCommands: Type.Union([Type.Literal('ignore'), Type.Literal('resend')], {
          default: 'ignore',
          description:
            "A command Carrel does not know, before login: 'ignore' leaves it unanswered (the SIP2 specification), 'resend' answers 96. After login each SIP account's own setting applies.",
        }),
        tlsCertFile: Type.Optional(
          Type.String({
            minLength: 1,
            description: 'PEM certificate; with tlsKeyFile, SIP2 is served over TLS.',
          }),
        ),
        tlsKeyFile: Type.Optional(Type.String({ minLength: 1 })),
        workers: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 64,
            description:
              'SIP2 worker processes, each serving its share of the connections on its own core (the serving process keeps the listening socket and the connection limits). Unset: on PostgreSQL the number of CPUs, at most 8; on SQLite 1 (its writers take turns on one file, so more processes measured slower). 1 serves SIP2 in the serving process itself.',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    clock: Type.Object(
      {
        offset: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'Move the clock of a demo library (training only): a whole number and d, h or m, such as 40d, -3d, 12h or 90m. Refused unless the data directory was created as a demo.',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    security: Type.Object(
      {
        argon2MemoryKiB: Int(19456, 256, 1048576, 'Argon2id memory cost for passwords and PINs.'),
        argon2TimeCost: Int(2, 1, 20, 'Argon2id iterations.'),
        addressFailureLimit: Int(
          20,
          1,
          10_000,
          'Wrong PINs and passwords one network address may send in addressWindowMinutes before it must wait (counted across every Carrel process).',
        ),
        addressWindowMinutes: Int(
          15,
          1,
          24 * 60,
          'Window in which wrong PINs and passwords are counted per network address.',
        ),
        staffTokenMinutes: Int(480, 5, 7 * 24 * 60, 'Lifetime of a staff API credential.'),
      },
      { additionalProperties: false, default: {} },
    ),
    statistics: StatisticsSettings,
    metrics: MetricsSettings,
    backup: Type.Object(
      {
        keystoreDays: Int(
          30,
          1,
          366,
          'Days a backup of the key store may be restored; after that it is refused and "carrel backup prune" deletes it, so an erasure becomes final everywhere.',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
)

export type Config = Static<typeof ConfigSchema>
export type PatronFieldSwitches = Static<typeof OptionalPatronFields>
