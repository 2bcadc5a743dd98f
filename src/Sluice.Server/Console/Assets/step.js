// One step: its record, definition, outputs and job, and its log, live while it runs and kept afterwards.
import { h, link, status, when, duration, json } from './dom.js';
import { get, post, events } from './api.js';
import { callbackPanel } from './execution.js';

export async function stepPage({ execution: arn, step: name }, { onCleanup }) {
  const s = await get('step', { execution: arn, step: name });
  const r = s.record;
  const error = h('p', { class: 'error', role: 'alert' });
  const act = async (what, body) => {
    try { await post(what, body); location.reload(); } catch (e) { error.textContent = e.message; }
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

  const st = r ? (r.cacheSource ? 'Cached' : r.status) : 'Not run';
  return h('div', null,
    h('p', { class: 'muted' }, 'Step of ', link('execution', { arn }, s.execution.displayName || s.execution.id)),
    h('h1', null, s.name),
    h('dl', { class: 'kv' },
      h('dt', null, 'Type'), h('dd', null, s.type),
      h('dt', null, 'Status'), h('dd', { 'data-testid': 'step-status' }, status(st)),
      s.description ? [h('dt', null, 'Description'), h('dd', null, s.description)] : null,
      r ? [
        h('dt', null, 'Attempts'), h('dd', null, String(r.attempts)),
        h('dt', null, 'Started'), h('dd', null, when(r.start)),
        h('dt', null, 'Ended'), h('dd', null, when(r.end)),
        h('dt', null, 'Duration'), h('dd', null, duration(r.start, r.end)),
        r.nextAttempt ? [h('dt', null, 'Next attempt'), h('dd', null, when(r.nextAttempt))] : null,
        r.failureReason ? [h('dt', null, 'Failure reason'), h('dd', { class: 'error' }, r.failureReason)] : null,
        r.cacheSource ? [h('dt', null, 'From the cache of'), h('dd', null, link('execution', { arn: r.cacheSource }, r.cacheSource))] : null,
        r.selectiveSource ? [h('dt', null, 'Reused from'), h('dd', null, link('execution', { arn: r.selectiveSource }, r.selectiveSource))] : null,
      ] : null),
    error,
    r && r.type === 'Callback' && (r.status === 'Executing' || r.status === 'Stopping') && r.metadata?.Callback?.CallbackToken ? callbackPanel(r, act) : null,
    h('h2', null, 'Log'), logState, log,
    h('h2', null, 'Metadata'), json(r?.metadata),
    h('h2', null, 'Outputs and properties'), json(r?.properties),
    h('h2', null, 'Definition (arguments as written)'), json(s.definition),
    h('h2', null, 'Job'), json(r?.job));
}
