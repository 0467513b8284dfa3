/**
 * The kiosk script's screens: which one shows for the computer's state, the time left, the
 * warnings and staff messages (live regions), and the forms. Every text comes from the page's
 * words (the catalog, in the page's language); staff messages are set as text, never as markup.
 */
export const KIOSK_SCREENS = `
var words = JSON.parse(document.getElementById('kiosk-words').getAttribute('data-words'));
var plurals = new Intl.PluralRules(words._tag);
var view = null;
var last = null;
var mine = { who: '', loggedOff: false, warned: {}, minutes: null, at: 0, endTimer: null };

function w(key, values) {
  var text = words[key] || words['refusals.generic'];
  Object.keys(values || {}).forEach(function (name) { text = text.split('{{' + name + '}}').join(String(values[name])); });
  return text;
}
function counted(key, n) {
  var text = words[key + '_' + plurals.select(n)] || words[key + '_other'];
  return text.split('{{count}}').join(String(n));
}
function byId(id) { return document.getElementById(id); }
function say(id, text) { var el = byId(id); if (el) el.textContent = text; }

function showScreen(name) {
  view = name;
  var screen = null;
  document.querySelectorAll('[data-screen]').forEach(function (s) {
    s.hidden = s.getAttribute('data-screen') !== name;
    if (!s.hidden) screen = s;
  });
  if (screen === null) return;
  var input = screen.querySelector('input');
  (input || byId('h-' + name)).focus();
}

function refusal(err) {
  if (err && err.code === 'NETWORK') return w('refusals.network');
  if (err && err.code && words['refusals.' + err.code]) return w('refusals.' + err.code);
  if (err && err.status === 429) return w('refusals.RATE_LIMITED');
  return w('refusals.generic');
}

function minutesNow() {
  if (mine.minutes === null) return null;
  return Math.max(0, mine.minutes - Math.floor((Date.now() - mine.at) / 60000));
}

function warn(level) {
  if (mine.warned[level]) return;
  mine.warned[level] = true;
  if (level === 5 && mine.warned[1]) return;
  say('kiosk-alert', w(level === 1 ? 'warning.one' : 'warning.five'));
}

function showTime() {
  var left = minutesNow();
  if (left === null) return;
  var text = counted('session.left', left);
  if (byId('session-left').textContent !== text) say('session-left', text);
  if (left <= 1) warn(1); else if (left <= 5) warn(5);
}

function addMessage(text) {
  var box = document.createElement('div');
  box.className = 'notice kiosk-message';
  var heading = document.createElement('h2');
  heading.textContent = w('message.heading');
  var body = document.createElement('p');
  body.textContent = text;
  var ok = document.createElement('button');
  ok.type = 'button';
  ok.textContent = w('message.dismiss');
  ok.addEventListener('click', function () {
    box.remove();
    var h = byId('h-' + view);
    if (h) h.focus();
  });
  box.append(heading, body, ok);
  byId('kiosk-messages').append(box);
}

/** The screen for the computer's state when nothing of the patron's own is open. */
function rest() {
  var s = last || { state: 'idle' };
  if (s.state === 'in_session') showScreen('session');
  else if (s.state === 'locked') showScreen('locked');
  else if (s.state === 'out_of_service') showScreen('out-of-service');
  else if (s.state === 'reserved') showScreen('reserved');
  else showScreen('welcome');
}

function ended(kind) {
  var heading = { timeUp: 'ended.timeUpHeading', loggedOff: 'ended.loggedOffHeading', ended: 'ended.heading' }[kind];
  var body = { timeUp: 'ended.timeUpBody', loggedOff: 'ended.loggedOffBody', ended: 'ended.body' }[kind];
  say('h-ended', w(heading));
  say('ended-body', w(body));
  say('kiosk-alert', '');
  say('session-who', '');
  mine = { who: '', loggedOff: false, warned: {}, minutes: null, at: 0, endTimer: null };
  showScreen('ended');
  mine.endTimer = setTimeout(function () { if (view === 'ended') rest(); }, 30000);
}

function showStatus(s) {
  var before = last;
  last = s;
  (s.messages || []).forEach(addMessage);
  var wasOn = before !== null && (before.state === 'in_session' || before.state === 'locked');
  if (s.state === 'in_session' || s.state === 'locked') {
    if (!wasOn) mine.warned = {};
    if (typeof s.minutesLeft === 'number') { mine.minutes = s.minutesLeft; mine.at = Date.now(); }
    if (s.warning === 1 || s.warning === 5) warn(s.warning);
    say('session-who', mine.who);
    showTime();
    if (s.state === 'locked' && view !== 'locked') showScreen('locked');
    if (s.state === 'in_session' && view !== 'session' && view !== 'lock') showScreen('session');
    return;
  }
  if (wasOn) {
    var timeUp = before.warning === 1 || (typeof before.minutesLeft === 'number' && before.minutesLeft <= 1);
    ended(mine.loggedOff ? 'loggedOff' : timeUp ? 'timeUp' : 'ended');
    return;
  }
  if (s.state === 'reserved' && s.reservedFor) {
    var until = new Intl.DateTimeFormat(words._tag, { timeStyle: 'short', timeZone: words._zone }).format(new Date(s.reservedFor.until));
    say('reserved-body', w('reserved.body', { ticket: s.reservedFor.ticket, time: until }));
    say('reserved-mine', w('reserved.mine', { ticket: s.reservedFor.ticket }));
  }
  if (view === 'ended' || view === 'enrol') return;
  if (view === 'sign-in' && (s.state === 'idle' || s.state === 'reserved')) return;
  if (view === 'queue' || view === 'queued') return;
  if (s.state === 'idle' && view === 'welcome') return;
  rest();
}

function refresh() {
  return callDevice('status').then(showStatus);
}

function form(id, handler) {
  byId(id).addEventListener('submit', function (e) {
    e.preventDefault();
    handler(e.target);
  });
}

function field(id) { return byId(id).value.trim(); }

function missing(ids) {
  for (var i = 0; i < ids.length; i++) if (field(ids[i]) === '') { byId(ids[i]).focus(); return true; }
  return false;
}

function attempt(problemId, run, fields) {
  say(problemId, '');
  var buttons = document.querySelectorAll('form button');
  buttons.forEach(function (b) { b.disabled = true; });
  return run().catch(function (err) {
    if (err && err.code === 'REVOKED') return;
    say(problemId, refusal(err));
  }).then(function () {
    buttons.forEach(function (b) { b.disabled = false; });
    (fields || []).forEach(function (id) { byId(id).value = ''; });
  });
}
`
