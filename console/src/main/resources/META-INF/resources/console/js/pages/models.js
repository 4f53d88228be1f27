// Models: versions, champion and challenger, the alias history as a timeline, lineage, the model card and the
// approvals an approver decides here.

import { enc, getJson, getText, postJson, ApiError } from '../api.js';
import { badge, clear, el, facts, failure, fmtTime, hash, notice, section, table } from '../ui.js';

const WATCHED_ALIASES = ['champion', 'challenger'];

export async function modelsPage(rest, context) {
  if (rest[0]) {
    return modelPage(rest[0], rest[1], context);
  }
  return el('div', {},
    el('h1', {}, 'Models'),
    approvalsSection(null, context),
    section('Registered models', async () => {
      const answer = await postJson('/api/2.0/mlflow/registered-models/search', { max_results: 1000 });
      const models = (answer && answer.registered_models) || [];
      return table(models, [
        { key: 'name', label: 'Model', value: m => el('a', { href: `#/models/${enc(m.name)}` }, m.name), sort: m => m.name },
        { key: 'aliases', label: 'Aliases', sort: false, value: m => aliasBadges(m.aliases) },
        { key: 'latest', label: 'Latest version', numeric: true,
          value: m => Math.max(0, ...(m.latest_versions || []).map(v => Number(v.version))) || '' },
        { key: 'updated', label: 'Updated', nowrap: true, value: m => fmtTime(m.last_updated_timestamp), sort: m => m.last_updated_timestamp },
        { key: 'description', label: 'Description', value: m => m.description || '' },
      ], { sortable: true, empty: 'No model is registered yet.' });
    }, { id: 'models' }));
}

function aliasBadges(aliases) {
  return el('span', {}, (aliases || []).map(a => [badge(`${a.alias} → v${a.version}`, a.alias === 'champion' ? 'good' : ''), ' ']));
}

async function modelPage(name, version, context) {
  const versionDetail = el('div', { id: 'version-detail' });
  const page = el('div', {},
    el('p', { class: 'crumbs' }, el('a', { href: '#/models' }, 'Models'), ' / ', name),
    el('h1', {}, `Model ${name}`),
    section('Versions', async () => versions(name), { id: 'versions' }),
    section('Alias history', async () => timeline(name), { id: 'alias-history' }),
    approvalsSection(name, context),
    versionDetail);
  if (version) {
    versionDetail.appendChild(section(`Version ${version}: lineage`, async () => lineage(name, version), { id: 'lineage' }));
    versionDetail.appendChild(section(`Version ${version}: model card`, async () => card(name, version), { id: 'model-card' }));
  }
  return page;
}

async function versions(name) {
  const [model, answer] = await Promise.all([
    getJson(`/api/2.0/mlflow/registered-models/get?name=${enc(name)}`).then(a => a.registered_model),
    postJson('/api/2.0/mlflow/model-versions/search', { filter: `name='${name.replaceAll("'", "\\'")}'`, max_results: 1000 }),
  ]);
  const list = ((answer && answer.model_versions) || []).sort((a, b) => Number(b.version) - Number(a.version));
  const aliasesOf = v => (model.aliases || []).filter(a => String(a.version) === String(v.version)).map(a => a.alias);
  const policies = await Promise.all(WATCHED_ALIASES.map(alias =>
    getJson(`/api/v1/registry/models/${enc(name)}/aliases/${alias}/policy`).then(p => [alias, p.requiresApproval]).catch(() => [alias, null])));
  const holders = WATCHED_ALIASES.map(alias => {
    const held = (model.aliases || []).find(a => a.alias === alias);
    const policy = policies.find(([a]) => a === alias)[1];
    return [alias, el('span', {}, held ? `version ${held.version}` : 'nobody',
      policy ? [' ', badge('moves need approval', 'warn')] : null)];
  });
  return el('div', {},
    facts([...holders, ['Description', model.description]]),
    table(list, [
      { key: 'version', label: 'Version', numeric: true, value: v => el('a', { href: `#/models/${enc(name)}/${enc(v.version)}`,
        'aria-label': `Version ${v.version}: lineage and model card` }, `v${v.version}`), sort: v => Number(v.version) },
      { key: 'aliases', label: 'Aliases', sort: false, value: v => el('span', {}, aliasesOf(v).map(a => [badge(a, a === 'champion' ? 'good' : ''), ' '])) },
      { key: 'stage', label: 'Stage', value: v => v.current_stage || '' },
      { key: 'status', label: 'Status', value: v => v.status || '' },
      { key: 'run', label: 'Run', value: v => v.run_id ? el('code', { title: v.run_id }, v.run_id.substring(0, 8)) : '' },
      { key: 'gate', label: 'Gate', value: v => gateOf(v) },
      { key: 'created', label: 'Created', nowrap: true, value: v => fmtTime(v.creation_timestamp), sort: v => v.creation_timestamp },
      { key: 'description', label: 'Description', value: v => v.description || '' },
    ], { sortable: true, caption: `${list.length} versions, newest first`, empty: 'This model has no version yet.' }));
}

function gateOf(version) {
  const tags = Object.fromEntries((version.tags || []).map(t => [t.key, t.value]));
  const verdict = tags['vops.gate.verdict'];
  if (verdict === undefined) {
    return '';
  }
  const passed = tags['vops.gate.passed'];
  return badge(verdict, passed === 'true' ? 'good' : passed === 'false' ? 'bad' : '');
}

async function timeline(name) {
  const model = (await getJson(`/api/2.0/mlflow/registered-models/get?name=${enc(name)}`)).registered_model;
  const aliases = [...new Set([...WATCHED_ALIASES, ...(model.aliases || []).map(a => a.alias)])];
  const histories = await Promise.all(aliases.map(alias =>
    getJson(`/api/v1/registry/models/${enc(name)}/aliases/${enc(alias)}/history`).catch(e => {
      if (e instanceof ApiError && e.status === 404) {
        return [];
      }
      throw e;
    })));
  const moves = histories.flat().sort((a, b) => String(a.changedAt).localeCompare(String(b.changedAt)));
  if (moves.length === 0) {
    return notice('info', 'No alias of this model has moved yet.');
  }
  return el('ol', { class: 'timeline', id: 'alias-timeline' }, moves.map(m => el('li', {},
    el('time', { datetime: m.changedAt }, fmtTime(m.changedAt)),
    el('div', { class: 'move' },
      badge(m.alias, m.alias === 'champion' ? 'good' : ''), ' ',
      m.version ? (m.previousVersion ? `v${m.previousVersion} → v${m.version}` : `set to v${m.version}`)
        : `removed (was v${m.previousVersion})`,
      el('span', { class: 'muted' }, ` by ${m.changedBy || 'unknown'}`),
      m.reason ? el('div', { class: 'reason' }, m.reason) : null))));
}

/** Pending approvals, of one model or all; approve and reject only for those whose roles allow it. */
function approvalsSection(model, { hasRole }) {
  const holder = el('div');
  const render = () => {
    clear(holder);
    holder.appendChild(section('Pending approvals', async () => {
      const query = model ? `?status=PENDING&model=${enc(model)}` : '?status=PENDING';
      const pending = await getJson(`/api/v1/registry/approvals${query}`);
      const mayDecide = hasRole('approver');
      const columns = [
        { key: 'model', label: 'Model', value: a => el('a', { href: `#/models/${enc(a.model)}` }, a.model) },
        { key: 'alias', label: 'Alias', value: a => badge(a.alias, a.alias === 'champion' ? 'good' : '') },
        { key: 'move', label: 'Move', value: a => `${a.expectedVersion ? 'v' + a.expectedVersion : 'nowhere'} → v${a.version}` },
        { key: 'by', label: 'Requested by', value: a => a.requestedBy },
        { key: 'at', label: 'Requested', nowrap: true, value: a => fmtTime(a.requestedAt) },
        { key: 'reason', label: 'Reason', value: a => a.reason || '' },
      ];
      if (mayDecide) {
        columns.push({ key: 'decide', label: 'Decision', value: a => decision(a, render) });
      }
      return el('div', {},
        mayDecide ? null : notice('info', 'Only approvers decide on these moves; your key has no approver role.'),
        table(pending, columns, { empty: 'No move is waiting for approval.',
          rowAttributes: a => ({ dataset: { approvalId: a.id } }) }));
    }, { id: model ? 'model-approvals' : 'approvals' }));
  };
  render();
  return holder;
}

function decision(approval, rerender) {
  const reasonId = `reason-${approval.id}`;
  const reason = el('input', { id: reasonId, name: 'reason', size: 18, placeholder: 'why (optional)' });
  const message = el('div', { role: 'status', class: 'decision-result' });
  const decide = verb => async () => {
    for (const b of buttons) {
      b.disabled = true;
    }
    try {
      await postJson(`/api/v1/registry/approvals/${enc(approval.id)}/${verb}`, { reason: reason.value.trim() || null });
      rerender();
    } catch (e) {
      clear(message).appendChild(failure(e, verb === 'approve' ? 'Approval' : 'Rejection'));
      for (const b of buttons) {
        b.disabled = false;
      }
    }
  };
  const what = `${approval.alias} of ${approval.model} to version ${approval.version}`;
  const buttons = [
    el('button', { type: 'button', class: 'approve', onclick: decide('approve'), 'aria-label': `Approve moving ${what}` }, 'Approve'),
    el('button', { type: 'button', class: 'reject secondary', onclick: decide('reject'), 'aria-label': `Reject moving ${what}` }, 'Reject'),
  ];
  return el('div', { class: 'decision' }, el('label', { for: reasonId, class: 'visually-hidden' }, `Reason for ${what}`),
    reason, buttons, message);
}

async function lineage(name, version) {
  const l = await getJson(`/api/v1/registry/models/${enc(name)}/versions/${enc(version)}/lineage`);
  const run = l.run || {};
  const steps = [
    ['Model version', el('span', {}, `${l.model.name} v${l.model.version}`, ' ', (l.model.aliases || []).map(a => [badge(a), ' ']),
      l.model.artifactSha256 ? el('span', {}, ' bundle ', hash(l.model.artifactSha256)) : null)],
    ['Run', run.runId ? el('span', {}, el('code', { title: run.runId }, run.runName || run.runId), ` ${run.status || ''}`,
      el('span', { class: 'muted' }, ` by ${run.userId || 'unknown'}, ${fmtTime(run.startTime)}`)) : 'unknown'],
    ['Pipeline', l.pipeline && l.pipeline.name ? el('span', {}, l.pipeline.name, ' ', hash(l.pipeline.sha256)) : 'not recorded'],
    ['Dataset snapshot', l.snapshot && l.snapshot.sha256 ? el('span', {},
      el('a', { href: `#/datasets/${enc(l.snapshot.dataset)}` }, l.snapshot.dataset), ' ', hash(l.snapshot.sha256)) : 'not recorded'],
    ['Ingestion batches', (l.ingestionBatches || []).length ? el('span', {}, l.ingestionBatches.map(b => [
      l.snapshot && l.snapshot.dataset
        ? el('a', { href: `#/datasets/${enc(l.snapshot.dataset)}?batch=${enc(b)}`, 'aria-label': `Validation report of batch ${b}` },
          el('code', {}, b))
        : el('code', {}, b), ' '])) : 'not recorded'],
  ];
  return el('div', {},
    el('ol', { class: 'lineage' }, steps.map(([label, value]) => el('li', {}, el('strong', {}, label), ': ', value))),
    Object.keys(run.metrics || {}).length === 0 ? null : table(Object.entries(run.metrics), [
      { key: 'k', label: 'Metric', value: ([k]) => k }, { key: 'v', label: 'Value', numeric: true, value: ([, v]) => v }],
    { caption: 'Metrics of the run' }));
}

async function card(name, version) {
  const markdown = await getText(`/api/v1/registry/models/${enc(name)}/versions/${enc(version)}/card`, 'text/markdown');
  return el('div', { class: 'model-card' }, renderMarkdown(markdown));
}

/** The little Markdown a model card uses: headings, lists, tables, paragraphs, `code`, **bold** and _emphasis_; as text. */
function renderMarkdown(markdown) {
  const out = [];
  const lines = markdown.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push(el(`h${Math.min(6, heading[1].length + 2)}`, {}, inline(heading[2])));
      i++;
    } else if (/^\s*[-*]\s+/.test(line)) {
      const items = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) {
        items.push(el('li', {}, inline(lines[i].replace(/^\s*[-*]\s+/, ''))));
        i++;
      }
      out.push(el('ul', {}, items));
    } else if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) {
        if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i])) {
          rows.push(lines[i].trim().replace(/^\||\|$/g, '').split('|').map(c => c.trim()));
        }
        i++;
      }
      out.push(el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, rows[0].map(c => el('th', { scope: 'col' }, inline(c))))),
        el('tbody', {}, rows.slice(1).map(r => el('tr', {}, r.map(c => el('td', {}, inline(c)))))))));
    } else if (line.trim() === '') {
      i++;
    } else {
      const paragraph = [];
      while (i < lines.length && lines[i].trim() !== '' && !/^(#|\s*[-*]\s|\s*\|)/.test(lines[i])) {
        paragraph.push(lines[i]);
        i++;
      }
      out.push(el('p', {}, inline(paragraph.join(' '))));
    }
  }
  return out;
}

function inline(text) {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*|\b_[^_]+_\b)/).filter(Boolean).map(part => part.startsWith('`') ? el('code', {}, part.slice(1, -1))
    : part.startsWith('**') ? el('strong', {}, part.slice(2, -2))
      : /^_[^_]+_$/.test(part) ? el('em', {}, part.slice(1, -1)) : part);
}

