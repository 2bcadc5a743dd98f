// One execution: its graph coloured by live step status, actions, callbacks, a timeline and the steps,
// kept current by the server-sent events of /console/api/events (a snapshot first, then each change).
import { h, link, status, when, duration, href } from './dom.js';
import { get, post, events } from './api.js';
import { drawGraph } from './graph.js';

const ROWS = 500;

export async function executionPage({ arn }, { onCleanup, go }) {
  performance.mark('execution:start');
  const first = await get('execution', { arn });
  performance.mark('execution:snapshot');
  const layout = await get('graph', { pipeline: first.execution.pipeline, version: first.execution.version });
  performance.mark('execution:layout');
  let execution = first.execution;
  const steps = new Map(first.steps.map(s => [s.name, s]));
  const graph = drawGraph(layout, { onOpen: step => go('step', { execution: arn, step }) });
  performance.mark('execution:drawn');

  const title = h('h1');
  const badge = h('span', { 'data-testid': 'execution-status' });
  const actions = h('div', { class: 'actions' });
  const reason = h('div');
  const callbacks = h('div');
  const timeline = h('div', { class: 'timeline deferred', role: 'list', 'aria-label': 'Timeline' });
  const filter = h('input', { type: 'search', placeholder: 'Filter steps by name', 'aria-label': 'Filter steps by name' });
  const list = h('div', { class: 'deferred' });
  const chosen = new Set();
  const rerun = h('button', { type: 'button', 'data-testid': 'selective', disabled: true, onclick: async () => {
    error.textContent = '';
    try {
      const started = await post('start', { pipeline: execution.pipeline, version: execution.version,
        parameters: Object.fromEntries(execution.parameters.map(p => [p.name, p.value])),
        selective: { source: arn, steps: [...chosen] } });
      go('execution', { arn: started.arn });
    } catch (e) { error.textContent = e.message; }
  } }, 'Run the checked steps again (selective execution)');
  const error = h('p', { class: 'error', role: 'alert' });
  filter.addEventListener('input', () => schedule());

  const act = async (what, body) => {
    error.textContent = '';
    try {
      const result = await post(what, body);
      if (result?.status) { execution = result; schedule(); }
    } catch (e) { error.textContent = e.message; }
  };

  // Where a step stands, for the graph: cache hits and branches not taken have their own colours.
  const statusOf = node => {
    const record = steps.get(node.name);
    if (record) return record.cacheSource ? 'Cached' : record.status;
    if (node.branch) {
      const [condition, branch] = node.branch.split(':');
      const outcome = steps.get(condition)?.metadata?.Condition?.Outcome;
      if (outcome && (outcome === 'True') !== (branch === 'If')) return 'Skipped';
    }
    return execution.status === 'Executing' || execution.status === 'Stopping' ? 'Pending' : 'Skipped';
  };

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    // Large graphs redraw their lists at most twice a second; node colours change in place either way.
    setTimeout(() => requestAnimationFrame(() => { pending = false; update(); }), layout.nodes.length > 2000 ? 500 : 0);
  }

  function update() {
    title.replaceChildren(execution.displayName || execution.id);
    badge.replaceChildren(status(execution.status));
    for (const node of layout.nodes) graph.setStatus(node.name, statusOf(node));

    const running = execution.status === 'Executing';
    rerun.disabled = chosen.size === 0 || running || execution.status === 'Stopping';
    actions.replaceChildren(
      h('button', { type: 'button', class: 'danger', disabled: !running, 'data-testid': 'stop', onclick: () => act('stop', { arn }) }, 'Stop'),
      h('button', { type: 'button', disabled: !(execution.status === 'Failed' || execution.status === 'Stopped'), 'data-testid': 'retry', onclick: () => act('retry', { arn }) }, 'Retry'),
      link('pipeline', { name: execution.pipeline }, 'Pipeline ' + execution.pipeline + ' (version ' + execution.version + ')'));
    reason.replaceChildren(execution.failureReason ? h('p', { class: 'error' }, 'Failure: ' + execution.failureReason) : '');

    const waiting = [...steps.values()].filter(s => s.type === 'Callback' && (s.status === 'Executing' || s.status === 'Stopping') && s.metadata?.Callback?.CallbackToken);
    callbacks.replaceChildren(...waiting.map(s => callbackPanel(s, act)));

    const all = [...steps.values()].filter(s => s.start).sort((a, b) => a.start.localeCompare(b.start));
    const t0 = all.length ? new Date(all[0].start).getTime() : 0;
    const t1 = Math.max(t0 + 1, ...all.map(s => new Date(s.end ?? Date.now()).getTime()));
    timeline.replaceChildren(...all.slice(0, ROWS).map(s => {
      const a = new Date(s.start).getTime(), b = new Date(s.end ?? Date.now()).getTime();
      const st = s.cacheSource ? 'Cached' : s.status;
      return h('div', { class: 'row', role: 'listitem' },
        h('span', { class: 'name' }, link('step', { execution: arn, step: s.name }, s.name), s.attempts > 1 ? ' ×' + s.attempts : ''),
        h('span', { class: 'track', title: s.name + ': ' + st + ', ' + duration(s.start, s.end) },
          h('span', { class: 'span s-' + st, style: { left: (100 * (a - t0)) / (t1 - t0) + '%', width: (100 * (b - a)) / (t1 - t0) + '%' } })));
    }), all.length > ROWS ? h('p', { class: 'muted' }, `The first ${ROWS} of ${all.length} steps.`) : '');

    const q = filter.value.trim().toLowerCase();
    const shown = layout.nodes.filter(n => !q || n.name.toLowerCase().includes(q));
    list.replaceChildren(h('table', null,
      h('thead', null, h('tr', null, ['', 'Step', 'Type', 'Status', 'Attempts', 'Started', 'Duration'].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, shown.slice(0, ROWS).map(n => {
        const s = steps.get(n.name);
        const box = h('input', { type: 'checkbox', checked: chosen.has(n.name), 'aria-label': 'Choose ' + n.name });
        box.addEventListener('change', () => {
          if (box.checked) chosen.add(n.name); else chosen.delete(n.name);
          rerun.disabled = chosen.size === 0 || execution.status === 'Executing' || execution.status === 'Stopping';
        });
        return h('tr', { 'data-step': n.name },
          h('td', null, box),
          h('td', null, h('a', { href: href('step', { execution: arn, step: n.name }) }, n.name)),
          h('td', null, n.type),
          h('td', null, status(statusOf(n))),
          h('td', null, s ? String(s.attempts) : ''),
          h('td', null, s ? when(s.start) : ''),
          h('td', null, s ? duration(s.start, s.end) : ''));
      }))), shown.length > ROWS ? h('p', { class: 'muted' }, `${ROWS} of ${shown.length} shown; filter by name to find others.`) : '');
  }

  const source = events('events', { execution: arn });
  source.addEventListener('snapshot', e => {
    const snap = JSON.parse(e.data);
    execution = snap.execution;
    steps.clear();
    for (const s of snap.steps) steps.set(s.name, s);
    schedule();
  });
  source.addEventListener('step', e => { const s = JSON.parse(e.data); steps.set(s.name, s); schedule(); });
  source.addEventListener('execution', e => { execution = JSON.parse(e.data); schedule(); });
  onCleanup(() => source.close());
  const ticker = setInterval(() => { if (execution.status === 'Executing') schedule(); }, 2000);
  onCleanup(() => clearInterval(ticker));

  update();
  performance.mark('execution:updated');
  return h('div', null,
    h('p', { class: 'muted' }, 'Execution'), title, badge, actions, error, reason, callbacks,
    graph.element,
    h('div', { class: 'legend', 'aria-label': 'Legend' }, ['Succeeded', 'Executing', 'Failed', 'Stopped', 'Cached', 'Skipped', 'Pending'].map(x => status(x, x === 'Skipped' ? 'Skipped (branch not taken or never run)' : x))),
    h('h2', null, 'Parameters'),
    execution.parameters.length ? h('dl', { class: 'kv' }, execution.parameters.map(p => [h('dt', null, p.name), h('dd', null, p.value)])) : h('p', { class: 'muted' }, 'None.'),
    h('h2', null, 'Timeline'), timeline,
    h('h2', null, 'Steps'), h('div', { class: 'actions' }, filter, rerun), list);
}

export function callbackPanel(step, act) {
  const token = step.metadata.Callback.CallbackToken;
  const outputs = h('input', { placeholder: 'name=value, name=value', 'aria-label': 'Output parameters for ' + step.name });
  const why = h('input', { placeholder: 'failure reason', 'aria-label': 'Failure reason for ' + step.name });
  const parse = () => Object.fromEntries(outputs.value.split(',').map(x => x.trim()).filter(Boolean).map(x => {
    const at = x.indexOf('=');
    return at < 0 ? [x, ''] : [x.slice(0, at).trim(), x.slice(at + 1).trim()];
  }));
  return h('div', { class: 'panel', 'data-testid': 'callback' },
    h('strong', null, 'Callback step ' + step.name + ' is waiting'), ' ', h('span', { class: 'muted' }, 'token ' + token),
    h('div', { class: 'actions' },
      outputs, h('button', { type: 'button', class: 'primary', onclick: () => act('callback', { token, outcome: 'success', outputs: parse() }) }, 'Succeed'),
      why, h('button', { type: 'button', class: 'danger', onclick: () => act('callback', { token, outcome: 'failure', reason: why.value }) }, 'Fail')));
}
