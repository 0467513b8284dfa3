import type { Config } from '../config/config.js'
import type { OutgoingMail } from '../comms/mail-transport.js'
import { escapeHtml } from '../comms/newsletter-render.js'
import { translator } from '../i18n/i18n.js'

/** The library's answer to a suggestion, in the language the suggestion was written in. */
export function answerMail(
  config: Config,
  locale: 'en' | 'es',
  p: { to: string; name: string | undefined; message: string; answer: string },
): OutgoingMail {
  const t = translator(locale)
  const library = config.library.name
  const subject = t('records.answerMail.subject', { library })
  const greeting =
    p.name === undefined
      ? t('records.answerMail.hello')
      : t('records.answerMail.helloName', { name: p.name })
  const quoted = t('records.answerMail.youWrote')
  const publicNote = t('records.answerMail.publicRecord')
  const text = [
    greeting,
    '',
    p.answer,
    '',
    `${quoted}`,
    ...p.message.split('\n').map((l) => `> ${l}`),
    '',
    publicNote,
    '',
    library,
  ].join('\n')
  const para = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em;">',
    para(greeting),
    para(p.answer),
    para(quoted),
    `<blockquote>${para(p.message)}</blockquote>`,
    para(publicNote),
    para(library),
    '</body></html>',
  ].join('\n')
  return { to: p.to, subject, text, html, language: locale }
}
