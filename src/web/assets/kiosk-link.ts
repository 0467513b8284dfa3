/**
 * The kiosk script's link to the library: the device API's JSON posts and its server-sent events.
 * EventSource cannot send an Authorization header, so the stream is read with fetch() and a
 * reader, and opened again after a failure with a growing, jittered delay (1 s up to 30 s). The
 * device credential lives in `token` only: never in a cookie, storage or an address sent anywhere.
 */
export const KIOSK_LINK = `
var link = { token: null, controller: null, delay: 1000, timer: null, onStatus: null, onLost: null, onBack: null, onRevoked: null };

function KioskError(code, status) { this.code = code; this.status = status; }

function callDevice(path, body) {
  return fetch('/api/devices/' + path, {
    method: 'POST',
    headers: { authorization: 'Bearer ' + link.token, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body || {}),
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer'
  }).then(function (res) {
    return res.text().then(function (text) {
      var data = null;
      try { data = text === '' ? null : JSON.parse(text); } catch (e) { data = null; }
      if (res.status === 401) { revoked(); throw new KioskError('REVOKED', 401); }
      if (!res.ok) throw new KioskError(data && typeof data.code === 'string' ? data.code : '', res.status);
      return data;
    });
  }, function () { throw new KioskError('NETWORK', 0); });
}

function revoked() {
  stopStream();
  link.token = null;
  if (link.onRevoked) link.onRevoked();
}

function stopStream() {
  clearTimeout(link.timer);
  if (link.controller) link.controller.abort();
  link.controller = null;
}

/** One event of the stream ("event: status" and "data: {...}" lines, blank-line separated). */
function dispatch(block) {
  var event = 'message';
  var data = [];
  block.split(/\\r?\\n/).forEach(function (line) {
    if (line === '' || line.charAt(0) === ':') return;
    var at = line.indexOf(':');
    var field = at < 0 ? line : line.slice(0, at);
    var value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  });
  if (event !== 'status' || data.length === 0) return;
  var status;
  try { status = JSON.parse(data.join('\\n')); } catch (e) { return; }
  if (link.onStatus) link.onStatus(status);
}

function openStream() {
  stopStream();
  if (link.token === null) return;
  var controller = new AbortController();
  link.controller = controller;
  fetch('/api/devices/events', {
    headers: { authorization: 'Bearer ' + link.token, accept: 'text/event-stream' },
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal: controller.signal
  }).then(function (res) {
    if (res.status === 401) { revoked(); return undefined; }
    if (!res.ok || !res.body) throw new Error('stream ' + res.status);
    link.delay = 1000;
    if (link.onBack) link.onBack();
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) throw new Error('stream closed');
        buffer += decoder.decode(chunk.value, { stream: true });
        var blocks = buffer.split(/\\r?\\n\\r?\\n/);
        buffer = blocks.pop();
        blocks.forEach(dispatch);
        return pump();
      });
    }
    return pump();
  }).catch(function () {
    if (controller.signal.aborted || link.token === null) return;
    if (link.onLost) link.onLost();
    var wait = link.delay + Math.floor(Math.random() * 500);
    link.delay = Math.min(link.delay * 2, 30000);
    link.timer = setTimeout(openStream, wait);
  });
}
`
