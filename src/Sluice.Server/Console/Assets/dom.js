// Builds elements. Text is always added as text nodes and attributes with setAttribute, never as HTML,
// so a step name, parameter or log line shows as the characters it holds.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'style') Object.assign(el.style, value); // CSSOM: allowed by the page's policy, unlike style attributes
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function link(route, params, ...children) {
  return h('a', { href: href(route, params) }, ...children);
}

export function href(route, params) {
  const query = new URLSearchParams(params ?? {}).toString();
  return '#/' + route + (query ? '?' + query : '');
}

export function status(text, label) {
  return h('span', { class: 'status s-' + String(text).replace(/[^A-Za-z]/g, '') }, label ?? text);
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function duration(start, end) {
  if (!start) return '';
  const ms = (end ? new Date(end) : new Date()) - new Date(start);
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

export function json(value) {
  return h('pre', null, value == null ? '—' : JSON.stringify(value, null, 2));
}

export function table(headers, rows) {
  return h('table', null,
    h('thead', null, h('tr', null, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map(r => h('tr', null, r.map(c => h('td', null, c))))));
}
