import type { Catalog, Translation } from '../catalog.js'
import { account } from './account.js'
import { branches } from './branches.js'
import { common } from './common.js'
import { errors } from './errors.js'
import { mail } from './mail.js'
import { newsletter } from './newsletter.js'
import { newsletterMail } from './newsletter-mail.js'
import { inquiries } from './inquiries.js'
import { notice } from './notice.js'
import { policy } from './policy.js'
import { publicPages } from './public.js'
import { records } from './records.js'
import { computerQueue } from './computer-queue.js'
import { kiosk } from './kiosk.js'
import { staffComputers } from './staff-computers.js'
import { staffAnnual } from './staff-annual.js'
import { staffStatistics } from './staff-statistics.js'

export const es: Translation<Catalog> = {
  common,
  errors,
  public: publicPages,
  account,
  notice,
  mail,
  newsletter,
  newsletterMail,
  policy,
  inquiries,
  records,
  branches,
  computerQueue,
  kiosk,
  staffComputers,
  staffAnnual,
  staffStatistics,
}
