import { isbot } from 'isbot'

/** What a counting request says about itself (header values as received). */
export interface HitHeaders {
  userAgent?: string | undefined
  gpc?: string | undefined
  dnt?: string | undefined
  purpose?: string | undefined
  secPurpose?: string | undefined
}

export interface FilterSettings {
  honourGpc: boolean
  honourDnt: boolean
}

export type SkipReason = 'gpc' | 'dnt' | 'bot' | 'prefetch'

/**
 * Why a request is not counted, or undefined when it is. A browser asking not to be tracked
 * (Global Privacy Control, Do Not Track) is not counted at all; neither are robots (isbot's
 * maintained list, and any client that gives no User-Agent) nor prefetches nobody looked at.
 */
export function skipReason(headers: HitHeaders, settings: FilterSettings): SkipReason | undefined {
  if (settings.honourGpc && headers.gpc?.trim() === '1') return 'gpc'
  if (settings.honourDnt && headers.dnt?.trim() === '1') return 'dnt'
  const agent = headers.userAgent?.trim() ?? ''
  if (agent === '' || isbot(agent)) return 'bot'
  const purpose = `${headers.purpose ?? ''} ${headers.secPurpose ?? ''}`.toLowerCase()
  if (purpose.includes('prefetch') || purpose.includes('prerender')) return 'prefetch'
  return undefined
}
