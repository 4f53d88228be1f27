// Serving and monitoring: what serving serves and its traffic, per-feature drift with the reference and current
// histograms, live metrics from feedback, alerts, and training jobs (retraining among them) with their progress.

import { enc, getJson, getText, postJson, ApiError } from '../api.js';
import { barChart, lineChart } from '../charts.js';
import { badge, clear, el, facts, failure, fmtNumber, fmtTime, notice, reportFrame, routeParams, section, table } from '../ui.js';

const TRAFFIC_POLL_MS = 5000;
const MAX_POINTS = 60;

export async function monitoringPage() {
  const wanted = routeParams().get('model');
  const modelSection = el('div', { id: 'model-monitoring' });
  const picker = await modelPicker(wanted, model => {
    location.hash = `#/monitoring?model=${enc(model)}`;
  });
  const page = el('div', {},
    el('h1', {}, 'Serving and monitoring'),
    section('Served models', servedModels, { id: 'serving' }),
    trafficSection(),
    el('section', { class: 'card' }, el('h2', {}, 'Monitoring of a model'), picker),
    modelSection,
    liveTrainingJobs());
  const chosen = wanted || (picker.querySelector('select') || {}).value;
  if (chosen) {
    modelSection.append(
      section(`Drift of ${chosen}`, () => drift(chosen), { id: 'drift' }),
      section(`Live metrics of ${chosen} from feedback`, () => performance(chosen), { id: 'performance' }),
      section(`Alerts of ${chosen}`, () => alerts(chosen), { id: 'alerts' }));
  }
  return page;
}

/** Models to choose from: the registry's (always there), whatever serving and monitoring know of them. */
async function modelPicker(wanted, onPick) {
  let names = [];
  try {
    const answer = await postJson('/api/2.0/mlflow/registered-models/search', { max_results: 1000 });
    names = ((answer && answer.registered_models) || []).map(m => m.name);
  } catch (e) {
    return failure(e, 'Registered models');
  }
  if (wanted && !names.includes(wanted)) {
    names.unshift(wanted);
  }
  if (names.length === 0) {
    return notice('info', 'No model is registered yet.');
  }
  const select = el('select', { id: 'monitored-model', name: 'model' },
    names.map(n => el('option', { value: n, selected: n === wanted }, n)));
  return el('form', { class: 'inline', onsubmit: event => {
    event.preventDefault();
    onPick(select.value);
  } }, el('label', { for: 'monitored-model' }, 'Model'), select, el('button', { type: 'submit' }, 'Show'));
}

async function servedModels() {
  const models = await getJson('/api/v1/models');
  const rows = models.flatMap(m => (m.aliases || []).map(a => ({ model: m.model, ...a }))
    .concat((m.pinnedVersions || []).map(v => ({ model: m.model, alias: '(pinned)', version: v, state: 'SERVING' }))));
  return table(rows, [
    { key: 'model', label: 'Model', value: r => el('a', { href: `#/monitoring?model=${enc(r.model)}` }, r.model), sort: r => r.model },
    { key: 'alias', label: 'Alias', value: r => r.alias },
    { key: 'version', label: 'Version', value: r => r.version ? `v${r.version}` : '', sort: r => Number(r.version) },
    { key: 'state', label: 'State', value: r => badge(r.state || '', r.state === 'SERVING' ? 'good' : r.state === 'FAILED' ? 'bad' : '') },
    { key: 'loaded', label: 'Loaded', value: r => fmtTime(r.loadedAt) },
    { key: 'error', label: 'Last load error', value: r => r.lastError ? `${r.lastError.reason}: ${r.lastError.message}` : '' },
  ], { sortable: true, empty: 'Serving serves no model yet: it loads one on its first request or when an alias moves.' });
}

/**
 * Request rate and latency, sampled from a Prometheus scrape every few seconds. Per model version when the scrape has
 * serving's own counters ({@code vops_serving_requests_total}); otherwise what the gateway measured of the requests it
 * routed to serving, which is the public scrape the gateway answers.
 */
function trafficSection() {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Sampling…'));
  const node = el('section', { class: 'card', id: 'traffic' }, el('h2', {}, 'Request rate and latency'), body);
  const history = new Map();
  let previous = null;
  const sample = async () => {
    if (!node.isConnected && previous !== null) {
      return false;
    }
    let text;
    try {
      text = await getText('/actuator/prometheus', 'text/plain');
    } catch (e) {
      clear(body).appendChild(failure(e, 'Metrics'));
      return true;
    }
    const now = Date.now();
    const current = trafficCounters(parsePrometheus(text));
    if (previous) {
      const seconds = (now - previous.at) / 1000;
      for (const [key, value] of current.series) {
        const before = previous.series.get(key);
        if (!before) {
          continue;
        }
        const requests = value.count - before.count;
        const point = {
          t: new Date(now).toISOString().substring(11, 19),
          rate: Math.max(0, requests / seconds),
          latencyMs: requests > 0 ? 1000 * (value.sum - before.sum) / requests : null,
        };
        const points = history.get(key) || [];
        points.push(point);
        history.set(key, points.slice(-MAX_POINTS));
      }
      clear(body).append(
        el('p', { class: 'hint' }, current.perVersion
          ? 'Per model version, from serving\'s request counters.'
          : 'What the gateway routed to serving (all models together): serving counts requests per model version in '
            + 'its own metrics (vops_serving_requests_total), which only its own port answers.'),
        trafficView(history));
    }
    previous = { at: now, series: current.series };
    return true;
  };
  const loop = async () => {
    if (await sample()) {
      setTimeout(loop, TRAFFIC_POLL_MS);
    }
  };
  loop();
  return node;
}

function trafficView(history) {
  if (history.size === 0) {
    return notice('info', 'No request has been routed to serving yet.');
  }
  const keys = [...history.keys()].sort();
  const labels = history.get(keys[0]).map(p => p.t);
  const series = metric => keys.map((key, i) => ({ label: key, colorIndex: i,
    points: history.get(key).map((p, j) => ({ x: j, y: p[metric] })) }));
  const latest = keys.map(key => ({ key, ...history.get(key)[history.get(key).length - 1] }));
  return el('div', {},
    table(latest, [
      { key: 'key', label: 'Model version or route', value: r => r.key },
      { key: 'rate', label: 'Requests/s', value: r => r.rate, numeric: true },
      { key: 'latency', label: 'Mean latency (ms)', value: r => r.latencyMs, numeric: true },
    ], { caption: `Last ${TRAFFIC_POLL_MS / 1000} s` }),
    labels.length > 1 ? el('div', { class: 'grid' },
      lineChart('Requests per second', series('rate'), { xTitle: `samples every ${TRAFFIC_POLL_MS / 1000} s`, small: true }),
      lineChart('Mean latency (ms)', series('latencyMs'), { xTitle: `samples every ${TRAFFIC_POLL_MS / 1000} s`, small: true }))
      : null);
}

/** Prometheus text format: [{name, labels, value}], comments and types skipped. */
export function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) {
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) {
      continue;
    }
    const labels = {};
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    let label;
    while ((label = labelPattern.exec(match[3] || '')) !== null) {
      labels[label[1]] = label[2];
    }
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

function trafficCounters(samples) {
  const series = new Map();
  const add = (key, field, value) => {
    const entry = series.get(key) || { count: 0, sum: 0 };
    entry[field] += value;
    series.set(key, entry);
  };
  const perVersion = samples.filter(s => s.name === 'vops_serving_requests_total');
  if (perVersion.length > 0) {
    for (const s of perVersion) {
      add(`${s.labels.model} v${s.labels.version}`, 'count', s.value);
    }
    for (const s of samples.filter(x => x.name === 'vops_serving_request_seconds_sum' || x.name === 'vops_serving_latency_seconds_sum')) {
      add(`${s.labels.model} v${s.labels.version}`, 'sum', s.value);
    }
    return { perVersion: true, series };
  }
  const routed = samples.filter(s => s.name.startsWith('spring_cloud_gateway_http_client_requests_seconds'));
  for (const s of routed) {
    const route = s.labels['spring_cloud_gateway_route_id'] || s.labels.route || '';
    if (!/serving/.test(route)) {
      continue;
    }
    if (s.name.endsWith('_count')) {
      add(`serving (${route})`, 'count', s.value);
    } else if (s.name.endsWith('_sum')) {
      add(`serving (${route})`, 'sum', s.value);
    }
  }
  return { perVersion: false, series };
}

/** Monitoring answers 404 for a model it has seen no prediction of: say that, not "not found". */
async function monitored(model, path) {
  try {
    return await getJson(`/api/v1/monitoring/models/${enc(model)}/${path}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.unavailable) {
      return null;
    }
    throw e;
  }
}

function notWatched(model) {
  return notice('info', `Monitoring has seen no prediction of ${model} yet: it watches a version once serving `
    + 'answers requests with it.');
}

async function drift(model) {
  const report = await monitored(model, 'drift');
  if (!report) {
    return notWatched(model);
  }
  const columns = [...(report.features || []), ...(report.prediction ? [report.prediction] : [])];
  const frame = el('div');
  const dataset = report.dataset || {};
  const show = el('button', { type: 'button', id: 'drift-report-button', onclick: async () => {
    clear(frame);
    try {
      frame.appendChild(reportFrame(`Drift report of ${model}`,
        await getText(`/api/v1/monitoring/models/${enc(model)}/drift.html?version=${enc(report.version)}`, 'text/html')));
    } catch (e) {
      frame.appendChild(failure(e, 'Drift report'));
    }
  } }, 'Show reference and current histograms (drift report)');
  return el('div', {},
    facts([['Version', `v${report.version}`], ['Window', `${fmtNumber(report.windowSize)} of ${fmtNumber(report.windowCapacity)} predictions`],
      ['Window since', fmtTime(report.windowStart)], ['Evaluated', fmtTime(report.evaluatedAt)],
      ['Dataset drift', el('span', {}, dataset.drifted ? badge('drifted', 'bad') : badge('no drift', 'good'),
        ` ${fmtNumber(dataset.driftedColumns)} of ${fmtNumber(dataset.columns)} columns (threshold share ${fmtNumber(dataset.driftShare)})`)]]),
    table(columns, [
      { key: 'feature', label: 'Column', value: c => c.feature },
      { key: 'kind', label: 'Kind', value: c => c.kind },
      { key: 'method', label: 'Test', value: c => c.method || '' },
      { key: 'score', label: 'Score', value: c => c.score, numeric: true },
      { key: 'threshold', label: 'Threshold', value: c => c.threshold, numeric: true },
      { key: 'drifted', label: 'Drift', value: c => c.problem ? badge('not tested', '') : c.drifted ? badge('drifted', 'bad') : badge('no', 'good'),
        sort: c => c.drifted ? 1 : 0 },
      { key: 'sizes', label: 'Current / reference', value: c => `${fmtNumber(c.currentSize)} / ${fmtNumber(c.referenceSize)}` },
      { key: 'problem', label: 'Note', value: c => c.problem || '' },
    ], { sortable: true, caption: 'Per column, inputs then the prediction' }),
    histogramCharts(columns),
    el('p', {}, show), frame);
}

/** When the drift answer carries histograms ({bins, reference, current}), draw them here too. */
function histogramCharts(columns) {
  const withHistograms = columns.filter(c => c.histogram && c.histogram.bins);
  if (withHistograms.length === 0) {
    return null;
  }
  return el('div', { class: 'grid' }, withHistograms.map(c => barChart(`${c.feature}: reference vs current`, c.histogram.bins,
    [{ label: 'reference', values: c.histogram.reference }, { label: 'current', values: c.histogram.current }], { small: true })));
}

async function performance(model) {
  const report = await monitored(model, 'performance');
  if (!report) {
    return notWatched(model);
  }
  return el('div', {},
    facts([['Version', `v${report.version}`], ['Task', report.task],
      ['Labelled predictions', `${fmtNumber(report.labelled)} (judged from ${fmtNumber(report.minLabelled)})`],
      ['Since', fmtTime(report.since)], ['Evaluated', fmtTime(report.evaluatedAt)],
      ['Verdict', report.degraded ? badge(`degraded: ${report.worst ? report.worst.name : ''}`, 'bad') : badge('within bounds', 'good')]]),
    table(report.metrics || [], [
      { key: 'name', label: 'Metric', value: m => m.name },
      { key: 'live', label: 'Live', value: m => m.live, numeric: true },
      { key: 'test', label: 'At test', value: m => m.test, numeric: true },
      { key: 'decay', label: 'Decay', value: m => m.decay === null || m.decay === undefined ? '' : `${fmtNumber(100 * m.decay, 3)} %`,
        sort: m => m.decay },
    ], { caption: `Decay beyond ${fmtNumber(100 * (report.maxDecay || 0), 3)} % degrades the model`,
      empty: 'No labelled prediction yet: send feedback with the true outcomes.' }));
}

async function alerts(model) {
  try {
    const list = await getJson(`/api/v1/monitoring/alerts?model=${enc(model)}`);
    return table(Array.isArray(list) ? list : (list.alerts || []), [
      { key: 'at', label: 'When', value: a => fmtTime(a.raisedAt || a.at || a.occurredAt) },
      { key: 'kind', label: 'Kind', value: a => a.kind || a.type || '' },
      { key: 'version', label: 'Version', value: a => a.version ? `v${a.version}` : '' },
      { key: 'message', label: 'What', value: a => a.message || a.summary || '' },
    ], { empty: 'No alert.' });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      return notice('warn', 'Monitoring does not list alerts through its API yet: alerts go to the topic ',
        el('code', {}, 'vops.monitoring-alerts'), ' and to Prometheus.');
    }
    throw e;
  }
}

/** Training jobs, loaded again every few seconds while one is queued or running, so progress moves on its own. */
function liveTrainingJobs() {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const node = el('section', { class: 'card', id: 'training-jobs', 'aria-busy': 'true' }, el('h2', {}, 'Training jobs'), body);
  const load = async () => {
    let again = false;
    try {
      const jobs = await getJson('/api/v1/training-jobs?limit=20');
      again = jobs.some(j => j.status === 'queued' || j.status === 'running');
      clear(body).appendChild(trainingJobs(jobs));
    } catch (e) {
      clear(body).appendChild(failure(e, 'Training jobs'));
    }
    node.removeAttribute('aria-busy');
    if (again) {
      setTimeout(() => {
        if (node.isConnected) {
          load();
        }
      }, TRAFFIC_POLL_MS);
    }
  };
  load();
  return node;
}

function trainingJobs(jobs) {
  return table(jobs, [
    { key: 'pipeline', label: 'Pipeline', value: j => j.pipeline },
    { key: 'trigger', label: 'Trigger', value: j => j.trigger === 'retraining' ? badge('retraining', 'warn') : j.trigger },
    { key: 'status', label: 'Status', value: j => badge(j.status, j.status === 'succeeded' ? 'good' : j.status === 'failed' ? 'bad' : '') },
    { key: 'stage', label: 'Stage', value: j => j.stage || '' },
    { key: 'progress', label: 'Progress', sort: j => j.progress ? j.progress.trialsDone / Math.max(1, j.progress.trialsTotal) : 0,
      value: j => progress(j) },
    { key: 'created', label: 'Created', value: j => fmtTime(j.createdAt), sort: j => j.createdAt },
    { key: 'result', label: 'Registered', value: j => j.result && j.result.registered
      ? el('a', { href: `#/models/${enc(j.result.registered.model)}/${enc(j.result.registered.version)}` },
        `${j.result.registered.model} v${j.result.registered.version}`) : (j.error || '') },
  ], { sortable: true, empty: 'No training job yet.' });
}

function progress(job) {
  const p = job.progress;
  if (!p || !p.trialsTotal) {
    return '';
  }
  const text = `${p.trialsDone} of ${p.trialsTotal} trials` + (p.etaSeconds ? `, about ${p.etaSeconds} s left` : '');
  return el('span', { class: 'progress' }, el('progress', { max: p.trialsTotal, value: p.trialsDone, 'aria-label': text }), ' ', text);
}

