// The console's router: #/ (pipelines), #/pipeline, #/executions, #/execution, #/step, #/models, #/login.
import { h, append } from './dom.js';
import { session, post, ApiError } from './api.js';
import { pipelinesPage, pipelinePage } from './pipelines.js';
import { executionPage } from './execution.js';
import { stepPage } from './step.js';
import { modelsPage } from './models.js';
import { executionsPage } from './executions.js';

const main = document.getElementById('main');
let cleanup = [];
let state = null;

const pages = { '': pipelinesPage, pipeline: pipelinePage, executions: executionsPage, execution: executionPage, step: stepPage, models: modelsPage, login: loginPage };

export function go(route, params) {
  location.hash = '#/' + route + (params ? '?' + new URLSearchParams(params) : '');
}

async function render() {
  for (const stop of cleanup) stop();
  cleanup = [];
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(query ?? ''));
  const page = pages[path] ?? notFound;
  try {
    state ??= await session();
    renderWho();
    if (!state.signedIn && path !== 'login') {
      return show(state.loginRequired ? null : h('p', { class: 'error' },
        'This console is open only at a loopback address (127.0.0.1, localhost or [::1]), or sign-in needs serve.credentials or serve.console_token.'),
        state.loginRequired ? go('login') : null);
    }
    const content = await page(params, { onCleanup: f => cleanup.push(f), go });
    show(content);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { state = null; go('login'); return; }
    show(h('p', { class: 'error', role: 'alert' }, e.message ?? String(e)));
  }
}

function show(content) {
  if (!content) return;
  main.replaceChildren(content);
  main.focus({ preventScroll: true });
  const title = main.querySelector('h1');
  document.title = (title ? title.textContent + ' · ' : '') + 'Sluice console';
  // When the page became usable, in ms since the document loaded (read by the browser tests and the bench).
  requestAnimationFrame(() => setTimeout(() => { document.body.dataset.readyMs = String(Math.round(performance.now())); }));
}

function renderWho() {
  const who = document.getElementById('who');
  who.replaceChildren();
  if (state?.loginRequired && state.signedIn) {
    append(who, h('button', { type: 'button', onclick: async () => { await post('logout', {}); state = null; go('login'); } }, 'Sign out'));
  }
}

async function loginPage() {
  if (!state.loginRequired || state.signedIn) { go(''); return null; }
  const error = h('p', { class: 'error', role: 'alert' });
  const key = h('input', { id: 'key', name: 'accessKeyId', autocomplete: 'username' });
  const secret = h('input', { id: 'secret', name: 'secret', type: 'password', autocomplete: 'current-password' });
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off' });
  const form = h('form', { class: 'grid', 'aria-label': 'Sign in' },
    h('label', { for: 'key' }, 'Access key id'), key,
    h('label', { for: 'secret' }, 'Secret access key'), secret,
    h('label', { for: 'token' }, 'or console token'), token,
    h('span'), h('button', { class: 'primary', type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await post('login', { accessKeyId: key.value || null, secret: secret.value || null, token: token.value || null });
      state = await session();
      go('');
    } catch (err) { error.textContent = err.message; }
  });
  return h('div', null, h('h1', null, 'Sign in'), h('p', { class: 'muted' }, 'Use one of the server\'s serve.credentials, or its console token.'), form, error);
}

function notFound() {
  return h('p', { class: 'error' }, 'There is no such page.');
}

window.addEventListener('hashchange', render);
render();
