// The model registry: package groups, their packages, and approval.
import { h, when, status, table } from './dom.js';
import { get, post } from './api.js';

export async function modelsPage() {
  const { groups, models } = await get('models');
  const error = h('p', { class: 'error', role: 'alert' });
  const root = h('div', null, h('h1', null, 'Model registry'), error);
  if (groups.length === 0) root.append(h('p', { class: 'muted' }, 'No model packages yet: a RegisterModel step adds them.'));
  for (const group of groups) {
    root.append(h('h2', null, group.name), table(['Version', 'Approval', 'Registered', 'Changed', 'Actions'], group.packages.map(p => {
      const set = async value => {
        try { await post('approve', { arn: p.arn, status: value }); root.replaceWith(await modelsPage()); } catch (e) { error.textContent = e.message; }
      };
      return [String(p.version), h('span', { 'data-testid': 'approval' }, status(p.approval)), when(p.created), when(p.modified),
        h('span', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', disabled: p.approval === 'Approved', 'data-testid': 'approve', onclick: () => set('Approved') }, 'Approve'),
          h('button', { type: 'button', class: 'danger', disabled: p.approval === 'Rejected', onclick: () => set('Rejected') }, 'Reject'))];
    })));
  }
  root.append(h('h2', null, 'Models'), models.length === 0
    ? h('p', { class: 'muted' }, 'No models yet: a Model step (CreateModel) adds them.')
    : table(['Name', 'Created', 'Image', 'Model data'], models.map(m => {
      const container = m.describe?.PrimaryContainer ?? m.describe?.Containers?.[0] ?? {};
      return [h('span', { 'data-testid': 'model' }, m.name), when(m.created), container.Image ?? '', container.ModelDataUrl ?? ''];
    })));
  return root;
}
