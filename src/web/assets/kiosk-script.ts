import { KIOSK_LINK } from './kiosk-link.js'
import { KIOSK_SCREENS } from './kiosk-screens.js'

/**
 * The kiosk's script (`/assets/kiosk.js`), served from this site: the page's policy allows no
 * inline script. It wires the screens to the device API: set-up, signing in, the time left,
 * locking and unlocking, logging off, and the language switch (which carries the credential in
 * the next address's fragment, so switching does not need staff to set the computer up again).
 */
export const KIOSK_SCRIPT = `(function () {
'use strict';
${KIOSK_LINK}
${KIOSK_SCREENS}
link.onStatus = showStatus;
link.onLost = function () { say('kiosk-connection', w('offline')); };
link.onBack = function () { say('kiosk-connection', ''); };
link.onRevoked = function () {
  last = null;
  showScreen('enrol');
  say('enrol-problem', w('enrol.revoked'));
};

function start(token) {
  link.token = token;
  showScreen('connecting');
  return refresh().then(function () { openStream(); });
}

form('form-enrol', function () {
  var token = field('enrol-token');
  if (token === '') { byId('enrol-token').focus(); return; }
  attempt('enrol-problem', function () {
    return start(token).catch(function (err) {
      if (err && err.code === 'REVOKED') say('enrol-problem', w('enrol.invalid'));
      else { link.token = null; showScreen('enrol'); throw err; }
    });
  }, ['enrol-token']);
});

form('form-card', function () {
  if (missing(['card', 'pin'])) return;
  var body = { card: field('card'), pin: byId('pin').value };
  attempt('sign-in-problem', function () {
    return callDevice('session', body).then(signedIn);
  }, ['card', 'pin']);
});

form('form-guest', function () {
  if (missing(['guest-code'])) return;
  var body = { guestPass: field('guest-code') };
  attempt('sign-in-problem', function () {
    return callDevice('session', body).then(signedIn);
  }, ['guest-code']);
});

form('form-queue', function () {
  if (missing(['queue-card', 'queue-pin'])) return;
  var body = { card: field('queue-card'), pin: byId('queue-pin').value };
  attempt('queue-problem', function () {
    return callDevice('queue', body).then(function (place) {
      say('queued-body', w('queue.queued', { ticket: place.ticket }));
      showScreen('queued');
      clearTimeout(mine.endTimer);
      mine.endTimer = setTimeout(function () { if (view === 'queued') rest(); }, 30000);
    });
  }, ['queue-card', 'queue-pin']);
});

function signedIn(session) {
  mine.who = session && session.firstName ? w('session.hello', { name: session.firstName }) : session && session.guest ? w('session.guest') : '';
  mine.loggedOff = false;
  view = null;
  return refresh();
}

form('form-lock', function () {
  var code = byId('lock-code').value;
  if (!/^[0-9]{4,8}$/.test(code)) { say('lock-problem', w('lock.format')); byId('lock-code').focus(); return; }
  if (code !== byId('lock-repeat').value) { say('lock-problem', w('lock.mismatch')); byId('lock-repeat').focus(); return; }
  attempt('lock-problem', function () {
    return callDevice('lock', { code: code }).then(refresh);
  }, ['lock-code', 'lock-repeat']);
});

form('form-unlock', function () {
  if (missing(['unlock-code'])) return;
  var code = byId('unlock-code').value;
  attempt('unlock-problem', function () {
    return callDevice('unlock', { code: code }).then(function () { view = null; return refresh(); }, function (err) {
      if (err && err.code === 'UNLOCK_ATTEMPTS_EXHAUSTED') refresh().catch(function () { return undefined; });
      throw err;
    });
  }, ['unlock-code']);
});

document.addEventListener('click', function (e) {
  var target = e.target instanceof Element ? e.target.closest('[data-go], [data-action], [data-kiosk-language]') : null;
  if (target === null) return;
  if (target.hasAttribute('data-kiosk-language')) {
    if (link.token === null) return;
    e.preventDefault();
    window.location.assign(target.getAttribute('href') + '#' + encodeURIComponent(link.token));
    return;
  }
  var go = target.getAttribute('data-go');
  if (go === 'back' || go === 'welcome') { clearTimeout(mine.endTimer); rest(); }
  else if (go !== null) { say('sign-in-problem', ''); say('lock-problem', ''); showScreen(go); }
  if (target.getAttribute('data-action') === 'log-off') {
    mine.loggedOff = true;
    callDevice('logoff').then(refresh).catch(function (err) {
      mine.loggedOff = false;
      if (err && err.code !== 'REVOKED') say('kiosk-alert', refusal(err));
    });
  }
});

setInterval(function () { if (view === 'session' || view === 'lock' || view === 'locked') showTime(); }, 15000);

var fragment = window.location.hash.slice(1);
if (fragment === '') showScreen('enrol');
else {
  var token = '';
  try { token = decodeURIComponent(fragment); } catch (e) { token = ''; }
  start(token).catch(function (err) {
    if (err && err.code === 'REVOKED') return;
    say('kiosk-connection', w('offline'));
    openStream();
  });
}
})();
`
