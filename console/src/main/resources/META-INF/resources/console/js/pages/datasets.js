// Datasets: schema, ingestion batches with their validation reports, snapshots and the diff of two.

import { enc, getJson, getText } from '../api.js';
import { barChart, releaseCharts } from '../charts.js';
import { badge, clear, el, facts, fmtNumber, fmtTime, hash, notice, reportFrame, routeParams, section, table } from '../ui.js';

export async function datasetsPage(rest) {
  if (rest.length > 0 && rest[0]) {
    return datasetPage(rest[0]);
  }
  return el('div', {},
    el('h1', {}, 'Datasets'),
    section('All datasets', async () => {
      const datasets = await getJson('/api/v1/datasets');
      return table(datasets, [
        { key: 'name', label: 'Name', value: d => el('a', { href: `#/datasets/${enc(d.name)}` }, d.name), sort: d => d.name },
        { key: 'version', label: 'Schema version', value: d => d.version, numeric: true },
        { key: 'columns', label: 'Columns', value: d => (schemaOf(d).columns || []).length, numeric: true },
        { key: 'target', label: 'Target', value: d => schemaOf(d).target || '' },
        { key: 'task', label: 'Task', value: d => schemaOf(d).task || '' },
        { key: 'defined', label: 'Defined', nowrap: true, value: d => fmtTime(d.definedAt), sort: d => d.definedAt },
      ], { sortable: true, empty: 'No dataset is defined yet.' });
    }));
}

function datasetPage(name) {
  const batchDetail = el('div', { id: 'batch-detail' });
  const diffResult = el('div', { id: 'snapshot-diff' });
  // #/datasets/<name>?batch=<id> opens that batch's report, e.g. from a model version's lineage
  const batch = routeParams().get('batch');
  if (batch) {
    showBatch(batch, batchDetail);
  }
  return el('div', {},
    el('p', { class: 'crumbs' }, el('a', { href: '#/datasets' }, 'Datasets'), ' / ', name),
    el('h1', {}, `Dataset ${name}`),
    section('Schema', async () => schema(await getJson(`/api/v1/datasets/${enc(name)}`)), { id: 'schema' }),
    section('Ingestion batches', () => batches(name, batchDetail), { id: 'batches' }),
    batchDetail,
    section('Snapshots', () => snapshots(name, diffResult), { id: 'snapshots' }),
    diffResult);
}

/** A dataset version carries its schema; the schema has the columns. */
function schemaOf(version) {
  return version.schema || version;
}

function schema(version) {
  const dataset = schemaOf(version);
  const columns = dataset.columns || [];
  return el('div', {},
    facts([['Schema version', version.version], ['Target', dataset.target], ['Task', dataset.task],
      ['Entity key', dataset.entityKey], ['Event time', dataset.eventTime],
      ['Defined', version.definedAt ? `${fmtTime(version.definedAt)} by ${version.definedBy}` : '']]),
    table(columns, [
      { key: 'name', label: 'Column', value: c => c.name },
      { key: 'type', label: 'Type', value: c => c.type },
      { key: 'nullable', label: 'Nullable', value: c => c.nullable === false ? 'no' : 'yes' },
      { key: 'range', label: 'Range', value: c => c.min !== undefined && c.min !== null || c.max !== undefined && c.max !== null
        ? `${fmtNumber(c.min ?? '')} … ${fmtNumber(c.max ?? '')}` : '' },
      { key: 'allowed', label: 'Allowed values', value: c => (c.allowedValues || []).join(', ') },
      { key: 'pattern', label: 'Pattern', value: c => c.pattern ? el('code', {}, c.pattern) : '' },
    ], { caption: `${columns.length} columns` }),
    (dataset.expectations || []).length === 0 ? null : el('div', {}, el('h3', {}, 'Expectations'),
      el('ul', {}, dataset.expectations.map(e => el('li', {}, el('code', {}, JSON.stringify(e)))))));
}

/**
 * The dataset's most recent ingestion batches, newest first, as ingestion lists them, with their counts; any other
 * batch opens by the id its upload answered.
 */
async function batches(name, detail) {
  const rows = await getJson(`/api/v1/datasets/${enc(name)}/ingestions?limit=25`);
  const input = el('input', { id: 'batch-id', name: 'batch-id', size: 40, spellcheck: 'false', placeholder: 'batch id' });
  const form = el('form', { class: 'inline', onsubmit: event => {
    event.preventDefault();
    if (input.value.trim()) {
      showBatch(input.value.trim(), detail);
    }
  } }, el('label', { for: 'batch-id' }, 'Open a batch by id'), input, el('button', { type: 'submit' }, 'Open'));
  return el('div', {},
    table(rows, [
      { key: 'batch', label: 'Batch', value: b => el('code', {}, b.batchId || b.id || '') },
      { key: 'received-at', label: 'Received at', nowrap: true, value: b => fmtTime(b.receivedAt), sort: b => b.receivedAt },
      { key: 'source', label: 'Source', value: b => b.source || '' },
      { key: 'status', label: 'Status', value: b => b.status },
      { key: 'received', label: 'Received', value: b => b.received, numeric: true },
      { key: 'valid', label: 'Valid', value: b => b.valid, numeric: true },
      { key: 'quarantined', label: 'Quarantined', value: b => b.quarantined ? badge(fmtNumber(b.quarantined), 'bad') : b.quarantined, numeric: true },
      { key: 'report', label: 'Validation report', value: b => el('button', { type: 'button', class: 'link',
        onclick: () => showBatch(b.batchId || b.id, detail) }, 'Show report') },
    ], { sortable: true, caption: 'The 25 most recent ingestion batches, newest first',
      empty: 'No records have been ingested into this dataset yet.' }),
    form);
}

function showBatch(batchId, detail) {
  clear(detail);
  const frameHolder = el('div');
  detail.appendChild(section(`Validation report of batch ${batchId}`, async () => {
    const report = await getJson(`/api/v1/validation/batches/${enc(batchId)}/report`);
    const showHtml = el('button', { type: 'button', onclick: async () => {
      clear(frameHolder);
      try {
        frameHolder.appendChild(reportFrame(`Validation report of batch ${batchId}`,
          await getText(`/api/v1/validation/batches/${enc(batchId)}/report.html`, 'text/html')));
      } catch (e) {
        frameHolder.appendChild(notice('error', e.message));
      }
    } }, 'Show the full HTML report');
    return el('div', {},
      facts([['Dataset', report.dataset], ['Schema version', report.schemaVersion], ['Checked', report.checked],
        ['Valid', report.valid], ['Quarantined', report.quarantined],
        ['Expectations', report.success ? badge('all held', 'good') : badge('some failed', 'bad')]]),
      Object.keys(report.violationsByRule || {}).length === 0 ? null
        : table(Object.entries(report.violationsByRule), [
          { key: 'rule', label: 'Rule', value: ([rule]) => rule },
          { key: 'count', label: 'Records', value: ([, count]) => count, numeric: true }], { caption: 'Violations by rule' }),
      table(report.columns || [], [
        { key: 'name', label: 'Column', value: c => c.name },
        { key: 'type', label: 'Type', value: c => c.type },
        { key: 'count', label: 'Count', value: c => c.count, numeric: true },
        { key: 'missing', label: 'Missing', value: c => c.missing, numeric: true },
        { key: 'distinct', label: 'Distinct', value: c => c.distinct, numeric: true },
        { key: 'min', label: 'Min', value: c => c.min, numeric: true },
        { key: 'mean', label: 'Mean', value: c => c.mean, numeric: true },
        { key: 'max', label: 'Max', value: c => c.max, numeric: true },
        { key: 'top', label: 'Top categories', value: c => Object.entries(c.topCategories || {}).slice(0, 4)
          .map(([k, v]) => `${k} (${v})`).join(', ') },
      ], { caption: 'Column profiles of the valid records', sortable: true }),
      histograms(report.columns || []),
      el('p', {}, showHtml), frameHolder);
  }, { id: 'batch-report' }));
  detail.querySelector('h2').setAttribute('tabindex', '-1');
  detail.querySelector('h2').focus();
}

/** One column's distribution at a time, any column: numeric ones as their histogram, categorical ones by category. */
function histograms(columns) {
  const charted = columns.filter(c => (c.histogram || []).length > 0 || Object.keys(c.topCategories || {}).length > 0);
  if (charted.length === 0) {
    return null;
  }
  const chart = el('div', { id: 'column-distribution' });
  const show = name => {
    const c = charted.find(x => x.name === name);
    releaseCharts(chart);
    clear(chart);
    if ((c.histogram || []).length > 0) {
      const edges = c.histogramEdges || [];
      const labels = c.histogram.map((_, i) => edges.length > i + 1 ? `${fmtNumber(edges[i], 3)}–${fmtNumber(edges[i + 1], 3)}` : String(i));
      chart.appendChild(barChart(`${c.name}: distribution of valid values`, labels, [{ label: c.name, values: c.histogram }], { small: true }));
    } else {
      const categories = Object.entries(c.topCategories);
      chart.appendChild(barChart(`${c.name}: most frequent values`, categories.map(([k]) => k),
        [{ label: c.name, values: categories.map(([, v]) => v) }], { small: true }));
    }
  };
  const first = charted.find(c => (c.histogram || []).length > 0) || charted[0];
  const select = el('select', { id: 'distribution-column', name: 'column', onchange: event => show(event.target.value) },
    charted.map(c => el('option', { value: c.name, selected: c === first }, c.name)));
  show(first.name);
  return el('div', { class: 'distribution' },
    el('form', { class: 'inline', onsubmit: event => event.preventDefault() },
      el('label', { for: 'distribution-column' }, 'Distribution of'), select),
    chart);
}

async function snapshots(name, diffResult) {
  const list = await getJson(`/api/v1/snapshots?dataset=${enc(name)}&limit=50`);
  if (list.length === 0) {
    return notice('info', 'No snapshot of this dataset yet.');
  }
  const chosen = new Set();
  const button = el('button', { type: 'button', id: 'diff-button', disabled: true, onclick: async () => {
    const [a, b] = list.filter(s => chosen.has(s.id)).sort((x, y) => String(x.createdAt).localeCompare(String(y.createdAt)));
    clear(diffResult);
    diffResult.appendChild(section(`Diff of ${String(a.id).substring(0, 8)} → ${String(b.id).substring(0, 8)}`,
      async () => diff(await getJson(`/api/v1/snapshots/diff?from=${enc(a.id)}&to=${enc(b.id)}`))));
  } }, 'Diff the two chosen snapshots');
  return el('div', {},
    table(list, [
      { key: 'pick', label: 'Choose', sort: false, value: s => el('input', { type: 'checkbox', 'aria-label': `Choose snapshot ${s.id}`,
        onchange: event => {
          if (event.target.checked) {
            chosen.add(s.id);
          } else {
            chosen.delete(s.id);
          }
          button.disabled = chosen.size !== 2;
        } }) },
      { key: 'id', label: 'Snapshot', value: s => el('code', {}, String(s.id).substring(0, 8)), sort: s => s.id },
      { key: 'sha256', label: 'SHA-256', value: s => hash(s.sha256), sort: s => s.sha256 },
      { key: 'rows', label: 'Rows', value: s => s.rowCount, numeric: true },
      { key: 'schema', label: 'Schema version', value: s => s.schemaVersion, numeric: true },
      { key: 'cutoff', label: 'Event-time cutoff', nowrap: true, value: s => fmtTime(s.eventTimeCutoff) },
      { key: 'created', label: 'Created', nowrap: true, value: s => fmtTime(s.createdAt), sort: s => s.createdAt },
    ], { sortable: true, caption: 'Newest first; choose two to compare' }),
    el('p', {}, button));
}

function diff(d) {
  const rows = d.rows || {};
  // every count changes with the rows added or removed: a column is listed when its values changed besides
  const changes = (d.columns || []).filter(c => ['missingShare', 'mean', 'stdev', 'min', 'max', 'median']
    .some(k => c[k] && c[k].delta !== null && c[k].delta !== undefined && c[k].delta !== 0));
  const change = key => c => c[key] ? `${fmtNumber(c[key].from ?? '')} → ${fmtNumber(c[key].to ?? '')}` : '';
  return el('div', {},
    d.sameContent ? notice('info', 'Both snapshots hold the same content (same SHA-256).') : null,
    facts([['From', el('span', {}, hash(d.from && d.from.sha256), ` ${fmtNumber(d.from && d.from.rowCount)} rows`)],
      ['To', el('span', {}, hash(d.to && d.to.sha256), ` ${fmtNumber(d.to && d.to.rowCount)} rows`)],
      ['Rows added', rows.added], ['Rows removed', rows.removed], ['Rows unchanged', rows.unchanged],
      ['Columns added', (d.columnsAdded || []).join(', ')], ['Columns removed', (d.columnsRemoved || []).join(', ')]]),
    table(changes, [
      { key: 'name', label: 'Column', value: c => c.name },
      { key: 'count', label: 'Count', value: change('count') },
      { key: 'missing', label: 'Missing share', value: change('missingShare') },
      { key: 'mean', label: 'Mean', value: change('mean') },
      { key: 'stdev', label: 'Stdev', value: change('stdev') },
      { key: 'median', label: 'Median', value: change('median') },
    ], { caption: 'Columns whose statistics changed', empty: 'No column statistic changed.' }));
}
