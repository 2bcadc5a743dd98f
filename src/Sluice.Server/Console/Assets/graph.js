// Draws a layout computed by the server (GET /console/api/graph) as SVG, with pan, zoom, search by step name and
// live statuses. Node statuses change one attribute each, so a live update never redraws the graph.
// A large graph comes with clusters (runs of steps in one column, see GraphClusters on the server): it opens with each
// cluster collapsed into one box showing its members' statuses, a column closes up around a collapsed cluster, and only
// what is in view is in the page: panning and zooming draw what comes into view and drop what leaves it.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
// A cluster's status is the first of these that a member has.
const PRECEDENCE = ['Failed', 'Executing', 'Starting', 'Stopping', 'Stopped', 'Pending', 'Succeeded', 'Cached', 'Skipped'];
const HEAD = 24, GAP = 14, MARGIN = 300;

function s(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, String(v));
  return el;
}

function text(x, y, value, cls) {
  const t = s('text', cls ? { x, y, class: cls } : { x, y });
  t.textContent = value;
  return t;
}

const cut = (name, n) => (name.length > n ? name.slice(0, n - 1) + '…' : name);

export function drawGraph(layout, { onOpen } = {}) {
  const W = layout.nodeWidth, H = layout.nodeHeight, COL = W + 60;
  const nodes = layout.nodes, n = nodes.length;
  const clusters = layout.clusters ?? null;
  const large = clusters !== null;
  const status = new Array(n).fill('Pending');
  const px = new Float64Array(n), py = new Float64Array(n);
  const clusterOf = new Int32Array(n).fill(-1);
  const open = new Uint8Array(large ? clusters.length : 0);
  const boxes = large ? clusters.map(() => ({ x: 0, y: 0, h: 0 })) : [];
  clusters?.forEach((c, k) => { for (const m of c.members) clusterOf[m] = k; if (c.members.length === 1) open[k] = 1; });
  const index = new Map(nodes.map((x, i) => [x.name, i]));
  let width = layout.width, height = layout.height, lines = [];

  const svg = s('svg', { role: 'group', 'aria-label': 'Pipeline graph: arrow keys pan, + and - zoom, 0 fits', tabindex: '0', 'data-testid': 'graph' });
  const world = s('g');
  const edgeLayer = s('g');
  const nodeLayer = s('g');
  world.append(edgeLayer, nodeLayer);
  svg.append(world);
  const shown = new Map(); // key ('n' + node, 'c' + collapsed cluster, 'h' + open cluster's header) → element in the page

  // Where everything is: the server's layout, or for a clustered graph each column stacked from its clusters, centred.
  function place() {
    if (!large) {
      nodes.forEach((x, i) => { px[i] = x.x; py[i] = x.y; });
    } else {
      const bottom = [];
      clusters.forEach((c, k) => {
        const b = boxes[k];
        let y = bottom[c.column] ?? 0;
        b.x = c.column * COL; b.y = y;
        if (!open[k]) y += H;
        else {
          if (c.members.length > 1) y += HEAD;
          for (const m of c.members) { px[m] = b.x; py[m] = y; y += H + GAP; }
          y -= GAP;
        }
        b.h = y - b.y;
        bottom[c.column] = y + GAP;
      });
      height = Math.max(H, ...bottom);
      width = Math.max(1, bottom.length) * COL;
      clusters.forEach((c, k) => {
        const d = (height - bottom[c.column]) / 2;
        boxes[k].y += d;
        if (open[k]) for (const m of c.members) py[m] += d;
      });
    }
    lines = connect();
  }

  // Edges between what is drawn: an edge into a collapsed cluster ends at its box, and repeats are drawn once.
  function connect() {
    const end = i => (large && !open[clusterOf[i]] ? ~clusterOf[i] : i);
    const right = a => (a >= 0 ? [px[a] + W, py[a] + H / 2] : [boxes[~a].x + W, boxes[~a].y + H / 2]);
    const left = a => (a >= 0 ? [px[a], py[a] + H / 2] : [boxes[~a].x, boxes[~a].y + H / 2]);
    const seen = new Set(), out = [];
    for (const [from, to, kind] of layout.edges) {
      const a = end(from), b = end(to);
      if (a === b) continue;
      if (large) {
        const key = a + ',' + b;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const [x1, y1] = right(a), [x2, y2] = left(b);
      out.push({ x1, y1, x2, y2, kind });
    }
    return out;
  }

  function makeNode(i) {
    const node = nodes[i];
    const g = s('g', { class: 'node', tabindex: '0', role: 'link', 'data-step': node.name, 'data-status': status[i], 'aria-label': node.name + ': ' + status[i] });
    const title = s('title');
    title.textContent = node.name + ' (' + node.type + '): ' + status[i];
    g.append(title, s('rect', { class: 'box', width: W, height: H }), s('rect', { class: 'bar bar-' + status[i], width: 6, height: H }),
      text(12, 15, cut(node.name, 24)), text(12, 29, node.type, 'kind'));
    if (hitSet.has(i)) g.classList.add('hit');
    const go = () => onOpen?.(node.name);
    g.addEventListener('click', go);
    g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    return g;
  }

  function counts(k) {
    const c = {};
    for (const m of clusters[k].members) c[status[m]] = (c[status[m]] ?? 0) + 1;
    return c;
  }

  function makeCluster(k) {
    const g = s('g', { class: 'cluster', tabindex: '0', role: 'button', 'aria-expanded': 'false', 'data-cluster': k });
    g.addEventListener('click', () => toggle(k, true));
    g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(k, true); } });
    paintCluster(g, k);
    return g;
  }

  // A collapsed cluster: a stacked box, its label, its size and a strip of its members' statuses.
  function paintCluster(g, k) {
    const c = clusters[k], tally = counts(k), total = c.members.length;
    const worst = PRECEDENCE.find(x => tally[x]) ?? 'Pending';
    const summary = PRECEDENCE.filter(x => tally[x]).map(x => tally[x] + ' ' + x).join(', ');
    g.setAttribute('data-status', worst);
    g.setAttribute('aria-label', c.label + ': ' + total + ' steps, ' + summary + '; Enter shows them');
    const title = s('title');
    title.textContent = c.label + ' — ' + total + ' steps: ' + summary;
    const strip = s('g', { class: 'strip' });
    let x = 8;
    for (const st of PRECEDENCE) {
      if (!tally[st]) continue;
      const w = ((W - 16) * tally[st]) / total;
      strip.append(s('rect', { class: 'bar-' + st, x, y: H - 7, width: Math.max(w, 1), height: 4 }));
      x += w;
    }
    g.replaceChildren(title, s('rect', { class: 'box shadow', x: 4, y: -4, width: W, height: H }), s('rect', { class: 'box', width: W, height: H }),
      text(8, 14, cut(c.label, 28)), text(8, 26, '▸ ' + total + ' steps', 'kind'), strip);
  }

  function makeHead(k) {
    const c = clusters[k];
    const g = s('g', { class: 'cluster-head', tabindex: '0', role: 'button', 'aria-expanded': 'true', 'data-cluster': k, 'aria-label': c.label + ': ' + c.members.length + ' steps shown; Enter collapses them' });
    const frame = s('rect', { class: 'frame', x: -6, y: -4, width: W + 12, height: 0 });
    g.append(frame, s('rect', { class: 'box', width: W, height: HEAD - 6 }), text(8, 13, '▾ ' + cut(c.label, 26), 'kind'));
    g.addEventListener('click', () => toggle(k, false));
    g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(k, false); } });
    return g;
  }

  const make = key => (key[0] === 'n' ? makeNode(+key.slice(1)) : key[0] === 'c' ? makeCluster(+key.slice(1)) : makeHead(+key.slice(1)));

  function at(key) {
    const i = +key.slice(1);
    return key[0] === 'n' ? [px[i], py[i]] : [boxes[i].x, boxes[i].y];
  }

  // Puts in the page what is in view (everything, for a graph that is not clustered) and takes out the rest.
  function render() {
    const r = svg.getBoundingClientRect();
    const vw = r.width || estimateWidth(), vh = r.height || estimateHeight();
    const x0 = -tx / scale - MARGIN, y0 = -ty / scale - MARGIN, x1 = (vw - tx) / scale + MARGIN, y1 = (vh - ty) / scale + MARGIN;
    const inView = (x, y, w, hh) => !large || (x < x1 && x + w > x0 && y < y1 && y + hh > y0);
    const want = [];
    if (!large) for (let i = 0; i < n; i++) want.push('n' + i);
    else {
      clusters.forEach((c, k) => {
        const b = boxes[k];
        if (!inView(b.x, b.y, W, b.h)) return;
        if (!open[k]) { want.push('c' + k); return; }
        if (c.members.length > 1) want.push('h' + k);
        for (const m of c.members) if (inView(px[m], py[m], W, H)) want.push('n' + m);
      });
    }
    const wanted = new Set(want);
    for (const [key, el] of shown) if (!wanted.has(key)) { el.remove(); shown.delete(key); }
    const frag = document.createDocumentFragment();
    for (const key of want) {
      let el = shown.get(key);
      if (!el) { el = make(key); shown.set(key, el); frag.append(el); }
      const [x, y] = at(key);
      const place = `translate(${x},${y})`;
      if (el.getAttribute('transform') !== place) el.setAttribute('transform', place);
      if (key[0] === 'h') el.firstChild.setAttribute('height', boxes[+key.slice(1)].h + 8);
    }
    nodeLayer.append(frag);
    if (large || !edgeLayer.hasChildNodes()) {
      const efrag = document.createDocumentFragment();
      for (const l of lines) {
        if (!inView(Math.min(l.x1, l.x2), Math.min(l.y1, l.y2), Math.abs(l.x2 - l.x1), Math.abs(l.y2 - l.y1) + 1)) continue;
        const mx = (l.x1 + l.x2) / 2;
        efrag.append(s('path', { class: 'edge ' + l.kind, d: `M${l.x1},${l.y1} C${mx},${l.y1} ${mx},${l.y2} ${l.x2},${l.y2}` }));
      }
      edgeLayer.replaceChildren(efrag);
    }
  }

  let frame = 0;
  const later = () => { if (large && !frame) frame = requestAnimationFrame(() => { frame = 0; render(); }); };

  // View: a scale and an offset, applied as one transform.
  let scale = 1, tx = 10, ty = 10;
  const apply = () => {
    world.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
    svg.classList.toggle('far', scale < 0.35);
    later();
  };
  // Before the graph is on the page its size is estimated, so the first paint is already at the right zoom
  // (far out, a large graph is drawn without labels: much less to paint).
  const estimateWidth = () => Math.max(300, window.innerWidth - 40);
  const estimateHeight = () => Math.min(window.innerHeight * 0.7, Math.max(160, height + 60));
  const fit = () => {
    const box = svg.getBoundingClientRect();
    const w = box.width || estimateWidth(), hgt = box.height || estimateHeight();
    scale = Math.min(1.2, (w - 20) / width, (hgt - 20) / height);
    tx = (w - width * scale) / 2; ty = Math.max(10, (hgt - height * scale) / 2);
    apply();
  };
  const zoom = (factor, cx, cy) => {
    const next = Math.min(4, Math.max(0.02, scale * factor));
    tx = cx - (cx - tx) * (next / scale); ty = cy - (cy - ty) * (next / scale); scale = next; apply();
  };
  const centerOn = (x, y) => {
    const box = svg.getBoundingClientRect();
    scale = Math.max(scale, 0.8);
    tx = (box.width || estimateWidth()) / 2 - (x + W / 2) * scale; ty = (box.height || estimateHeight()) / 2 - (y + H / 2) * scale; apply();
  };

  // Opens or closes a cluster; the column closes up or makes room, and focus stays on what was chosen.
  function toggle(k, show) {
    if (!large || clusters[k].members.length === 1 || !!open[k] === show) return;
    open[k] = show ? 1 : 0;
    place();
    resize();
    render();
    const b = boxes[k];
    if (show) centerOn(b.x, b.y + Math.min(b.h, 4 * (H + GAP)) / 2 - H / 2);
    render();
    shown.get((show ? 'h' : 'c') + k)?.focus({ preventScroll: true });
  }

  function collapseAll() {
    if (!large) return;
    clusters.forEach((c, k) => { if (c.members.length > 1) open[k] = 0; });
    place(); resize(); fit(); render();
  }

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

  // Search: matches are marked (an exact name first), the view moves to the current one, opening its cluster.
  let hits = [], hit = -1, hitSet = new Set();
  const search = value => {
    for (const i of hits) shown.get('n' + i)?.classList.remove('hit');
    const q = value.trim().toLowerCase();
    hits = [];
    if (q) for (let i = 0; i < n; i++) if (nodes[i].name.toLowerCase().includes(q)) hits.push(i);
    const exact = hits.findIndex(i => nodes[i].name.toLowerCase() === q);
    if (exact > 0) hits.unshift(...hits.splice(exact, 1));
    hitSet = new Set(hits);
    for (const i of hits) shown.get('n' + i)?.classList.add('hit');
    hit = -1;
    if (hits.length) goTo(0, false);
    return hits.length;
  };
  function goTo(to, focus) {
    if (!hits.length) return;
    hit = (to + hits.length) % hits.length;
    const i = hits[hit], k = clusterOf[i];
    if (large && !open[k]) { open[k] = 1; place(); resize(); }
    centerOn(px[i], py[i]);
    render();
    if (focus) shown.get('n' + i)?.focus({ preventScroll: true });
  }

  const dirty = new Set();
  let painting = 0;
  const setStatus = (name, st) => {
    const i = index.get(name);
    if (i === undefined || status[i] === st) return;
    status[i] = st;
    const g = shown.get('n' + i);
    if (g) {
      g.setAttribute('data-status', st);
      g.children[2].setAttribute('class', 'bar bar-' + st);
      g.firstChild.textContent = name + ' (' + nodes[i].type + '): ' + st;
      g.setAttribute('aria-label', name + ': ' + st);
    }
    if (large) {
      dirty.add(clusterOf[i]);
      painting ||= requestAnimationFrame(() => {
        painting = 0;
        for (const k of dirty) { const el = shown.get('c' + k); if (el) paintCluster(el, k); }
        dirty.clear();
      });
    }
  };

  const container = h('div', { class: 'graph' });
  const resize = () => { container.style.height = `min(70vh, ${Math.max(160, height + 60)}px)`; };
  container.append(svg);
  const input = h('input', { type: 'search', placeholder: 'Find a step by name', 'aria-label': 'Find a step by name: Enter focuses the match, arrow down and up go to the next and previous', 'data-testid': 'graph-search' });
  const found = h('span', { class: 'muted', 'aria-live': 'polite' });
  input.addEventListener('input', () => { const count = search(input.value); found.textContent = input.value ? count + ' found' : ''; });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter') { e.preventDefault(); goTo(Math.max(hit, 0), true); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); goTo(hit + 1, false); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); goTo(hit - 1, false); }
  });
  const middle = () => { const b = svg.getBoundingClientRect(); return [b.width / 2, b.height / 2]; };
  const tools = h('div', { class: 'graph-tools' },
    input, found,
    h('button', { type: 'button', onclick: () => zoom(1.25, ...middle()), 'aria-label': 'Zoom in' }, '+'),
    h('button', { type: 'button', onclick: () => zoom(0.8, ...middle()), 'aria-label': 'Zoom out' }, '−'),
    h('button', { type: 'button', onclick: fit }, 'Fit'),
    large ? h('button', { type: 'button', onclick: collapseAll, 'data-testid': 'collapse-all' }, 'Collapse all') : null,
    h('span', { class: 'muted' }, n + ' steps' + (large ? ' in ' + clusters.length + ' groups (Enter or a click on a group shows its steps)' : '')));
  const element = h('section', { 'aria-label': 'Graph' }, tools, container);
  // While the person has not moved the view, it follows the graph's size (a window resized, the browser zoomed).
  let moved = false;
  for (const type of ['wheel', 'pointerdown', 'keydown']) svg.addEventListener(type, () => { moved = true; });
  input.addEventListener('input', () => { moved = true; });
  const watcher = new ResizeObserver(() => {
    if (!svg.isConnected) { watcher.disconnect(); return; }
    if (!moved) fit();
    else later();
  });
  watcher.observe(container);
  place();
  resize();
  fit();
  render();
  requestAnimationFrame(fit);
  return { element, setStatus, search, fit, nodes };
}
