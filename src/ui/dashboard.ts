import type { NodeStore as Store } from '../owner/node-store.js';
import type { CredentialView } from '../credentials/records.js';
import { readNode } from '../credentials/store.js';
import { LOCAL_SCOPES, SUPPORT_SCOPES } from '../core/scopes.js';
import { esc, form, message, page } from './html.js';
import { healthFindings, recentAudit } from './health.js';
import { enrollmentSection } from './enrollment.js';

function when(iso: string | null): string {
  return iso === null ? 'never' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function table(head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${esc(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function button(action: string, csrf: string, id: string, label: string): string {
  return form(action, csrf, `<input type="hidden" name="id" value="${esc(id)}"><button type="submit" data-id="${esc(id)}">${esc(label)}</button>`, 'inline');
}

function credRows(rows: CredentialView[], csrf: string, actions: Array<[string, string]>): string[][] {
  return rows.map((r) => [
    `<code>${esc(r.id)}</code>`,
    esc(r.name ?? '-'),
    esc(r.scopes.join(', ')),
    esc(when(r.createdAt)),
    esc(when(r.expiresAt)),
    actions.map(([a, l]) => button(a, csrf, r.id, l)).join(' '),
  ]);
}

function checkboxes(name: string, scopes: readonly string[], checked: string): string {
  return scopes
    .map((s) => `<label class="inline"><input type="checkbox" name="${name}" value="${esc(s)}"${s === checked ? ' checked' : ''}> ${esc(s)}</label>`)
    .join(' ');
}

export interface DashboardInput {
  store: Store;
  csrf: string;
  sessionId: string;
  nonce: string;
  note?: { kind: 'ok' | 'err'; text: string };
}

export async function dashboardPage(d: DashboardInput): Promise<string> {
  const { store, csrf } = d;
  store.reloadSync();
  let nodeId = '?';
  try {
    nodeId = readNode(store.home).nodeId;
  } catch {
    // status shows what it can
  }
  const c = store.counts();
  const sessions = await store.ownerSessions();
  const keys = store.list({ kind: 'local' });
  const grants = store.list({ kind: 'support' });
  const setups = store.list({ kind: 'setup' });
  const findings = healthFindings(store);
  const audit = recentAudit(store);
  const body = `${d.note ? message(d.note.kind, d.note.text) : ''}
<section id="status"><h2>Node</h2>
<p>Node <code>${esc(nodeId)}</code> · local keys: ${c.local.live} live, ${c.local.revoked} revoked, ${c.local.expired} expired · support grants: ${c.support.live} live · setup tokens: ${c.setup.live} live</p>
<h2>Owner sessions</h2>
${table(
  ['id', 'client', 'created', 'last seen', 'expires', ''],
  sessions.map((s) => [
    `<code>${esc(s.id)}</code>${s.id === d.sessionId ? ' (this browser)' : ''}`,
    esc(s.client),
    esc(when(s.createdAt)),
    esc(when(s.lastSeenAt)),
    esc(when(s.expiresAt)),
    s.id === d.sessionId ? '' : button('/sessions/revoke', csrf, s.id, 'Sign out'),
  ]),
  'No sessions.',
)}
</section>
${enrollmentSection(store, csrf)}
<section id="keys"><h2>Local API keys</h2>
${table(
  ['id', 'name', 'scopes', 'created', 'expires', ''],
  credRows(keys, csrf, [
    ['/keys/rotate', 'Rotate'],
    ['/keys/revoke', 'Revoke'],
  ]),
  'No live local keys.',
)}
${form(
  '/keys/create',
  csrf,
  `<h2>New local key</h2><label>Name <input name="name" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9 ._:@/-]{0,63}"></label>
<div>Scopes: ${checkboxes('scope', LOCAL_SCOPES, 'inference')}</div>
<label>Expires <select name="expires"><option value="">never</option><option value="86400000">in 1 day</option><option value="2592000000" selected>in 30 days</option><option value="7776000000">in 90 days</option></select></label>
<button type="submit" id="create-key">Create key</button>`,
)}
</section>
<section id="grants"><h2>Support grants</h2>
${table(['id', 'note', 'scopes', 'created', 'expires', ''], credRows(grants, csrf, [['/support/revoke', 'Revoke']]), 'No live support grants.')}
${form(
  '/support/grant',
  csrf,
  `<h2>New support grant</h2><div>Scopes: ${checkboxes('scope', SUPPORT_SCOPES, 'diagnostics:read')}</div>
<label>Expires <select name="ttl"><option value="3600000">in 1 hour</option><option value="14400000" selected>in 4 hours</option><option value="86400000">in 24 hours</option><option value="259200000">in 72 hours</option></select></label>
<label>Note <input name="note" maxlength="200"></label><button type="submit">Grant</button>`,
)}
</section>
<section id="setup-tokens"><h2>Setup tokens</h2>
${table(['id', 'name', 'scopes', 'created', 'expires', ''], credRows(setups, csrf, [['/setup-tokens/revoke', 'Revoke']]), 'No live setup tokens.')}
</section>
<section id="doctor"><h2>Health checks</h2>
${table(
  ['check', 'status', 'detail'],
  findings.map((f) => [esc(f.title), esc(f.status), esc(f.detail)]),
  '',
)}
</section>
<section id="audit"><h2>Audit log (latest first)</h2>
${table(
  ['#', 'time', 'action', 'id', 'kind', 'outcome'],
  audit.map((a) => [String(a.seq), esc(when(a.time)), esc(a.action), a.id ? `<code>${esc(a.id)}</code>` : '', esc(a.kind ?? ''), esc(a.outcome)]),
  'The audit log is empty.',
)}
</section>`;
  return page({ title: 'Overview', body, nonce: d.nonce, signedIn: true });
}
