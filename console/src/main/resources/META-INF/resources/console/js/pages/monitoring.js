// Serving and monitoring: what serving serves and its traffic, per-feature drift with the reference and current
// histograms, live metrics from feedback, alerts, and training jobs (retraining among them) with their progress.

import { enc, getJson, getText, postJson, ApiError } from '../api.js';
import { barChart, lineChart, releaseCharts } from '../charts.js';
import { badge, clear, el, facts, failure, fmtNumber, fmtTime, notice, reportFrame, routeParams, section, table } from '../ui.js';

const STATS_POLL_MS = 5000;
const JOBS_POLL_MS = 5000;

export async function monitoringPage() {
  const params = routeParams();
  const wanted = params.get('model');
  const modelSection = el('div', { id: 'model-monitoring' });
  const picker = await modelPicker(wanted, params.get('version'), (model, version) => {
    location.hash = `#/monitoring?model=${enc(model)}` + (version ? `&version=${enc(version)}` : '');
  });
  const page = el('div', {},
    el('h1', {}, 'Serving and monitoring'),
    section('Served models', servedModels, { id: 'serving' }),
    el('section', { class: 'card' }, el('h2', {}, 'Monitoring of a model'), picker),
    modelSection,
    liveTrainingJobs());
  const chosen = wanted || (picker.querySelector('select') || {}).value;
  // a version named in the address, else the one that last received predictions (monitoring's default)
  const version = wanted ? params.get('version') : null;
  if (chosen) {
    const which = version ? ` v${version}` : '';
    modelSection.append(
      trafficSection(chosen),
      section(`Drift of ${chosen}${which}`, () => drift(chosen, version), { id: 'drift' }),
      section(`Live metrics of ${chosen}${which} from feedback`, () => performance(chosen, version), { id: 'performance' }),
      section(`Alerts of ${chosen}`, () => alerts(chosen), { id: 'alerts' }));
  }
  return page;
}

/**
 * Models to choose from (the registry's), and for the model shown its versions: drift and live metrics are per
 * version, by default of the version that last received predictions.
 */
async function modelPicker(wanted, wantedVersion, onPick) {
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
  const shown = wanted || names[0];
  const select = el('select', { id: 'monitored-model', name: 'model' },
    names.map(n => el('option', { value: n, selected: n === shown }, n)));
  let versions = [];
  try {
    const answer = await postJson('/api/2.0/mlflow/model-versions/search',
      { filter: `name='${shown.replaceAll("'", "\\'")}'`, max_results: 1000 });
    versions = ((answer && answer.model_versions) || []).map(v => String(v.version)).sort((a, b) => Number(b) - Number(a));
  } catch (e) {
    // the versions only narrow the choice: without them the newest monitored version is shown
  }
  const versionSelect = el('select', { id: 'monitored-version', name: 'version' },
    el('option', { value: '' }, 'the one last predicted with'),
    versions.map(v => el('option', { value: v, selected: v === wantedVersion }, `v${v}`)));
  // the versions listed are the shown model's: choosing another model starts from its newest monitored version
  select.addEventListener('change', () => {
    versionSelect.disabled = select.value !== shown;
  });
  return el('form', { class: 'inline', onsubmit: event => {
    event.preventDefault();
    onPick(select.value, select.value === shown ? versionSelect.value : '');
  } }, el('label', { for: 'monitored-model' }, 'Model'), select,
  el('label', { for: 'monitored-version' }, 'Version'), versionSelect,
  el('button', { type: 'submit' }, 'Show'));
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
    { key: 'loaded', label: 'Loaded', nowrap: true, value: r => fmtTime(r.loadedAt) },
    { key: 'error', label: 'Last load error', value: r => r.lastError ? `${r.lastError.reason}: ${r.lastError.message}` : '' },
  ], { sortable: true, empty: 'Serving serves no model yet: it loads one on its first request or when an alias moves.' });
}

/**
 * Requests, errors and latency per version of one model over serving's recent window
 * ({@code GET /api/v1/models/{m}/stats}), loaded again every few seconds while the panel is on the page.
 */
function trafficSection(model) {
  // the panel redraws itself every few seconds: screen readers are not told of every redraw
  const body = el('div', { 'aria-live': 'off' }, el('p', { class: 'muted' }, 'Loading…'));
  const updated = el('p', { class: 'hint', id: 'traffic-updated' });
  const node = el('section', { class: 'card', id: 'traffic', 'aria-busy': 'true' },
    el('h2', {}, `Requests to ${model} by version`), updated, body);
  let attached = false;
  let waits = 0;
  const load = async () => {
    if (attached && !node.isConnected) {
      return;
    }
    if (document.hidden && attached) {
      // a tab in the background asks nothing; the panel catches up when it is shown again
      setTimeout(load, STATS_POLL_MS);
      return;
    }
    let content;
    try {
      const [stats, rules] = await Promise.all([getJson(`/api/v1/models/${enc(model)}/stats`),
        getJson(`/api/v1/models/${enc(model)}/traffic`).catch(() => null)]);
      content = el('div', {}, rules ? trafficRules(rules) : null, trafficView(model, stats));
      updated.textContent = `Updated ${fmtTime(Date.now())}, every ${STATS_POLL_MS / 1000} s while this page is open.`;
    } catch (e) {
      content = e instanceof ApiError && e.status === 404 && !e.unavailable
        ? notice('info', `Serving knows no model ${model}: the registry has none by that name.`)
        : failure(e, 'Traffic');
    }
    releaseCharts(body);
    clear(body).appendChild(content);
    node.removeAttribute('aria-busy');
    attached = attached || node.isConnected;
    // stop once the page moved on; a panel that never made it onto the page (another page won) stops too
    if (node.isConnected || (!attached && ++waits < 3)) {
      setTimeout(load, STATS_POLL_MS);
    }
  };
  load();
  return node;
}

/** How serving splits the model's requests: a canary's share, a shadow that scores copies. */
function trafficRules(rules) {
  const parts = [];
  if (rules.canaryAlias) {
    parts.push(`canary: ${rules.canaryAlias} answers ${fmtNumber(100 * (rules.canaryShare || 0), 3)} % of requests, `
      + 'the same ones each time (by request key)');
  }
  if (rules.shadow) {
    parts.push(`shadow: ${rules.shadow} scores a copy of every request; its answers are logged, not returned`);
  }
  return el('p', { id: 'traffic-rules' }, el('strong', {}, 'Split: '),
    parts.length ? parts.join('; ') + '.' : 'no canary and no shadow, the default alias answers every request.');
}

function trafficView(model, stats) {
  const versions = stats.versions || [];
  const windowSeconds = stats.windowSeconds || 300;
  const over = windowSeconds % 60 === 0 ? `${windowSeconds / 60} minutes` : `${windowSeconds} s`;
  if (versions.every(v => !v.requests)) {
    return notice('info', `No request to ${model} in the last ${over}.`);
  }
  const now = Date.parse(stats.at);
  const bucket = stats.bucketSeconds || 5;
  const x = point => (Date.parse(point.at) - now) / 1000;
  const label = v => `v${v.version}` + ((v.roles || []).filter(r => r !== 'version').length ? ` (${v.roles.join(', ')})` : '');
  const series = value => versions.map((v, i) => ({ label: label(v), colorIndex: i,
    points: (v.series || []).map(p => ({ x: x(p), y: value(p) })) }));
  const latency = key => v => v.latencyMs ? v.latencyMs[key] : null;
  const chartOptions = { xTitle: `seconds before ${fmtTime(stats.at)} (${bucket} s buckets)`, xMin: -windowSeconds, xMax: 0,
    beginAtZero: true, small: true };
  return el('div', {},
    table(versions, [
      { key: 'version', label: 'Version', value: v => el('span', {}, `v${v.version} `,
        (v.roles || []).filter(r => r !== 'version').map(r => [badge(r, r === 'champion' ? 'good' : ''), ' '])) },
      { key: 'requests', label: 'Requests', value: v => v.requests, numeric: true },
      { key: 'errors', label: 'Errors', value: v => v.errors ? badge(fmtNumber(v.errors), 'bad') : v.errors, numeric: true },
      { key: 'rate', label: 'Requests/s', value: v => v.requestsPerSecond, numeric: true },
      { key: 'mean', label: 'Mean (ms)', value: latency('mean'), numeric: true },
      { key: 'p50', label: 'p50 (ms)', value: latency('p50'), numeric: true },
      { key: 'p95', label: 'p95 (ms)', value: latency('p95'), numeric: true },
      { key: 'p99', label: 'p99 (ms)', value: latency('p99'), numeric: true },
    ], { caption: `Last ${over}, per version serving answered with`,
      rowAttributes: v => ({ dataset: { version: v.version, roles: (v.roles || []).join(' ') } }) }),
    el('div', { class: 'grid' },
      lineChart(`Requests per second to ${model}`, series(p => p.requests / bucket), chartOptions),
      lineChart(`p99 latency of ${model} (ms)`, series(p => p.requests ? p.p99Ms : null), chartOptions)));
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

function notWatched(model, version) {
  return notice('info', `Monitoring has seen no prediction of ${model}${version ? ' version ' + version : ''} yet: `
    + 'it watches a version once serving answers requests with it.');
}

function ofVersion(path, version) {
  return version ? `${path}?version=${enc(version)}` : path;
}

async function drift(model, version) {
  const [report, policy] = await Promise.all([monitored(model, ofVersion('drift', version)),
    getJson(`/api/v1/monitoring/models/${enc(model)}/policy`).then(p => p.effective).catch(() => null)]);
  if (!report) {
    return notWatched(model, version);
  }
  const few = policy && policy.minSamples && report.windowSize < policy.minSamples
    ? notice('warn', `Only ${fmtNumber(report.windowSize)} predictions in this version's window: tests on so few are `
      + `noisy, and monitoring asks for no retraining before ${fmtNumber(policy.minSamples)}.`) : null;
  const columns = [...(report.features || []), ...(report.prediction ? [report.prediction] : [])];
  const frame = el('div');
  const histogram = el('div', { id: 'drift-histogram', 'aria-live': 'polite' });
  let histograms = null;
  const showHistogram = async feature => {
    releaseCharts(histogram);
    clear(histogram).appendChild(el('p', { class: 'muted' }, `Loading the histograms of ${feature}…`));
    try {
      histograms = histograms || await getJson(
        `/api/v1/monitoring/models/${enc(model)}/drift/histograms?version=${enc(report.version)}`);
      const column = (histograms.columns || []).find(c => c.feature === feature);
      clear(histogram);
      if (!column || column.bins.length === 0) {
        histogram.appendChild(notice('info', `No histogram of ${feature}: its reference or its window holds no value.`));
        return;
      }
      histogram.appendChild(el('div', { class: 'narrow-chart' },
        barChart(`${feature}: reference against current (share of each sample, v${report.version})`, column.bins,
          [{ label: 'reference', values: column.reference }, { label: 'current', values: column.current }],
          { xTitle: feature, yTitle: 'share' })));
    } catch (e) {
      clear(histogram).appendChild(failure(e, 'Histograms'));
    }
  };
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
  return el('div', {}, few,
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
      { key: 'histogram', label: 'Histogram', value: c => el('button', { type: 'button', class: 'link',
        'data-feature': c.feature, onclick: () => showHistogram(c.feature) }, 'Compare') },
    ], { sortable: true, caption: 'Per column, inputs then the prediction' }),
    histogram, el('p', {}, show), frame);
}

async function performance(model, version) {
  const report = await monitored(model, ofVersion('performance', version));
  if (!report) {
    return notWatched(model, version);
  }
  return el('div', {},
    facts([['Version', `v${report.version}`], ['Task', report.task],
      ['Labelled predictions', `${fmtNumber(report.labelled)} (judged from ${fmtNumber(report.minLabelled)})`],
      ['Since', fmtTime(report.since)], ['Evaluated', fmtTime(report.evaluatedAt)],
      ['Verdict', report.degraded ? badge(`degraded: ${report.worst ? report.worst.name : ''}`, 'bad')
        : report.labelled < report.minLabelled ? badge(`not judged: fewer than ${fmtNumber(report.minLabelled)} labelled`)
          : badge('within bounds', 'good')]]),
    table(report.metrics || [], [
      { key: 'name', label: 'Metric', value: m => m.name },
      { key: 'live', label: 'Live', value: m => m.live, numeric: true },
      { key: 'test', label: 'At test', value: m => m.test, numeric: true },
      { key: 'decay', label: 'Decay', numeric: true, value: m => m.decay === null || m.decay === undefined ? '' : `${fmtNumber(100 * m.decay, 3)} %`,
        sort: m => m.decay },
    ], { caption: `Decay beyond ${fmtNumber(100 * (report.maxDecay || 0), 3)} % degrades the model`,
      empty: 'No labelled prediction yet: send feedback with the true outcomes.' }),
    (report.metrics || []).length === 0 ? null : el('div', { class: 'narrow-chart' },
      barChart(`Live metrics of v${report.version} against its test metrics`, report.metrics.map(m => m.name),
        [{ label: 'live', values: report.metrics.map(m => m.live) }, { label: 'at test', values: report.metrics.map(m => m.test) }],
        { small: true })));
}

/**
 * What monitoring raised about the model: drift and performance episodes (one per version and kind, the latest) and
 * the retraining requests it sent. An episode shows the values it was raised with (as monitoring keeps them with the
 * episode; for an episode from before it kept them, the values as monitoring computes them now), and the retraining
 * it asked for while the episode lasted.
 */
async function alerts(model) {
  const answer = await getJson(`/api/v1/monitoring/alerts?model=${enc(model)}&limit=50`);
  const list = answer.alerts || [];
  if (list.length === 0) {
    return notice('info', `Monitoring has raised no alert about ${model}.`);
  }
  const requests = list.filter(a => a.kind === 'retraining');
  const episodes = list.filter(a => a.kind !== 'retraining');
  const values = new Map(await Promise.all(episodes.slice(0, 6).map(async a =>
    [`${a.kind} ${a.version}`, a.details ? raisedWith(a) : await alertValues(model, a).catch(e => el('span', { class: 'muted' }, e.message))])));
  // training names the request it ran a job for in the job's trigger key
  const jobs = requests.length === 0 ? [] : await getJson('/api/v1/training-jobs?limit=200').catch(() => []);
  const jobOf = r => jobs.find(j => j.triggerKey === `retraining:${r.eventId}`);
  const time = value => Date.parse(value);
  const retrainingFor = a => requests.filter(r => r.version === a.version && time(r.raisedAt) >= time(a.raisedAt)
    && (!a.endedAt || time(r.raisedAt) <= time(a.endedAt)));
  return table(list, [
    { key: 'at', label: 'When', nowrap: true, value: a => el('time', { datetime: a.raisedAt }, fmtTime(a.raisedAt)), sort: a => time(a.raisedAt) },
    { key: 'kind', label: 'Kind', value: a => badge(a.kind, a.kind === 'retraining' ? 'warn' : a.active ? 'bad' : ''), sort: a => a.kind },
    { key: 'version', label: 'Version', sort: a => Number(a.version), value: a => a.version
      ? el('a', { href: `#/monitoring?model=${enc(model)}&version=${enc(a.version)}`,
        'aria-label': `Drift and live metrics of version ${a.version}` }, `v${a.version}`) : '' },
    { key: 'state', label: 'State', value: a => a.kind === 'retraining' ? retrainingJob(jobOf(a))
      : a.active ? badge('ongoing', 'bad') : `ended ${fmtTime(a.endedAt)}`, sort: a => a.active ? 0 : 1 },
    { key: 'message', label: 'What', value: a => a.message || '' },
    { key: 'values', label: 'Values when raised', sort: false, value: a => a.kind === 'retraining' ? '' : values.get(`${a.kind} ${a.version}`) || '' },
    { key: 'retraining', label: 'Retraining requested', value: a => {
      if (a.kind === 'retraining') {
        return badge('yes', 'warn');
      }
      const asked = retrainingFor(a);
      return asked.length ? `yes, ${fmtTime(asked[asked.length - 1].raisedAt)}` : 'no';
    }, sort: a => a.kind === 'retraining' || retrainingFor(a).length ? 1 : 0 },
  ], { sortable: true, caption: 'Newest first: one line per episode (version and kind) and per retraining request',
    rowAttributes: a => ({ dataset: { kind: a.kind, version: a.version } }) });
}

/** What became of a retraining request: its training job's status and the version it registered. */
function retrainingJob(job) {
  if (!job) {
    return 'requested, no training job yet';
  }
  const registered = job.result && job.result.registered;
  return el('span', {}, 'job ', badge(job.status, job.status === 'succeeded' ? 'good' : job.status === 'failed' ? 'bad' : ''),
    registered ? [' registered ', el('a', { href: `#/models/${enc(registered.model)}/${enc(registered.version)}` },
      `${registered.model} v${registered.version}`)] : null,
    job.result && job.result.gate && job.result.gate.verdict ? `, gate: ${job.result.gate.verdict}` : '');
}

/** The values an episode was raised with, as monitoring kept them: the drifted columns, or the worst metric. */
function raisedWith(alert) {
  const d = alert.details;
  if (alert.kind === 'drift') {
    const drifted = (d.features || []).filter(c => c.drifted);
    return `${drifted.map(c => `${c.feature}: ${c.method || 'score'} ${fmtNumber(c.score, 3)} (threshold ${fmtNumber(c.threshold, 3)})`)
      .join('; ')} — over ${fmtNumber(d.windowSize)} predictions`;
  }
  return `${d.metric} ${fmtNumber(d.liveValue, 3)} live, ${fmtNumber(d.testValue, 3)} at test, over ${fmtNumber(d.windowSize)} outcomes`;
}

/**
 * The numbers behind an episode raised before monitoring kept them, from its reports of that version now: drifted
 * columns, or the worst metric ("now" is said).
 */
async function alertValues(model, alert) {
  const report = await monitored(model, ofVersion(alert.kind === 'drift' ? 'drift' : 'performance', alert.version));
  if (!report) {
    return '';
  }
  if (alert.kind === 'drift') {
    const drifted = [...(report.features || []), ...(report.prediction ? [report.prediction] : [])].filter(c => c.drifted);
    return drifted.length === 0 ? 'no column drifts now'
      : `now: ${drifted.map(c => `${c.feature}: ${c.method || 'score'} ${fmtNumber(c.score, 3)} (threshold ${fmtNumber(c.threshold, 3)})`).join('; ')}`;
  }
  const worst = report.worst || (report.metrics || []).find(m => m.decay !== null && m.decay !== undefined);
  return worst ? `now: ${worst.name} ${fmtNumber(worst.live, 3)} live, ${fmtNumber(worst.test, 3)} at test` : '';
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
      }, JOBS_POLL_MS);
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
    { key: 'created', label: 'Created', nowrap: true, value: j => fmtTime(j.createdAt), sort: j => j.createdAt },
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

