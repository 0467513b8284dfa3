import { blockPatronHandler } from './block-patron.js'
import { checkinHandler } from './checkin.js'
import { checkoutHandler } from './checkout.js'
import { endSessionHandler } from './end-session.js'
import { feePaidHandler } from './fee-paid.js'
import { holdHandler } from './hold.js'
import { itemInfoHandler } from './item-info.js'
import { itemStatusUpdateHandler } from './item-status-update.js'
import { loginHandler } from './login.js'
import { patronEnableHandler } from './patron-enable.js'
import { patronInfoHandler } from './patron-info.js'
import { patronStatusHandler } from './patron-status.js'
import { renewAllHandler } from './renew-all.js'
import { renewHandler } from './renew.js'
import { scStatusHandler } from './sc-status.js'
import type { Handler, RequestCode } from './types.js'

/** Every request Carrel answers, by command code. */
export const HANDLERS = {
  '93': loginHandler,
  '99': scStatusHandler,
  '23': patronStatusHandler,
  '01': blockPatronHandler,
  '63': patronInfoHandler,
  '11': checkoutHandler,
  '09': checkinHandler,
  '29': renewHandler,
  '65': renewAllHandler,
  '17': itemInfoHandler,
  '19': itemStatusUpdateHandler,
  '15': holdHandler,
  '35': endSessionHandler,
  '37': feePaidHandler,
  '25': patronEnableHandler,
} satisfies { [C in RequestCode]: Handler<C> }

export const isRequestCode = (code: string): code is RequestCode =>
  Object.prototype.hasOwnProperty.call(HANDLERS, code)
