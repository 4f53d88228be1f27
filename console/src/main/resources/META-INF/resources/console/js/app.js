// The console's shell: sign-in with an API key, the navigation and a page per hash route.

import { apiKey, setApiKey, getJson, whenUnauthenticated, ApiError } from './api.js';
import { clear, el, failure } from './ui.js';
import { datasetsPage } from './pages/datasets.js';
import { runsPage } from './pages/runs.js';
import { modelsPage } from './pages/models.js';
import { monitoringPage } from './pages/monitoring.js';

const PAGES = {
  datasets: datasetsPage,
  runs: runsPage,
  models: modelsPage,
  monitoring: monitoringPage,
};

/** Who holds the key: {user, roles, securityEnabled}, from the gateway. */
export const session = { me: null };

export function hasRole(...roles) {
  const held = session.me ? session.me.roles : [];
  return held.includes('admin') || roles.some(role => held.includes(role));
}

const loginSection = document.getElementById('login');
const loginForm = document.getElementById('login-form');
const loginError = document.getElementById('login-error');
const page = document.getElementById('page');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

function showLogin(message) {
  session.me = null;
  nav.hidden = true;
  who.hidden = true;
  clear(page);
  loginSection.hidden = false;
  loginError.textContent = message || '';
  document.getElementById('api-key').focus();
}

async function signIn(key) {
  setApiKey(key);
  try {
    session.me = await getJson('/api/v1/platform/me');
  } catch (e) {
    setApiKey(null);
    const reason = e instanceof ApiError && e.status === 401 ? 'This key is not valid: unknown, revoked or expired.'
      : e.message;
    showLogin(reason);
    return false;
  }
  loginSection.hidden = true;
  nav.hidden = false;
  who.hidden = false;
  document.getElementById('who-name').textContent = `${session.me.user} (${session.me.roles.join(', ')})`;
  return true;
}

function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const path = hash.split('?')[0];
  const [name, ...rest] = path.split('/');
  return { name: PAGES[name] ? name : 'datasets', rest: rest.map(decodeURIComponent) };
}

let rendering = 0;
async function render() {
  if (!session.me) {
    return;
  }
  const { name, rest } = currentRoute();
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.page === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const ticket = ++rendering;
  clear(page);
  try {
    const content = await PAGES[name](rest, { hasRole, session });
    if (ticket === rendering) {
      clear(page);
      page.appendChild(content);
      const heading = page.querySelector('h1');
      document.title = `${heading ? heading.textContent : 'Console'} · VishwaOps`;
    }
  } catch (e) {
    if (ticket === rendering) {
      page.appendChild(failure(e, 'This page'));
    }
  }
}

loginForm.addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  const key = input.value.trim();
  input.value = '';
  if (await signIn(key)) {
    if (!location.hash) {
      location.hash = '#/datasets';
    } else {
      render();
    }
    document.getElementById('main').focus();
  }
});

document.getElementById('logout').addEventListener('click', () => {
  setApiKey(null);
  showLogin('Signed out.');
});

whenUnauthenticated(message => {
  setApiKey(null);
  showLogin(`Your key no longer works: ${message}`);
});

// the address's hash is the page's route: the skip link moves the focus itself instead of following #main
document.querySelector('a.skip').addEventListener('click', event => {
  event.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', render);

(async () => {
  const key = apiKey();
  if (key && await signIn(key)) {
    render();
  } else if (!key) {
    showLogin('');
  }
})();
