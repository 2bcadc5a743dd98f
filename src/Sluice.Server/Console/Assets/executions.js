// Every execution, newest first, or one pipeline's: what `sluice executions [--pipeline NAME]` lists.
import { h, link, status, when, duration, table } from './dom.js';
import { get } from './api.js';

export async function executionsPage({ pipeline }, { go }) {
  const { executions, count } = await get('executions', pipeline ? { pipeline } : {});
  const filter = h('input', { type: 'search', id: 'executions-pipeline', value: pipeline ?? '', placeholder: 'all pipelines' });
  const form = h('form', { class: 'actions', 'aria-label': 'Filter executions' },
    h('label', { for: 'executions-pipeline' }, 'Pipeline'), filter, h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', e => { e.preventDefault(); go('executions', filter.value.trim() ? { pipeline: filter.value.trim() } : null); });
  return h('div', null,
    h('h1', null, pipeline ? 'Executions of ' + pipeline : 'Executions'),
    form,
    executions.length === 0 ? h('p', { class: 'muted' }, 'No executions yet.') : table(['Started', 'Status', 'Pipeline', 'Execution', 'Duration'], executions.map(e => [
      when(e.created),
      status(e.status),
      link('pipeline', { name: e.pipeline }, e.pipeline),
      link('execution', { arn: e.arn }, e.displayName || e.id),
      duration(e.created, e.status === 'Executing' || e.status === 'Stopping' ? null : e.modified),
    ])),
    count > executions.length ? h('p', { class: 'muted' }, `The newest ${executions.length} of ${count}.`) : null);
}
