// The console's calls to /console/api. Every POST carries the session's anti-forgery token.
let csrf = null;

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

export async function session() {
  const s = await call('GET', 'session');
  csrf = s.csrf;
  return s;
}

export function get(path, params) {
  const query = params ? '?' + new URLSearchParams(params) : '';
  return call('GET', path + query);
}

export async function post(path, body) {
  const result = await call('POST', path, body);
  if (result && path === 'login') csrf = result.csrf;
  return result;
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (csrf) headers['X-Sluice-Csrf'] = csrf;
  }
  const response = await fetch('/console/api/' + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
  });
  let data = null;
  try { data = await response.json(); } catch { data = null; }
  if (!response.ok) {
    throw new ApiError(data?.message ?? ('HTTP ' + response.status), response.status);
  }
  return data;
}

export function events(path, params) {
  return new EventSource('/console/api/' + path + '?' + new URLSearchParams(params));
}
