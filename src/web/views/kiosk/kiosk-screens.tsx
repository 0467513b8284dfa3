import type { ComponentChildren, VNode } from 'preact'
import { useI18n } from '../../locale.js'

/** One screen of the kiosk: hidden until the script shows it; its heading takes the focus. */
export function Screen(p: { name: string; heading: string; children?: ComponentChildren }): VNode {
  return (
    <section id={`screen-${p.name}`} data-screen={p.name} aria-labelledby={`h-${p.name}`} hidden>
      <h1 id={`h-${p.name}`} tabIndex={-1}>
        {p.heading}
      </h1>
      {p.children}
    </section>
  )
}

/** A labelled input the script reads; none of these forms is ever sent by the browser itself. */
function Input(p: {
  id: string
  label: string
  type?: 'text' | 'password'
  numeric?: boolean
  maxLength: number
  pattern?: string
}): VNode {
  // Preact types each input type apart; one component serves both, so the attributes are spread.
  const attributes: object = {
    id: p.id,
    name: p.id,
    type: p.type ?? 'text',
    required: true,
    autocomplete: 'off',
    spellcheck: false,
    maxLength: p.maxLength,
    inputMode: p.numeric === true ? 'numeric' : undefined,
    pattern: p.pattern,
  }
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input {...attributes} />
    </div>
  )
}

/** A refusal shown next to its form; the script fills it in. */
const Problem = ({ id }: { id: string }): VNode => (
  <p id={id} class="error-text" role="alert" aria-live="assertive" />
)

/** Every screen of the kiosk, in the order a session goes through them. */
export function KioskScreens(): VNode {
  const { t } = useI18n()
  return (
    <>
      <p id="kiosk-connection" class="kiosk-connection" role="status" aria-live="polite" />
      <div id="kiosk-alert" class="kiosk-alert" role="alert" aria-live="assertive" />
      <div id="kiosk-messages" class="kiosk-messages" aria-live="assertive" />

      <Screen name="enrol" heading={t('kiosk.enrol.heading')}>
        <p>{t('kiosk.enrol.intro')}</p>
        <form id="form-enrol" novalidate>
          <Input id="enrol-token" label={t('kiosk.enrol.label')} type="password" maxLength={200} />
          <Problem id="enrol-problem" />
          <button type="submit">{t('kiosk.enrol.submit')}</button>
        </form>
        <p class="hint measure">{t('kiosk.enrol.startUp')}</p>
      </Screen>

      <Screen name="connecting" heading={t('kiosk.connecting')} />

      <Screen name="welcome" heading={t('kiosk.welcome.heading')}>
        <p class="lead">{t('kiosk.welcome.intro')}</p>
        <h2>{t('kiosk.welcome.termsHeading')}</h2>
        <ul class="kiosk-terms measure">
          <li>{t('kiosk.welcome.term1')}</li>
          <li>{t('kiosk.welcome.term2')}</li>
          <li>{t('kiosk.welcome.term3')}</li>
          <li>{t('kiosk.welcome.term4')}</li>
          <li>{t('kiosk.welcome.term5')}</li>
        </ul>
        <button type="button" data-go="sign-in">
          {t('kiosk.welcome.accept')}
        </button>
      </Screen>

      <Screen name="sign-in" heading={t('kiosk.signIn.heading')}>
        <Problem id="sign-in-problem" />
        <div class="grid-2">
          <form id="form-card" novalidate>
            <fieldset>
              <legend>{t('kiosk.signIn.cardLegend')}</legend>
              <Input id="card" label={t('kiosk.signIn.card')} maxLength={40} />
              <Input id="pin" label={t('kiosk.signIn.pin')} type="password" maxLength={40} />
              <button type="submit">{t('kiosk.signIn.submit')}</button>
            </fieldset>
          </form>
          <form id="form-guest" novalidate>
            <fieldset>
              <legend>{t('kiosk.signIn.guestLegend')}</legend>
              <Input id="guest-code" label={t('kiosk.signIn.guestCode')} maxLength={40} />
              <button type="submit">{t('kiosk.signIn.guestSubmit')}</button>
            </fieldset>
          </form>
        </div>
        <button type="button" class="button secondary" data-go="back">
          {t('kiosk.signIn.back')}
        </button>
      </Screen>

      <Screen name="session" heading={t('kiosk.session.heading')}>
        <p id="session-who" class="lead" />
        <p id="session-left" class="kiosk-time" role="timer" aria-atomic="true" />
        <p class="hint">{t('kiosk.session.saveHint')}</p>
        <div class="actions">
          <button type="button" data-action="log-off">
            {t('kiosk.session.logOff')}
          </button>
          <button type="button" class="button secondary" data-go="lock">
            {t('kiosk.session.lock')}
          </button>
        </div>
      </Screen>

      <Screen name="lock" heading={t('kiosk.lock.heading')}>
        <p class="measure">{t('kiosk.lock.intro')}</p>
        <form id="form-lock" novalidate>
          <Input
            id="lock-code"
            label={t('kiosk.lock.code')}
            type="password"
            numeric
            maxLength={8}
            pattern="[0-9]{4,8}"
          />
          <Input
            id="lock-repeat"
            label={t('kiosk.lock.repeat')}
            type="password"
            numeric
            maxLength={8}
            pattern="[0-9]{4,8}"
          />
          <Problem id="lock-problem" />
          <div class="actions">
            <button type="submit">{t('kiosk.lock.submit')}</button>
            <button type="button" class="button secondary" data-go="session">
              {t('kiosk.lock.cancel')}
            </button>
          </div>
        </form>
      </Screen>

      <Screen name="locked" heading={t('kiosk.locked.heading')}>
        <p class="measure">{t('kiosk.locked.intro')}</p>
        <form id="form-unlock" novalidate>
          <Input
            id="unlock-code"
            label={t('kiosk.locked.code')}
            type="password"
            numeric
            maxLength={8}
          />
          <Problem id="unlock-problem" />
          <button type="submit">{t('kiosk.locked.submit')}</button>
        </form>
      </Screen>

      <Screen name="reserved" heading={t('kiosk.reserved.heading')}>
        <p id="reserved-body" class="lead" />
        <p id="reserved-mine" />
        <div class="actions">
          <button type="button" data-go="sign-in">
            {t('kiosk.reserved.signIn')}
          </button>
          <button type="button" class="button secondary" data-go="queue">
            {t('kiosk.queue.join')}
          </button>
        </div>
      </Screen>

      <Screen name="out-of-service" heading={t('kiosk.outOfService.heading')}>
        <p class="lead">{t('kiosk.outOfService.body')}</p>
        <button type="button" class="button secondary" data-go="queue">
          {t('kiosk.queue.join')}
        </button>
      </Screen>

      <Screen name="queue" heading={t('kiosk.queue.heading')}>
        <p class="measure">{t('kiosk.queue.intro')}</p>
        <form id="form-queue" novalidate>
          <Input id="queue-card" label={t('kiosk.signIn.card')} maxLength={40} />
          <Input id="queue-pin" label={t('kiosk.signIn.pin')} type="password" maxLength={40} />
          <Problem id="queue-problem" />
          <div class="actions">
            <button type="submit">{t('kiosk.queue.submit')}</button>
            <button type="button" class="button secondary" data-go="back">
              {t('kiosk.signIn.back')}
            </button>
          </div>
        </form>
      </Screen>

      <Screen name="queued" heading={t('kiosk.queue.queuedHeading')}>
        <p id="queued-body" class="lead" />
        <p class="measure">{t('kiosk.queue.queuedHow')}</p>
        <button type="button" data-go="welcome">
          {t('kiosk.ended.again')}
        </button>
      </Screen>

      <Screen name="ended" heading={t('kiosk.ended.heading')}>
        <p id="ended-body" class="lead" />
        <button type="button" data-go="welcome">
          {t('kiosk.ended.again')}
        </button>
      </Screen>
    </>
  )
}
