import type { Store } from '../credentials/store.js';
import { B3iqError } from '../core/errors.js';
import { openKeychain, type Keychain } from '../keychain/keychain.js';
import { enrollmentState, isWorkflow, joinWorkflow, leaveWorkflows, WORKFLOWS, type Workflow } from '../enrollment/service.js';
import { surfaceFor, WORKFLOW_INFO } from '../enrollment/workflows.js';
import { readNode } from '../home/node.js';
import { esc, form } from './html.js';

/**
 * The enrollment panel of the overview: which workflows the node is in, a Leave button for
 * each (owner session + CSRF, like every action), and for each other workflow what it will
 * see of this node above a form that asks for the owner password again: submitting it is
 * the confirmation. The same service calls as `b3iq enroll`.
 */
type Result = { to: string } | { error: string };

function workflowOf(f: URLSearchParams): Workflow {
  const w = f.get('workflow');
  if (!isWorkflow(w)) throw new B3iqError('E_USAGE', 'Choose managed or network.');
  return w;
}

/** The keychain, opened only for a network join (the gateway key check) and closed after. */
function keychainFor(store: Store): { get: () => Promise<Keychain>; close: () => void } {
  let kc: Promise<Keychain> | undefined;
  return {
    get: () => (kc ??= openKeychain({ home: store.home, env: process.env, warn: () => undefined })),
    close: () =>
      void kc?.then(
        (k) => k.close(),
        () => undefined,
      ),
  };
}

export const ENROLL_ACTIONS: Record<string, (store: Store, f: URLSearchParams) => Promise<Result>> = {
  '/enroll/join': async (store, f) => {
    const workflow = workflowOf(f);
    const keychain = keychainFor(store);
    try {
      const r = await joinWorkflow(store.home, { workflow, password: f.get('password') ?? '', clock: () => store.now(), keychain: keychain.get, via: 'ui' });
      return { to: `/?ok=${encodeURIComponent(r.changed ? `Joined the ${workflow} workflow.` : `Already in the ${workflow} workflow.`)}#enrollment` };
    } finally {
      keychain.close();
    }
  },
  '/enroll/leave': async (store, f) => {
    const workflow = workflowOf(f);
    const r = await leaveWorkflows(store.home, [workflow], { clock: () => store.now(), by: 'owner', via: 'ui' });
    return { to: `/?ok=${encodeURIComponent(r.left.length ? `Left the ${workflow} workflow.` : `Not in the ${workflow} workflow.`)}#enrollment` };
  },
};

export function enrollmentSection(store: Store, csrf: string): string {
  let state;
  try {
    state = enrollmentState(store.home);
  } catch (e) {
    const why = e instanceof B3iqError ? e.message : 'unreadable';
    return `<section id="enrollment"><h2>Enrollment</h2><p class="msg err" role="alert">${esc(why)} This node counts as enrolled in nothing.</p></section>`;
  }
  let nodeId = '?';
  try {
    nodeId = readNode(store.home).nodeId;
  } catch {
    // shown as '?'
  }
  const rows = WORKFLOWS.map((w) => {
    const e = state.enrollment[w];
    const leave = e
      ? form('/enroll/leave', csrf, `<input type="hidden" name="workflow" value="${w}"><button type="submit" id="leave-${w}">Leave</button>`, 'inline')
      : '';
    return `<tr><td>${esc(w)}</td><td>${e ? `enrolled since ${esc(e.since)}` : 'not enrolled'}</td><td>${esc(WORKFLOW_INFO[w].means)}</td><td>${leave}</td></tr>`;
  }).join('');
  const joins = WORKFLOWS.filter((w) => !state.enrollment[w])
    .map((w) => {
      const s = surfaceFor(w, nodeId);
      const needs = WORKFLOW_INFO[w].requires ? `<p class="muted">Needs ${esc(WORKFLOW_INFO[w].requires)}.</p>` : '';
      return form(
        '/enroll/join',
        csrf,
        `<h2>Join the ${esc(w)} workflow</h2><p>${esc(s.means)}</p>${needs}<p>It will see only this node's public surface:</p><ul>${s.sees.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<p class="muted">Never: ${esc(s.never.join('; '))}.</p>
<input type="hidden" name="workflow" value="${w}"><label>Owner password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit" id="join-${w}">Join ${esc(w)}</button>`,
      );
    })
    .join('');
  return `<section id="enrollment"><h2>Enrollment</h2>
<table><thead><tr><th>workflow</th><th>state</th><th>what it means</th><th></th></tr></thead><tbody>${rows}</tbody></table>
${joins}</section>`;
}
