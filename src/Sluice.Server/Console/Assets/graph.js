// Draws a layout computed by the server (GET /console/api/graph) as SVG, with pan, zoom, search by step name and
// live statuses. Node statuses change one attribute each, so a live update never redraws the graph.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, String(v));
  return el;
}

export function drawGraph(layout, { onOpen } = {}) {
  const W = layout.nodeWidth, H = layout.nodeHeight;
  const svg = s('svg', { role: 'group', 'aria-label': 'Pipeline graph: arrow keys pan, + and - zoom, 0 fits', tabindex: '0', 'data-testid': 'graph' });
  const world = s('g');
  const edges = s('g');
  const nodes = s('g');
  world.append(edges, nodes);
  svg.append(world);

  const byName = new Map();
  const frag = document.createDocumentFragment();
  layout.nodes.forEach((n, i) => {
    const g = s('g', { class: 'node', transform: `translate(${n.x},${n.y})`, tabindex: '0', role: 'link', 'data-step': n.name, 'data-status': 'Pending' });
    const title = s('title');
    title.textContent = n.name + ' (' + n.type + ')';
    const rect = s('rect', { class: 'box', width: W, height: H });
    const bar = s('rect', { class: 'bar bar-Pending', width: 6, height: H });
    const label = s('text', { x: 12, y: 15 });
    label.textContent = n.name.length > 24 ? n.name.slice(0, 23) + '…' : n.name;
    const kind = s('text', { x: 12, y: 29, class: 'kind' });
    kind.textContent = n.type;
    g.append(title, rect, bar, label, kind);
    const open = () => onOpen?.(n.name);
    g.addEventListener('click', open);
    g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    frag.append(g);
    byName.set(n.name, { g, bar, title, node: n, index: i });
  });
  nodes.append(frag);

  const efrag = document.createDocumentFragment();
  for (const [from, to, kind] of layout.edges) {
    const a = layout.nodes[from], b = layout.nodes[to];
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mx = (x1 + x2) / 2;
    efrag.append(s('path', { class: 'edge ' + kind, d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` }));
  }
  edges.append(efrag);

  // View: a scale and an offset, applied as one transform.
  let scale = 1, tx = 10, ty = 10;
  const apply = () => {
    world.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
    svg.classList.toggle('far', scale < 0.35);
  };
  const fit = () => {
    const box = svg.getBoundingClientRect();
    // Before the graph is on the page its size is estimated, so the first paint is already at the right zoom
    // (far out, a large graph is drawn without labels: much less to paint).
    const w = box.width || Math.max(300, window.innerWidth - 40);
    const hgt = box.height || Math.min(window.innerHeight * 0.7, Math.max(160, layout.height + 60));
    scale = Math.min(1.2, (w - 20) / layout.width, (hgt - 20) / layout.height);
    tx = (w - layout.width * scale) / 2; ty = Math.max(10, (hgt - layout.height * scale) / 2);
    apply();
  };
  const zoom = (factor, cx, cy) => {
    const next = Math.min(4, Math.max(0.02, scale * factor));
    tx = cx - (cx - tx) * (next / scale); ty = cy - (cy - ty) * (next / scale); scale = next; apply();
  };
  const centerOn = n => {
    const box = svg.getBoundingClientRect();
    scale = Math.max(scale, 0.8);
    tx = box.width / 2 - (n.x + W / 2) * scale; ty = box.height / 2 - (n.y + H / 2) * scale; apply();
  };
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', e => { if (e.target === svg || e.target.classList?.contains('edge')) { drag = { x: e.clientX - tx, y: e.clientY - ty }; svg.setPointerCapture(e.pointerId); } });
  svg.addEventListener('pointermove', e => { if (drag) { tx = e.clientX - drag.x; ty = e.clientY - drag.y; apply(); } });
  svg.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('keydown', e => {
    if (e.target !== svg) return;
    const box = svg.getBoundingClientRect();
    const step = 60;
    if (e.key === 'ArrowLeft') tx += step; else if (e.key === 'ArrowRight') tx -= step;
    else if (e.key === 'ArrowUp') ty += step; else if (e.key === 'ArrowDown') ty -= step;
    else if (e.key === '+' || e.key === '=') return zoom(1.2, box.width / 2, box.height / 2);
    else if (e.key === '-') return zoom(1 / 1.2, box.width / 2, box.height / 2);
    else if (e.key === '0') return fit();
    else return;
    e.preventDefault(); apply();
  });

  let hits = [], hit = -1;
  const search = text => {
    for (const x of hits) x.g.classList.remove('hit');
    const q = text.trim().toLowerCase();
    hits = q ? [...byName.values()].filter(x => x.node.name.toLowerCase().includes(q)) : [];
    for (const x of hits) x.g.classList.add('hit');
    hit = -1;
    next();
    return hits.length;
  };
  const next = () => {
    if (!hits.length) return;
    hit = (hit + 1) % hits.length;
    centerOn(hits[hit].node);
  };

  const setStatus = (name, status) => {
    const x = byName.get(name);
    if (!x || x.g.getAttribute('data-status') === status) return;
    x.g.setAttribute('data-status', status);
    x.bar.setAttribute('class', 'bar bar-' + status);
    x.title.textContent = name + ' (' + x.node.type + '): ' + status;
    x.g.setAttribute('aria-label', name + ': ' + status);
  };

  const container = h('div', { class: 'graph', style: { height: `min(70vh, ${Math.max(160, layout.height + 60)}px)` } });
  container.append(svg);
  const input = h('input', { type: 'search', placeholder: 'Find a step by name', 'aria-label': 'Find a step by name', 'data-testid': 'graph-search' });
  const found = h('span', { class: 'muted', 'aria-live': 'polite' });
  input.addEventListener('input', () => { const n = search(input.value); found.textContent = input.value ? n + ' found' : ''; });
  input.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); next(); } });
  const tools = h('div', { class: 'graph-tools' },
    input, found,
    h('button', { type: 'button', onclick: () => { const b = svg.getBoundingClientRect(); zoom(1.25, b.width / 2, b.height / 2); }, 'aria-label': 'Zoom in' }, '+'),
    h('button', { type: 'button', onclick: () => { const b = svg.getBoundingClientRect(); zoom(0.8, b.width / 2, b.height / 2); }, 'aria-label': 'Zoom out' }, '−'),
    h('button', { type: 'button', onclick: fit }, 'Fit'),
    h('span', { class: 'muted' }, layout.nodes.length + ' steps'));
  const element = h('section', { 'aria-label': 'Graph' }, tools, container);
  fit();
  requestAnimationFrame(fit);
  return { element, setStatus, search, fit, nodes: layout.nodes };
}
