// Small DOM helpers: every text goes in as text (never as HTML), so nothing an API returns can run as script.

import { ApiError } from './api.js';

/** el('button', {type: 'button', onclick: f}, 'Approve') */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.substring(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  return node;
}

/** A notice in the page: 'info', 'warn' (a service is not there) or 'error'. */
export function notice(kind, ...text) {
  return el('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** What to show for a failed call: a plain sentence when a service is down or not there yet. */
export function failure(error, what) {
  if (error instanceof ApiError && error.unavailable) {
    // the message starts with the same words: only the reason in brackets is added
    const reason = error.message.replace(`${error.service} is not answering `, '');
    return notice('warn', `${what}: ${error.service} is not answering. `, el('span', { class: 'muted' }, reason));
  }
  if (error instanceof ApiError && error.status === 404) {
    return notice('info', `${what}: nothing yet. `, el('span', { class: 'muted' }, error.message));
  }
  if (error instanceof ApiError && error.status === 403) {
    return notice('error', `${what}: not allowed with your key. `, el('span', { class: 'muted' }, error.message));
  }
  return notice('error', `${what}: ${error.message}`);
}

/** A section that loads itself: shows "Loading…", then what render returns, or the failure. */
export function section(title, load, { level = 2, id } = {}) {
  const body = el('div', { class: 'section-body' }, el('p', { class: 'muted' }, 'Loading…'));
  const heading = el(`h${level}`, {}, title);
  const node = el('section', { class: 'card', id, 'aria-busy': 'true' }, heading, body);
  Promise.resolve().then(load).then(content => {
    clear(body);
    append(body, [content]);
  }).catch(error => {
    clear(body);
    body.appendChild(failure(error, title));
    console.warn(title, error);
  }).finally(() => node.removeAttribute('aria-busy'));
  return node;
}

export function fmtTime(value) {
  if (value === undefined || value === null || value === '') {
    return '';
  }
  const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function fmtNumber(value, digits = 4) {
  if (value === undefined || value === null || value === '') {
    return '';
  }
  if (typeof value !== 'number') {
    return String(value);
  }
  if (Number.isInteger(value)) {
    return value.toLocaleString('en-US');
  }
  return Number(value.toPrecision(digits)).toString();
}

export function shortHash(hash) {
  return hash ? String(hash).substring(0, 12) : '';
}

/** A hash shown short, whole in its title and for copying. */
export function hash(value) {
  return value ? el('code', { class: 'hash', title: value }, shortHash(value)) : '';
}

/**
 * A table from rows and columns [{key, label, value: row => any, sort: row => comparable, numeric, nowrap}]. With
 * sortable, each header is a button; the sort state lives in the table, or in sortState ({key, ascending}) when a
 * table drawn again (other columns chosen) keeps the order the user picked.
 */
export function table(rows, columns, { caption, sortable = false, empty = 'Nothing yet.', rowAttributes,
  sortState = { key: null, ascending: true } } = {}) {
  if (!rows || rows.length === 0) {
    return notice('info', empty);
  }
  const tbody = el('tbody');
  const headers = columns.map(column => {
    const th = el('th', { scope: 'col', class: column.numeric ? 'num' : undefined });
    if (sortable && column.sort !== false) {
      const button = el('button', { type: 'button', class: 'sort', onclick: () => {
        sortState.ascending = sortState.key === column.key ? !sortState.ascending : true;
        sortState.key = column.key;
        headers.forEach(h => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', sortState.ascending ? 'ascending' : 'descending');
        render();
      } }, column.label);
      th.appendChild(button);
      if (sortState.key === column.key) {
        th.setAttribute('aria-sort', sortState.ascending ? 'ascending' : 'descending');
      }
    } else {
      th.textContent = column.label;
    }
    return th;
  });
  const render = () => {
    let ordered = rows;
    const column = sortState.key === null ? null : columns.find(c => c.key === sortState.key);
    if (column) {
      const keyOf = column.sort || column.value;
      ordered = [...rows].sort((a, b) => compare(keyOf(a), keyOf(b)) * (sortState.ascending ? 1 : -1));
    }
    clear(tbody);
    for (const row of ordered) {
      const tr = el('tr', rowAttributes ? rowAttributes(row) : {});
      for (const column of columns) {
        const value = column.value(row);
        const classes = [column.numeric ? 'num' : '', column.nowrap ? 'nowrap' : ''].join(' ').trim();
        tr.appendChild(el('td', { class: classes || undefined },
          typeof value === 'number' ? fmtNumber(value) : value));
      }
      tbody.appendChild(tr);
    }
  };
  render();
  return el('div', { class: 'table-wrap' },
    el('table', {}, caption ? el('caption', {}, caption) : null, el('thead', {}, el('tr', {}, headers)), tbody));
}

function compare(a, b) {
  const missingA = a === undefined || a === null || a === '';
  const missingB = b === undefined || b === null || b === '';
  if (missingA || missingB) {
    return missingA === missingB ? 0 : (missingA ? 1 : -1);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

/** A definition list from [label, value] pairs, skipping empty values. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([label, value]) => [el('dt', {}, label), el('dd', {}, typeof value === 'number' ? fmtNumber(value) : value)]));
}

/** An HTML report fetched with the key, shown in a frame that may run no script and reach nothing. */
export function reportFrame(title, html) {
  return el('iframe', { class: 'report', title, sandbox: '', srcdoc: html });
}

export function badge(text, kind = '') {
  return el('span', { class: `badge ${kind}` }, text);
}

/** Query parameters of the current hash route: #/runs/compare?ids=a,b */
export function routeParams() {
  const hashValue = location.hash || '';
  const index = hashValue.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : hashValue.substring(index + 1));
}
