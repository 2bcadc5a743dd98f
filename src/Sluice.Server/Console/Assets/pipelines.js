// The pipelines list and one pipeline: graph, versions, executions and a start form with typed parameters.
import { h, link, status, when, duration, table } from './dom.js';
import { get, post } from './api.js';
import { drawGraph } from './graph.js';

export async function pipelinesPage() {
  const { pipelines } = await get('pipelines');
  return h('div', null,
    h('h1', null, 'Pipelines'),
    pipelines.length === 0
      ? h('p', { class: 'muted' }, 'No pipelines yet: create one with sluice upsert, sluice run, or the SageMaker API.')
      : table(['Name', 'Latest version', 'Last modified', 'Last execution'], pipelines.map(p => [
        link('pipeline', { name: p.name }, p.name),
        String(p.version),
        when(p.modified),
        p.lastExecution ? h('span', null, link('execution', { arn: p.lastExecution.arn }, status(p.lastExecution.status)), ' ', when(p.lastExecution.created)) : h('span', { class: 'muted' }, 'none'),
      ])));
}

export async function pipelinePage({ name }, { go }) {
  const [p, layout] = await Promise.all([get('pipeline', { name }), get('graph', { pipeline: name })]);
  const graph = drawGraph(layout, {});
  return h('div', null,
    h('h1', null, p.displayName || p.name),
    p.description ? h('p', null, p.description) : null,
    h('h2', null, 'Start an execution'),
    startForm(p, go),
    h('h2', null, 'Executions'),
    p.executions.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : table(['Execution', 'Status', 'Started', 'Duration', 'Version'], p.executions.map(e => [
      link('execution', { arn: e.arn }, e.displayName || e.id),
      status(e.status),
      when(e.created),
      duration(e.created, e.status === 'Executing' || e.status === 'Stopping' ? null : e.modified),
      String(e.version),
    ])),
    p.executionCount > p.executions.length ? h('p', { class: 'muted' }, `The newest ${p.executions.length} of ${p.executionCount}.`) : null,
    h('h2', null, 'Graph (latest version)'),
    graph.element,
    h('h2', null, 'Versions'),
    table(['Version', 'Name', 'Made'], p.versions.slice().reverse().map(v => [String(v.version), v.versionDisplayName ?? '', when(v.modified)])));
}

function startForm(p, go) {
  const error = h('p', { class: 'error', role: 'alert' });
  const inputs = p.parameters.map((param, i) => {
    const id = 'param-' + i;
    let input;
    if (param.enum) {
      input = h('select', { id, name: param.name }, param.enum.map(v => h('option', { value: v, selected: v === param.default }, v)));
    } else if (param.type === 'Boolean') {
      input = h('select', { id, name: param.name }, ['true', 'false'].map(v => h('option', { value: v, selected: String(param.default) === v }, v)));
    } else if (param.type === 'Integer' || param.type === 'Float') {
      input = h('input', { id, name: param.name, type: 'number', step: param.type === 'Integer' ? '1' : 'any', value: param.default ?? '', required: param.default == null });
    } else {
      input = h('input', { id, name: param.name, value: param.default ?? '', required: param.default == null });
    }
    return { param, input, row: [h('label', { for: id }, param.name, h('span', { class: 'muted' }, ' (' + param.type + ')')), input] };
  });
  const display = h('input', { id: 'display-name', name: 'displayName', placeholder: 'optional' });
  const button = h('button', { class: 'primary', type: 'submit', 'data-testid': 'start' }, 'Start');
  const form = h('form', { class: 'grid', 'aria-label': 'Start an execution' },
    inputs.map(x => x.row), h('label', { for: 'display-name' }, 'Display name'), display, h('span'), button);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    button.disabled = true;
    try {
      const parameters = {};
      for (const { param, input } of inputs) parameters[param.name] = input.value;
      const started = await post('start', { pipeline: p.name, displayName: display.value || null, parameters });
      go('execution', { arn: started.arn });
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  return h('div', null, form, error);
}
