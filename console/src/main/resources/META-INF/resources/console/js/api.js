// Every call goes through the gateway's public API with the user's key, exactly as any other client would.

const KEY = 'vops.console.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(KEY, key);
  } else {
    sessionStorage.removeItem(KEY);
  }
}

/** A failed call, with what the user needs to know: which service, and whether it is down or said no. */
export class ApiError extends Error {
  constructor(status, message, { service, unavailable = false, problem = null } = {}) {
    super(message);
    this.status = status;
    this.service = service;
    this.unavailable = unavailable;
    this.problem = problem;
  }
}

const SERVICES = [
  ['/api/v1/datasets', 'ingestion'], ['/api/v1/ingestions', 'ingestion'],
  ['/api/v1/validation', 'validation'],
  ['/api/v1/features', 'feature'], ['/api/v1/snapshots', 'feature'],
  ['/api/v1/pipelines', 'training'], ['/api/v1/training-jobs', 'training'],
  ['/api/2.0/mlflow', 'registry'], ['/api/v1/registry', 'registry'],
  ['/api/v1/models', 'serving'], ['/api/v1/feedback', 'serving'], ['/v2', 'serving'],
  ['/api/v1/monitoring', 'monitoring'],
  ['/api/v1/platform', 'gateway'],
];

export function serviceOf(path) {
  const hit = SERVICES.find(([prefix]) => path === prefix || path.startsWith(prefix + '/') || path.startsWith(prefix + '?'));
  return hit ? hit[1] : 'the platform';
}

/** Called when the key stops working (revoked, expired): the app goes back to the sign-in form. */
let onUnauthenticated = () => {};
export function whenUnauthenticated(callback) {
  onUnauthenticated = callback;
}

async function call(method, path, { body, accept = 'application/json', contentType = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const key = apiKey();
  if (key) {
    headers['X-Api-Key'] = key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  const service = serviceOf(path);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, `${service} is not answering (${e.message})`, { service, unavailable: true });
  }
  if (response.ok) {
    return response;
  }
  let problem = null;
  let text = '';
  try {
    text = await response.text();
    problem = JSON.parse(text);
  } catch (e) {
    // not JSON: the text is the message
  }
  const detail = problem && (problem.detail || problem.message || problem.title) || text || response.statusText;
  if (response.status === 401 && serviceOf(path) !== 'gateway') {
    onUnauthenticated(detail);
  }
  // 502-504 from the gateway: the service is down or slow. A 404 without a problem body from a service that has
  // no such endpoint yet reads the same to the user: that part of the platform is not there.
  const unavailable = response.status >= 502 && response.status <= 504
      || response.status === 404 && problem && /No static resource|not-found-endpoint|No endpoint/i.test(detail || '');
  const message = unavailable
    ? `${service} is not answering (${response.status}${detail ? ': ' + detail : ''})`
    : `${response.status} ${detail}`;
  throw new ApiError(response.status, message, { service, unavailable, problem });
}

export async function getJson(path) {
  return (await call('GET', path)).json();
}

export async function getText(path, accept) {
  return (await call('GET', path, { accept })).text();
}

export async function postJson(path, body) {
  const response = await call('POST', path, { body: body ?? {} });
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** The JSON, or null when the answer is 404 (an optional thing that is not there, such as an artifact). */
export async function getJsonOrNull(path) {
  try {
    return await getJson(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.unavailable) {
      return null;
    }
    throw e;
  }
}

export function enc(value) {
  return encodeURIComponent(value);
}
