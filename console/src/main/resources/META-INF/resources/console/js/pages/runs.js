// Experiments and runs: the runs table (MLflow filter syntax, sortable), and 2-5 runs compared side by side.

import { enc, getJson, getJsonOrNull, postJson } from '../api.js';
import { barChart, color, lineChart } from '../charts.js';
import { badge, clear, el, fmtNumber, fmtTime, notice, routeParams, section, table } from '../ui.js';

const MAX_COMPARED = 5;

/** What training logs on a parent run, as JSON artifacts (training-service's TrainingRunner). */
const ARTIFACTS = {
  confusion: 'evaluation/confusion_matrix.json',
  roc: 'evaluation/roc.json',
  pr: 'evaluation/precision_recall.json',
  importance: 'evaluation/feature_importance.json',
};

export async function runsPage(rest) {
  if (rest[0] === 'compare') {
    const ids = (routeParams().get('ids') || '').split(',').filter(Boolean).slice(0, MAX_COMPARED);
    return comparePage(ids);
  }
  return listPage();
}

async function listPage() {
  const params = routeParams();
  const { experiments } = await postJson('/api/2.0/mlflow/experiments/search', { max_results: 1000 });
  const all = experiments || [];
  const wanted = params.get('experiment');
  const experimentSelect = el('select', { id: 'experiment', name: 'experiment' },
    el('option', { value: '' }, 'All experiments'),
    all.map(e => el('option', { value: e.experiment_id, selected: e.experiment_id === wanted }, `${e.name} (${e.experiment_id})`)));
  const filterInput = el('input', { id: 'filter', name: 'filter', size: 60, spellcheck: 'false', value: params.get('filter') || '',
    placeholder: "metrics.test_accuracy > 0.8 and params.algorithm = 'xgboost'" });
  const results = el('div', { id: 'runs-results' });
  const form = el('form', { class: 'filters', onsubmit: event => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (experimentSelect.value) {
      next.set('experiment', experimentSelect.value);
    }
    if (filterInput.value.trim()) {
      next.set('filter', filterInput.value.trim());
    }
    const hash = '#/runs' + (next.toString() ? '?' + next : '');
    if (location.hash === hash) {
      load();
    } else {
      location.hash = hash;
    }
  } },
  el('label', { for: 'experiment' }, 'Experiment'), experimentSelect,
  el('label', { for: 'filter' }, 'Filter'), filterInput,
  el('button', { type: 'submit' }, 'Search'),
  el('p', { class: 'hint' }, 'The filter is MLflow\'s search syntax, as the API takes it: ',
    el('code', {}, 'metrics.rmse < 2'), ', ', el('code', {}, "params.algorithm = 'random-forest'"), ', ',
    el('code', {}, "tags.`vops.pipeline` = 'student-g3'"), ', ', el('code', {}, "attributes.status = 'FINISHED'"),
    ', joined with ', el('code', {}, 'and'), '.'));

  const load = () => {
    clear(results);
    results.appendChild(section('Runs', async () => {
      const experimentIds = experimentSelect.value ? [experimentSelect.value] : all.map(e => e.experiment_id);
      const answer = await postJson('/api/2.0/mlflow/runs/search', {
        experiment_ids: experimentIds, filter: filterInput.value.trim(), max_results: 500,
      });
      return runsTable((answer && answer.runs) || [], all);
    }));
  };
  load();
  return el('div', {}, el('h1', {}, 'Experiments and runs'), el('section', { class: 'card' }, form), results);
}

function metricsOf(run) {
  return Object.fromEntries(((run.data && run.data.metrics) || []).map(m => [m.key, m.value]));
}

function paramsOf(run) {
  return Object.fromEntries(((run.data && run.data.params) || []).map(p => [p.key, p.value]));
}

function tagsOf(run) {
  return Object.fromEntries(((run.data && run.data.tags) || []).map(t => [t.key, t.value]));
}

function runName(run) {
  return run.info.run_name || tagsOf(run)['mlflow.runName'] || run.info.run_id.substring(0, 8);
}

/** Metrics shown first: test, then cross-validation, then the rest; spreads (_std) last. */
function metricRank(key) {
  return (/_std$/.test(key) ? 3 : 0) + (/^test_/.test(key) ? 0 : /^cv_/.test(key) ? 1 : 2);
}

function runsTable(runs, experiments) {
  if (runs.length === 0) {
    return notice('info', 'No run matches.');
  }
  const chosen = [];
  const allMetrics = [...new Set(runs.flatMap(r => Object.keys(metricsOf(r))))].sort();
  const allParams = [...new Set(runs.flatMap(r => Object.keys(paramsOf(r))))].sort();
  const shownMetrics = new Set([...allMetrics].sort((a, b) => metricRank(a) - metricRank(b) || a.localeCompare(b)).slice(0, 8));
  const shownParams = new Set([...allParams].sort((a, b) => (b === 'algorithm') - (a === 'algorithm') || a.localeCompare(b)).slice(0, 4));
  const experimentName = id => (experiments.find(e => e.experiment_id === id) || {}).name || id;
  const status = el('p', { class: 'hint', id: 'compare-status', 'aria-live': 'polite' }, `Choose 2 to ${MAX_COMPARED} runs to compare.`);
  const compare = el('button', { type: 'button', id: 'compare-button', disabled: true, onclick: () => {
    location.hash = `#/runs/compare?ids=${chosen.map(enc).join(',')}`;
  } }, 'Compare chosen runs');
  const onChoose = (run, checkbox) => {
    const index = chosen.indexOf(run.info.run_id);
    if (checkbox.checked && index < 0) {
      if (chosen.length >= MAX_COMPARED) {
        checkbox.checked = false;
        status.textContent = `At most ${MAX_COMPARED} runs can be compared.`;
        return;
      }
      chosen.push(run.info.run_id);
    } else if (!checkbox.checked && index >= 0) {
      chosen.splice(index, 1);
    }
    compare.disabled = chosen.length < 2;
    status.textContent = `${chosen.length} chosen. Choose 2 to ${MAX_COMPARED} runs to compare.`;
  };
  const holder = el('div');
  const summary = el('summary');
  const sortState = { key: null, ascending: true };
  const render = () => {
    summary.textContent = `Columns: ${shownMetrics.size} of ${allMetrics.length} metrics, `
      + `${shownParams.size} of ${allParams.length} parameters`;
    const columns = [
      { key: 'pick', label: 'Compare', sort: false, value: r => el('input', { type: 'checkbox', class: 'pick-run',
        'aria-label': `Compare run ${runName(r)}`, dataset: { runId: r.info.run_id }, checked: chosen.includes(r.info.run_id),
        onchange: event => onChoose(r, event.target) }) },
      { key: 'name', label: 'Run', value: r => el('span', { title: r.info.run_id }, runName(r)), sort: r => runName(r) },
      { key: 'experiment', label: 'Experiment', value: r => experimentName(r.info.experiment_id) },
      { key: 'status', label: 'Status', value: r => statusBadge(r.info.status), sort: r => r.info.status },
      { key: 'start', label: 'Started', nowrap: true, value: r => fmtTime(r.info.start_time), sort: r => r.info.start_time },
      ...allParams.filter(k => shownParams.has(k)).map(k => ({ key: `p.${k}`, label: k, value: r => paramsOf(r)[k] ?? '' })),
      ...allMetrics.filter(k => shownMetrics.has(k)).map(k => ({ key: `m.${k}`, label: k, numeric: true, value: r => metricsOf(r)[k] })),
    ];
    clear(holder).appendChild(table(runs, columns, { sortable: true, caption: `${runs.length} runs`, sortState }));
  };
  const chooser = (legend, keys, shown) => el('fieldset', { class: 'columns' }, el('legend', {}, legend),
    keys.map(k => el('label', { class: 'choice' }, el('input', { type: 'checkbox', checked: shown.has(k), dataset: { column: k },
      onchange: event => {
        if (event.target.checked) {
          shown.add(k);
        } else {
          shown.delete(k);
        }
        render();
      } }), ` ${k}`)));
  render();
  return el('div', {},
    el('details', { class: 'column-chooser', id: 'run-columns' }, summary,
      allMetrics.length ? chooser('Metrics', allMetrics, shownMetrics) : null,
      allParams.length ? chooser('Parameters', allParams, shownParams) : null),
    holder, el('div', { class: 'actions' }, compare, status));
}

function statusBadge(status) {
  const kind = status === 'FINISHED' ? 'good' : status === 'FAILED' || status === 'KILLED' ? 'bad' : '';
  return badge(status || '', kind);
}

async function comparePage(ids) {
  const page = el('div', {},
    el('p', { class: 'crumbs' }, el('a', { href: '#/runs' }, 'Experiments and runs'), ' / compare'),
    el('h1', {}, `Comparing ${ids.length} runs`));
  if (ids.length < 2) {
    page.appendChild(notice('info', `Choose 2 to ${MAX_COMPARED} runs in the runs table to compare them.`));
    return page;
  }
  const runs = await Promise.all(ids.map(id => getJson(`/api/2.0/mlflow/runs/get?run_id=${enc(id)}`).then(a => a.run)));
  page.appendChild(section('Side by side', () => sideBySide(runs), { id: 'side-by-side' }));
  page.appendChild(section('Metric histories', () => metricCharts(runs), { id: 'metric-charts' }));
  page.appendChild(section('Evaluation', () => evaluation(runs), { id: 'evaluation' }));
  return page;
}

function sideBySide(runs) {
  const metrics = runs.map(metricsOf);
  const params = runs.map(paramsOf);
  const metricKeys = [...new Set(metrics.flatMap(Object.keys))].sort();
  const paramKeys = [...new Set(params.flatMap(Object.keys))].sort();
  const header = el('tr', {}, el('th', { scope: 'col' }, ''), runs.map((r, i) => el('th', { scope: 'col' },
    el('span', { class: 'swatch', style: `background:${color(i)}` }), ' ', runName(r))));
  const row = (label, values, numeric) => {
    const differs = new Set(values.map(v => String(v ?? ''))).size > 1;
    return el('tr', { class: differs ? 'differs' : undefined }, el('th', { scope: 'row' }, label),
      values.map(v => el('td', { class: numeric ? 'num' : undefined }, numeric ? fmtNumber(v) : (v ?? ''))));
  };
  return el('div', { class: 'table-wrap' }, el('table', { class: 'compare', id: 'compare-table' },
    el('caption', {}, 'Rows where the runs differ are marked'),
    el('thead', {}, header),
    el('tbody', {},
      row('Run id', runs.map(r => r.info.run_id)),
      row('Status', runs.map(r => r.info.status)),
      row('Started', runs.map(r => fmtTime(r.info.start_time))),
      paramKeys.length ? el('tr', { class: 'group' }, el('th', { colspan: runs.length + 1, scope: 'rowgroup' }, 'Parameters')) : null,
      paramKeys.map(k => row(k, params.map(p => p[k]))),
      metricKeys.length ? el('tr', { class: 'group' }, el('th', { colspan: runs.length + 1, scope: 'rowgroup' }, 'Metrics')) : null,
      metricKeys.map(k => row(k, metrics.map(m => m[k]), true)))));
}

async function metricCharts(runs) {
  const keys = [...new Set(runs.flatMap(r => Object.keys(metricsOf(r))))].sort();
  if (keys.length === 0) {
    return notice('info', 'These runs logged no metrics.');
  }
  const charts = [];
  const finals = [];
  for (const key of keys) {
    const histories = await Promise.all(runs.map(r => Object.hasOwn(metricsOf(r), key)
      ? getJson(`/api/2.0/mlflow/metrics/get-history?run_id=${enc(r.info.run_id)}&metric_key=${enc(key)}`)
        .then(a => a.metrics || [])
      : Promise.resolve([])));
    if (histories.some(h => h.length > 1)) {
      charts.push(lineChart(`${key} by step`, runs.map((r, i) => ({
        label: runName(r), colorIndex: i,
        points: histories[i].slice().sort((a, b) => (a.step ?? 0) - (b.step ?? 0)).map(m => ({ x: Number(m.step ?? 0), y: m.value })),
      })), { xTitle: 'step', yTitle: key, small: true }));
    } else {
      finals.push(key);
    }
  }
  if (finals.length > 0) {
    // one value per run: bars, a chart per metric so scales of different metrics do not crush each other
    for (const key of finals.slice(0, 12)) {
      charts.push(barChart(key, runs.map(runName), [{ label: key, values: runs.map(r => metricsOf(r)[key] ?? null) }],
        { small: true, byBar: true }));
    }
  }
  return el('div', { class: 'grid' }, charts);
}

async function evaluation(runs) {
  const artifacts = await Promise.all(runs.map(async r => {
    const id = enc(r.info.run_id);
    const fetchOne = path => getJsonOrNull(`/api/v1/registry/runs/${id}/artifacts/${path}`).catch(() => null);
    const [confusion, roc, pr, importance] = await Promise.all(
      [ARTIFACTS.confusion, ARTIFACTS.roc, ARTIFACTS.pr, ARTIFACTS.importance].map(fetchOne));
    return { confusion, roc, pr, importance };
  }));
  const parts = [];
  if (artifacts.some(a => a.roc)) {
    parts.push(el('div', { class: 'grid' },
      curveChart('ROC curves', runs, artifacts.map(a => a.roc), p => ({ x: p.falsePositiveRate, y: p.truePositiveRate }),
        'false positive rate', 'true positive rate'),
      curveChart('Precision-recall curves', runs, artifacts.map(a => a.pr), p => ({ x: p.recall, y: p.precision }),
        'recall', 'precision')));
  }
  if (artifacts.some(a => a.confusion)) {
    parts.push(el('h3', {}, 'Confusion matrices'), el('div', { class: 'grid' },
      runs.map((r, i) => artifacts[i].confusion ? confusionMatrix(runName(r), artifacts[i].confusion) : null)));
  }
  if (artifacts.some(a => a.importance && a.importance.length)) {
    const features = [...new Set(artifacts.flatMap(a => (a.importance || []).slice(0, 15).map(f => f.feature)))];
    parts.push(barChart('Feature importance (permutation: mean drop of the score when the feature is shuffled)', features,
      runs.map((r, i) => ({ label: runName(r), colorIndex: i,
        values: features.map(f => ((artifacts[i].importance || []).find(x => x.feature === f) || {}).importance ?? null) })),
      { horizontal: true, xTitle: 'importance' }));
  }
  if (parts.length === 0) {
    return notice('info', 'None of these runs has evaluation artifacts (ROC and precision-recall curves, confusion ',
      'matrix, feature importance): training logs them on the parent run of a training job.');
  }
  const missing = runs.filter((r, i) => !artifacts[i].confusion && !artifacts[i].roc && !artifacts[i].importance).map(runName);
  return el('div', {}, missing.length ? notice('info', `No evaluation artifacts for: ${missing.join(', ')}.`) : null, parts);
}

function curveChart(title, runs, curves, point, xTitle, yTitle) {
  const series = [];
  runs.forEach((r, i) => {
    const byClass = curves[i] || {};
    const classes = Object.keys(byClass);
    classes.forEach((cls, j) => series.push({
      label: classes.length > 1 ? `${runName(r)} · ${cls}` : runName(r),
      colorIndex: i, dashed: j > 0,
      points: (byClass[cls] || []).map(point).sort((a, b) => a.x - b.x || a.y - b.y),
    }));
  });
  return lineChart(title, series, { xTitle, yTitle, unit: true, small: true });
}

function confusionMatrix(name, { classNames, counts }) {
  const max = Math.max(1, ...counts.flat());
  return el('div', { class: 'table-wrap' }, el('table', { class: 'confusion' },
    el('caption', {}, `${name}: rows true class, columns predicted`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'true \\ predicted'), classNames.map(c => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, counts.map((row, i) => el('tr', {}, el('th', { scope: 'row' }, classNames[i]),
      row.map((n, j) => el('td', { class: 'num' + (i === j ? ' diagonal' : ''),
        style: `background: rgba(31, 111, 235, ${(0.08 + 0.6 * n / max).toFixed(2)})` }, fmtNumber(n))))))));
}
