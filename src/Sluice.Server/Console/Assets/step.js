// One step: its record, definition, outputs and job, and its log, live while it runs and kept afterwards.
import { h, link, status, when, duration, json } from './dom.js';
import { get, post, events } from './api.js';
import { callbackPanel } from './execution.js';

export async function stepPage({ execution: arn, step: name }, { onCleanup }) {
  const s = await get('step', { execution: arn, step: name });
  const r = s.record;
  const error = h('p', { class: 'error', role: 'alert' });
  const act = async (what, body) => {
    try { await post(what, body); } catch (e) { error.textContent = e.message; }
  };
  const log = h('pre', { class: 'log', 'data-testid': 'log', 'aria-live': 'off' });
  const logState = h('p', { class: 'muted', 'data-testid': 'log-state' });
  if (r) {
    logState.textContent = 'Loading the log…';
    const source = events('log', { execution: arn, step: name });
    let ended = false;
    source.addEventListener('start', e => { if (!JSON.parse(e.data).file) logState.textContent = 'No log yet (only job steps write one).'; else logState.textContent = 'Streaming…'; });
    source.addEventListener('note', e => { log.append(JSON.parse(e.data) + '\n'); });
    source.addEventListener('log', e => {
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.append(JSON.parse(e.data));
      if (atBottom) log.scrollTop = log.scrollHeight;
    });
    source.addEventListener('end', e => {
      ended = true;
      source.close();
      const bytes = JSON.parse(e.data).bytes;
      logState.textContent = bytes ? 'The step has ended; this is its whole log (' + bytes + ' bytes).' : 'The step has ended without writing a log.';
    });
    source.addEventListener('error', () => { if (!ended && source.readyState === EventSource.CLOSED) logState.textContent = 'The log stream was cut.'; });
    onCleanup(() => source.close());
  } else {
    logState.textContent = 'The step has not run, so it has no log.';
  }

  // The record's part of the page follows the step live, from the execution's change stream.
  const facts = h('div');
  const waiting = h('div');
  const metadata = h('div');
  const properties = h('div');
  const jobState = h('div');
  const show = record => {
    const st = record ? (record.cacheSource ? 'Cached' : record.status) : 'Not run';
    facts.replaceChildren(h('dl', { class: 'kv' },
      h('dt', null, 'Type'), h('dd', null, s.type),
      h('dt', null, 'Status'), h('dd', { 'data-testid': 'step-status' }, status(st)),
      s.description ? [h('dt', null, 'Description'), h('dd', null, s.description)] : null,
      record ? [
        h('dt', null, 'Attempts'), h('dd', null, String(record.attempts)),
        h('dt', null, 'Started'), h('dd', null, when(record.start)),
        h('dt', null, 'Ended'), h('dd', null, when(record.end)),
        h('dt', null, 'Duration'), h('dd', null, duration(record.start, record.end)),
        record.nextAttempt ? [h('dt', null, 'Next attempt'), h('dd', null, when(record.nextAttempt))] : null,
        record.failureReason ? [h('dt', null, 'Failure reason'), h('dd', { class: 'error' }, record.failureReason)] : null,
        record.cacheSource ? [h('dt', null, 'From the cache of'), h('dd', null, link('execution', { arn: record.cacheSource }, record.cacheSource))] : null,
        record.selectiveSource ? [h('dt', null, 'Reused from'), h('dd', null, link('execution', { arn: record.selectiveSource }, record.selectiveSource))] : null,
      ] : null));
    waiting.replaceChildren(record && record.type === 'Callback' && (record.status === 'Executing' || record.status === 'Stopping') && record.metadata?.Callback?.CallbackToken ? callbackPanel(record, act) : '');
    metadata.replaceChildren(json(record?.metadata));
    if (record?.properties !== undefined) properties.replaceChildren(json(record.properties));
    if (record?.job !== undefined) jobState.replaceChildren(json(record.job));
  };
  show(r);
  if (!r) properties.replaceChildren(json(null));
  if (!r) jobState.replaceChildren(json(null));
  const live = events('events', { execution: arn });
  live.addEventListener('step', async e => {
    const x = JSON.parse(e.data);
    if (x.name !== name) return;
    show(x);
    if (x.end) show((await get('step', { execution: arn, step: name })).record); // with its outputs and properties
  });
  live.addEventListener('snapshot', e => { const x = JSON.parse(e.data).steps.find(y => y.name === name); if (x) show(x); });
  onCleanup(() => live.close());

  return h('div', null,
    h('p', { class: 'muted' }, 'Step of ', link('execution', { arn }, s.execution.displayName || s.execution.id)),
    h('h1', null, s.name),
    facts,
    error,
    waiting,
    h('h2', null, 'Log'), logState, log,
    h('h2', null, 'Metadata'), metadata,
    h('h2', null, 'Outputs and properties'), properties,
    h('h2', null, 'Definition (arguments as written)'), json(s.definition),
    h('h2', null, 'Job'), jobState);
}
