/** Every environment variable Carrel reads, the config key it sets and how to parse it. */
export const ENV_VARS = {
  CARREL_DATA_DIR: { key: 'dataDir', type: 'string' },
  CARREL_DATABASE_URL: { key: 'databaseUrl', type: 'string' },
  CARREL_KEYSTORE_URL: { key: 'keystoreUrl', type: 'string' },
  CARREL_LOG_LEVEL: { key: 'logLevel', type: 'string' },
  CARREL_SHUTDOWN_GRACE_SECONDS: { key: 'shutdownGraceSeconds', type: 'integer' },
  CARREL_HTTP_HOST: { key: 'http.host', type: 'string' },
  CARREL_HTTP_PORT: { key: 'http.port', type: 'integer' },
  CARREL_TRUST_PROXY: { key: 'http.trustProxy', type: 'boolean' },
  CARREL_PROXY_HOPS: { key: 'http.proxyHops', type: 'integer' },
  CARREL_LIBRARY_NAME: { key: 'library.name', type: 'string' },
  CARREL_TIMEZONE: { key: 'library.timezone', type: 'string' },
  CARREL_HOLD_SHELF_DAYS: { key: 'circulation.holdShelfDays', type: 'integer' },
  CARREL_JOB_LEASE_SECONDS: { key: 'jobs.leaseSeconds', type: 'integer' },
  CARREL_FIELD_PHONE: { key: 'patrons.fields.phone', type: 'boolean' },
  CARREL_FIELD_SEX: { key: 'patrons.fields.sex', type: 'boolean' },
  CARREL_FIELD_LICENCE_NUMBER: { key: 'patrons.fields.licenceNumber', type: 'boolean' },
  CARREL_FIELD_BIRTH_DATE: { key: 'patrons.fields.birthDate', type: 'boolean' },
  CARREL_SHOW_ACCESS_LOG: { key: 'web.showAccessLog', type: 'boolean' },
  CARREL_SIP2_ENABLED: { key: 'sip2.enabled', type: 'boolean' },
  CARREL_SIP2_HOST: { key: 'sip2.host', type: 'string' },
  CARREL_SIP2_PORT: { key: 'sip2.port', type: 'integer' },
  CARREL_SIP2_MAX_CONNECTIONS_PER_ADDRESS: {
    key: 'sip2.maxConnectionsPerAddress',
    type: 'integer',
  },
  CARREL_SIP2_TLS_CERT_FILE: { key: 'sip2.tlsCertFile', type: 'string' },
  CARREL_SIP2_WORKERS: { key: 'sip2.workers', type: 'integer' },
  CARREL_SIP2_TLS_KEY_FILE: { key: 'sip2.tlsKeyFile', type: 'string' },
  CARREL_PIN_LOCKOUT_MAX_FAILURES: { key: 'cards.lockoutMaxFailures', type: 'integer' },
  CARREL_PIN_LOCKOUT_WINDOW_MINUTES: { key: 'cards.lockoutWindowMinutes', type: 'integer' },
  CARREL_WEAK_PIN_SCREEN: { key: 'cards.weakPinScreen', type: 'boolean' },
  CARREL_ARGON2_MEMORY_KIB: { key: 'security.argon2MemoryKiB', type: 'integer' },
  CARREL_ARGON2_TIME_COST: { key: 'security.argon2TimeCost', type: 'integer' },
  CARREL_ADDRESS_FAILURE_LIMIT: { key: 'security.addressFailureLimit', type: 'integer' },
  CARREL_CLOCK_OFFSET: { key: 'clock.offset', type: 'string' },
  CARREL_SMTP_URL: { key: 'mail.smtpUrl', type: 'string' },
  CARREL_MAIL_FROM: { key: 'mail.from', type: 'string' },
  CARREL_PUBLIC_URL: { key: 'http.publicUrl', type: 'string' },
  CARREL_LIBKI_ENABLED: { key: 'computers.libki.enabled', type: 'boolean' },
  CARREL_LIBKI_TOKEN: { key: 'computers.libki.token', type: 'string' },
  CARREL_STATISTICS_URL: { key: 'statistics.url', type: 'string' },
  CARREL_STATISTICS_ENABLED: { key: 'statistics.enabled', type: 'boolean' },
  CARREL_METRICS_ALLOW: { key: 'metrics.allow', type: 'list' },
  CARREL_METRICS_TOKEN: { key: 'metrics.token', type: 'string' },
  CARREL_BACKUP_KEYSTORE_DAYS: { key: 'backup.keystoreDays', type: 'integer' },
} as const satisfies Record<string, { key: string; type: EnvType }>

/** How a variable's text is read; a list is comma-separated (`127.0.0.1, 10.0.0.0/8`). */
export type EnvType = 'string' | 'integer' | 'boolean' | 'list'

export type Env = Record<string, string | undefined>

/** The process environment; the one place that reads it. */
export function processEnv(): Env {
  return process.env
}
