// The hot tier's page: a live tail (polling GET /logs every second) and a request view (GET /requests/{id})
// that draws the request's hops across services as a waterfall. The token comes in the URL fragment
// (#token=...), which browsers never send to the server, and stays in this tab's session storage.
'use strict';

const token = (() => {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) { sessionStorage.setItem('vigil-token', decodeURIComponent(m[1])); history.replaceState(null, '', location.pathname); }
  return sessionStorage.getItem('vigil-token') || '';
})();
const $ = (id) => document.getElementById(id);
const seen = new Map(); // event key -> event, the tail's rows
const MAX_ROWS = 500;

async function api(path) {
  const r = await fetch(path, { headers: { Authorization: 'Bearer ' + token } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function time(ms) { return new Date(ms).toISOString().replace('T', ' ').replace('Z', ''); }
function level(e) { return (e.level || e.severity || '').toUpperCase(); }
function key(e) { return e.service + '/' + e.event_id; }

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text == null ? '' : String(text);
  if (cls) td.className = cls;
  return td;
}

function filterParams() {
  const p = new URLSearchParams({ since: '1h', limit: '200' });
  for (const [id, name] of [['service', 'service'], ['level', 'level'], ['grep', 'grep']]) {
    const v = $(id).value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

// The rows drawn last, so a poll that brings nothing new leaves the table (and a click on it) alone.
let renderedKeys = null;
function renderTail() {
  const body = $('tail').tBodies[0];
  const rows = [...seen.values()].sort((a, b) => a.timestamp - b.timestamp).slice(-MAX_ROWS);
  const keys = rows.map(key).join('\n');
  if (keys === renderedKeys) return;
  renderedKeys = keys;
  body.replaceChildren();
  for (const e of rows) {
    const row = body.insertRow();
    row.className = 'level-' + level(e);
    row.dataset.service = e.service;
    cell(row, time(e.timestamp));
    cell(row, e.service);
    cell(row, level(e));
    cell(row, e.message || e.error_type || '', 'message');
    const td = cell(row, '');
    if (e.correlation_id) {
      const a = document.createElement('a');
      a.className = 'request';
      a.textContent = e.correlation_id;
      a.addEventListener('click', () => showRequest(e.correlation_id));
      td.appendChild(a);
    }
  }
  $('tail-count').textContent = '(' + rows.length + ' events)';
}

let filtersKey = '';
async function pollTail() {
  const params = filterParams();
  if (params.toString() !== filtersKey) { seen.clear(); filtersKey = params.toString(); }
  try {
    const body = await api('/logs?' + params);
    for (const e of body.events) seen.set(key(e), e);
    $('status').textContent = '';
    renderTail();
  } catch (err) {
    $('status').textContent = err.message;
  }
}

async function showRequest(id) {
  try {
    const body = await api('/requests/' + encodeURIComponent(id));
    $('request-id').textContent = id;
    const start = Math.min(...body.hops.map((h) => h.start));
    const end = Math.max(...body.hops.map((h) => h.end));
    const span = Math.max(1, end - start);
    const chart = $('waterfall');
    chart.replaceChildren();
    for (const h of body.hops) {
      const hop = document.createElement('div');
      hop.className = 'hop' + (h.error ? ' error' : '');
      hop.dataset.service = h.service;
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = h.service + ' (' + h.events + ')';
      const track = document.createElement('div');
      track.className = 'track';
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.style.left = Math.min(99.5, 100 * (h.start - start) / span) + '%';
      bar.style.width = Math.max(0.5, 100 * (h.end - h.start) / span) + '%';
      bar.title = h.service + ': ' + (h.end - h.start) + ' ms';
      track.appendChild(bar);
      hop.append(label, track);
      chart.appendChild(hop);
    }
    const events = $('request-events').tBodies[0];
    events.replaceChildren();
    for (const e of body.events) {
      const row = events.insertRow();
      row.className = 'level-' + level(e);
      cell(row, time(e.timestamp));
      cell(row, e.service);
      cell(row, level(e));
      cell(row, e.message || e.error_type || '', 'message');
    }
    $('tail-view').hidden = true;
    $('request-view').hidden = false;
    $('status').textContent = '';
  } catch (err) {
    $('status').textContent = err.message;
  }
}

$('open-request').addEventListener('click', () => { const id = $('correlation').value.trim(); if (id) showRequest(id); });
$('close-request').addEventListener('click', () => { $('request-view').hidden = true; $('tail-view').hidden = false; });
pollTail();
setInterval(pollTail, 1000);
