// The dashboard page: everything it shows comes from the JSON endpoints beside it.
// URL parameters: at (a fixed "now", ISO-8601, for data from the past), campaign, from, to.
'use strict';

const params = new URLSearchParams(location.search);
const fixedAt = params.get('at');
const LIVE_REFRESH_MS = 2000;
const CAMPAIGNS_RETRY_MS = 10000;
const charts = {};
const loaded = { top: false, campaign: false, health: false };
const errors = {};

// A time as the endpoints take it: ISO-8601 or epoch milliseconds.
function parseTime(text) {
  const date = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
  if (isNaN(date)) {
    throw new Error(`'${text}' is neither an ISO-8601 time nor epoch milliseconds`);
  }
  return date;
}

function now() {
  return fixedAt ? parseTime(fixedAt) : new Date();
}

async function getJson(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

// One error slot per panel: a panel that recovers clears its own error, not another's.
function showError(panel, error) {
  if (error) {
    errors[panel] = `${panel}: ${error.message || error}`;
  } else {
    delete errors[panel];
  }
  const p = document.getElementById('error');
  const messages = Object.values(errors);
  p.hidden = messages.length === 0;
  p.textContent = messages.join('; ');
}

function markLoaded(part) {
  loaded[part] = true;
  if (Object.values(loaded).every(Boolean)) {
    document.body.dataset.ready = 'true';
  }
}

function atParam() {
  return fixedAt ? '?at=' + encodeURIComponent(fixedAt) : '';
}

function time(iso) {
  return iso ? iso.substring(11, 19) : '';
}

async function refreshTop() {
  const answer = await getJson('/api/top' + atParam());
  const body = document.querySelector('#top-campaigns tbody');
  body.replaceChildren();
  const label = document.getElementById('top-window');
  if (!answer.window) {
    label.textContent = '(no complete window yet)';
    delete label.dataset.windowStart;
  } else {
    const w = answer.window;
    label.textContent = `[${time(w.window_start)}, ${time(w.window_end)}) UTC, written ${w.latency_millis.toLocaleString('en')} ms after its end`;
    label.dataset.windowStart = w.window_start;
    w.campaigns.forEach((c, i) => {
      const row = body.insertRow();
      row.dataset.campaignId = c.campaign_id;
      row.dataset.views = c.views;
      row.insertCell().textContent = i + 1;
      row.insertCell().textContent = c.campaign_id;
      const views = row.insertCell();
      views.className = 'num';
      views.textContent = c.views.toLocaleString('en');
    });
  }
  markLoaded('top');
}

function formatNumber(value, digits, unit) {
  return value === null || value === undefined ? '–' : value.toFixed(digits) + unit;
}

async function refreshHealth() {
  const health = await getJson('/api/health' + atParam());
  const up = health.jobs.filter(j => j.up);
  const sum = key => up.length ? up.reduce((s, j) => s + (j[key] || 0), 0) : null;
  const lags = up.map(j => j.watermark_lag_seconds).filter(v => v !== null);
  const panel = document.getElementById('health');
  panel.dataset.inputRate = sum('input_rows_per_second');
  panel.dataset.deadLetters = sum('dead_letters');
  panel.dataset.windowLatencyMillis = health.window_latency_millis;
  document.getElementById('health-input-rate').textContent = formatNumber(sum('input_rows_per_second'), 0, ' rows/s');
  document.getElementById('health-window-latency').textContent = formatNumber(health.window_latency_millis, 0, ' ms');
  document.getElementById('health-dead-letters').textContent = formatNumber(sum('dead_letters'), 0, '');
  document.getElementById('health-watermark-lag').textContent =
    formatNumber(lags.length ? Math.max(...lags) : null, 1, ' s');
  document.getElementById('health-jobs').textContent = health.jobs.length
    ? health.jobs.map(j => `${(j.jobs || []).join(', ') || j.endpoint}: ${j.up ? 'up' : 'down (' + j.error + ')'}`).join('; ')
    : 'no job metrics endpoints configured (--job-metrics)';
  markLoaded('health');
}

async function loadCampaigns() {
  const list = await getJson('/api/campaigns' + atParam());
  const select = document.getElementById('campaign');
  const wanted = params.get('campaign');
  const ids = list.campaigns.map(c => c.campaign_id);
  if (wanted && !ids.includes(wanted)) {
    ids.unshift(wanted);
  }
  select.replaceChildren(...ids.map(id => new Option(id, id)));
  if (wanted) {
    select.value = wanted;
  }
}

function drawChart(id, labels, datasets) {
  if (charts[id]) {
    charts[id].destroy();
  }
  const canvas = document.getElementById(id);
  charts[id] = new Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: { animation: false, responsive: true, maintainAspectRatio: true, plugins: { legend: { position: 'bottom' } } }
  });
  canvas.dataset.points = labels.length;
}

async function showCampaign() {
  const id = document.getElementById('campaign').value;
  if (!id) {
    document.getElementById('range-summary').textContent = 'no campaign has data yet';
    markLoaded('campaign');
    return;
  }
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  const range = await getJson(`/api/campaigns/${encodeURIComponent(id)}/minutes?from=${encodeURIComponent(from)}`
    + `&to=${encodeURIComponent(to)}`);
  const labels = range.minutes.map(m => time(m.start).substring(0, 5));
  drawChart('counts-chart', labels, [
    { label: 'views', data: range.minutes.map(m => m.views) },
    { label: 'clicks', data: range.minutes.map(m => m.clicks) },
    { label: 'purchases', data: range.minutes.map(m => m.purchases) }
  ]);
  drawChart('ctr-chart', labels, [{ label: 'CTR', data: range.minutes.map(m => m.ctr) }]);
  drawChart('users-chart', labels, [{ label: 'unique users', data: range.minutes.map(m => m.unique_users) }]);
  const users = range.unique_users;
  const summary = document.getElementById('range-summary');
  summary.dataset.uniqueUsers = users.estimate;
  summary.textContent = `${range.minutes.length} minute${range.minutes.length === 1 ? "" : "s"} with data; ${users.estimate.toLocaleString('en')} unique users`
    + ` over the range (between ${users.lower_bound} and ${users.complete ? users.upper_bound : '?'})`;
  markLoaded('campaign');
}

async function guarded(panel, action) {
  try {
    await action();
    showError(panel, null);
  } catch (error) {
    showError(panel, error);
  }
}

// Runs action now and again every interval after it ends, so that slow answers never pile up.
function every(interval, panel, action) {
  const run = async () => {
    await guarded(panel, action);
    setTimeout(run, interval);
  };
  setTimeout(run, interval);
}

async function loadCampaignPanel() {
  await loadCampaigns();
  await showCampaign();
}

async function start() {
  let end;
  try {
    end = now();
  } catch (error) {
    showError('at', error);
    return;
  }
  document.getElementById('to').value = params.get('to') || new Date(Math.floor(end / 60000) * 60000).toISOString();
  document.getElementById('from').value = params.get('from')
    || new Date(Math.floor(end / 60000) * 60000 - 3600000).toISOString();
  document.getElementById('range-form').addEventListener('submit', event => {
    event.preventDefault();
    guarded('campaign', showCampaign);
  });
  document.getElementById('campaign').addEventListener('change', () => guarded('campaign', showCampaign));
  await guarded('top campaigns', refreshTop);
  await guarded('health', refreshHealth);
  await guarded('campaign', loadCampaignPanel);
  document.getElementById('clock').textContent = fixedAt ? 'as of ' + fixedAt : 'live';
  if (!fixedAt) {
    every(LIVE_REFRESH_MS, 'top campaigns', refreshTop);
    every(LIVE_REFRESH_MS, 'health', refreshHealth);
    // Until a minute has completed there is no campaign to pick: look again.
    every(CAMPAIGNS_RETRY_MS, 'campaign', async () => {
      if (!document.getElementById('campaign').value) {
        await loadCampaignPanel();
      }
    });
  }
}

start();
