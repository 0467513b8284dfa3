/**
 * The desk's own script, served from this site (the policy allows no inline script). Without it
 * every desk page still works; it only adds a print button and keeps the cursor in the scan field.
 */
export const DESK_SCRIPT = `'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-print]').forEach(function (b) { b.hidden = false; });
});
document.addEventListener('click', function (e) {
  var button = e.target instanceof Element ? e.target.closest('[data-print]') : null;
  if (button) { e.preventDefault(); window.print(); }
});
document.addEventListener('htmx:afterSettle', function () {
  var scan = document.querySelector('input[autofocus]');
  if (scan) { scan.focus(); }
  document.querySelectorAll('[data-print]').forEach(function (b) { b.hidden = false; });
});
`
