import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/config.js'
import { redactedSmtpUrl } from '../../src/config/secrets.js'
import { classifySmtpError, scrubReason } from '../../src/comms/mail-transport.js'
import { JOBS } from '../../src/jobs/scheduler.js'

const problems = (env: Record<string, string>, overrides: Record<string, unknown> = {}) => {
  try {
    loadConfig({ env, overrides })
    return []
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
}

describe('mail configuration', () => {
  it('reads CARREL_SMTP_URL and the sender, with the maildrop as the default', () => {
    expect(loadConfig({ env: {} }).mail.smtpUrl).toBeUndefined()
    const c = loadConfig({
      env: {
        CARREL_SMTP_URL: 'smtps://lib:p%40ss@mail.example.org:465',
        CARREL_MAIL_FROM: 'Town Library <notices@town.example>',
      },
      overrides: { mail: { replyTo: 'desk@town.example' } },
    })
    expect(c.mail).toMatchObject({
      smtpUrl: 'smtps://lib:p%40ss@mail.example.org:465',
      from: 'Town Library <notices@town.example>',
      replyTo: 'desk@town.example',
    })
  })

  it('refuses a bad mail server URL by its key, without repeating the password', () => {
    for (const url of [
      'http://u:hunter2@mail.example.org',
      'smtp://u:hunter2@',
      'smtp//u:hunter2@x',
    ]) {
      const found = problems({ CARREL_SMTP_URL: url })
      expect(found.join('\n'), url).toMatch(/mail\.smtpUrl.*CARREL_SMTP_URL/)
      expect(found.join('\n'), url).not.toContain('hunter2')
    }
    expect(problems({ CARREL_SMTP_URL: 'smtp://u:hunter2@mail.example.org:587/x' }).join()).toMatch(
      /path/,
    )
  })

  it('refuses a sender or reply address that is not one mailbox on one line', () => {
    expect(problems({ CARREL_MAIL_FROM: 'not an address' }).join()).toMatch(/^mail\.from/)
    expect(problems({ CARREL_MAIL_FROM: 'a@b.example\r\nBcc: x@y.example' }).join()).toMatch(
      /^mail\.from/,
    )
    expect(problems({}, { mail: { replyTo: 'desk' } }).join()).toMatch(/^mail\.replyTo/)
    expect(problems({}, { mail: { retryMinutes: 60, maxRetryMinutes: 30 } }).join()).toMatch(
      /maxRetryMinutes/,
    )
  })

  it('never shows the password in a log line', () => {
    expect(redactedSmtpUrl('smtp://lib:hunter2@mail.example.org:587')).toBe(
      'smtp://lib:***@mail.example.org:587',
    )
  })

  it('sorts server answers: 4xx for later, 5xx for good, sign-in and connection failures stop the run', () => {
    expect(classifySmtpError({ responseCode: 451, response: '451 later' })).toMatchObject({
      permanent: false,
      stopRun: false,
    })
    expect(
      classifySmtpError({ responseCode: 550, response: '550 <a@b.example> unknown' }),
    ).toMatchObject({
      permanent: true,
      stopRun: false,
      reason: '550 <address> unknown',
    })
    expect(
      classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 no' }),
    ).toMatchObject({
      permanent: false,
      stopRun: true,
    })
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect refused' })).toMatchObject({
      permanent: false,
      stopRun: true,
    })
    expect(scrubReason('user jo.smith+x@mail.example.org\r\nrejected')).toBe(
      'user <address> rejected',
    )
  })

  it('runs the outbox worker as a scheduled job', () => {
    expect(JOBS.find((j) => j.name === 'notices-send')?.pattern).toBe('*/5 * * * *')
  })
})
