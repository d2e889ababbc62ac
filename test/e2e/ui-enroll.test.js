// The operator UI's enrollment panel over real HTTP: it shows the decision, leaves a
// workflow with an owner session and the CSRF token, and joins only with the owner
// password typed again; every change is audited with via "ui".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/index.js';
import { operatorUI } from '../../dist/ui/index.js';
import { tempHome } from '../helpers/cli.js';
import { cookieOf, csrfIn, http } from '../helpers/ui-http.js';

const PW = 'lantern orchid basalt 91';
process.env.B3IQ_KEYCHAIN = 'off'; // the UI opens the keychain for a network join: the file fallback here

async function signedIn(t) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, pollMs: 50 });
  t.after(() => store.close());
  const setupToken = (await store.issueSetupToken()).token;
  const ui = operatorUI({ store });
  const server = createServer((req, res) => ui(req, res));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  t.after(() => new Promise((r) => server.close(r)));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const origin = { origin: base };
  const r = await http(base, '/setup', { method: 'POST', headers: origin, form: { token: setupToken, password: PW, password2: PW } });
  assert.equal(r.status, 303, r.text);
  const cookie = cookieOf(r);
  const page = await http(base, '/', { headers: { cookie } });
  return { home, store, base, cookie, csrf: csrfIn(page.text), origin, page: page.text };
}

/** The outcome of a form post: the note the overview shows after its redirect (`/?m=…`). */
async function outcome(s, r) {
  assert.equal(r.status, 303);
  const page = await http(s.base, r.headers.location, { headers: { cookie: s.cookie } });
  return /<p class="msg (ok|err)"[^>]*>([^<]*)<\/p>/.exec(page.text)?.slice(1).join(': ') ?? '';
}

const enrollAudit = (home) =>
  readFileSync(join(home, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((a) => a.action.startsWith('enroll.'));

test('UI: the overview shows enrollment (off) and what each workflow would see', async (t) => {
  const s = await signedIn(t);
  assert.match(s.page, /<section id="enrollment">/);
  assert.match(s.page, /<td>managed<\/td><td>not enrolled<\/td>/);
  assert.match(s.page, /It will see only this node's public surface/);
  assert.match(s.page, /the public node id \(node_[0-9a-f]+\)/);
  assert.match(s.page, /id="join-managed"/);
  assert.match(s.page, /name="password" autocomplete="current-password" required/);
  assert.match(s.page, /<td>enrollment<\/td><td>pass<\/td><td>enrolled in nothing \(the default\)<\/td>/);
});

test('UI: an invalid enrollment record is shown as such, and the health check fails', async (t) => {
  const s = await signedIn(t);
  writeFileSync(join(s.home, 'enrollment.json'), '{"schemaVersion":1,"managed":true}', { mode: 0o600 });
  const page = (await http(s.base, '/', { headers: { cookie: s.cookie } })).text;
  assert.match(page, /<section id="enrollment"><h2>Enrollment<\/h2><p class="msg err" role="alert">[^<]*corrupt[^<]*counts as enrolled in nothing/);
  assert.match(page, /<td>enrollment<\/td><td>fail<\/td>/);
});

test('UI: join needs the owner password again; wrong is refused and audited; right joins; leave needs the CSRF token', async (t) => {
  const s = await signedIn(t);
  const post = (path, form, headers = {}) => http(s.base, path, { method: 'POST', headers: { cookie: s.cookie, ...s.origin, ...headers }, form });
  // Without the password, or with a wrong one: refused, nothing joined.
  for (const password of ['', 'not the owner password 7']) {
    const r = await post('/enroll/join', { csrf: s.csrf, workflow: 'managed', password });
    assert.match(await outcome(s, r), /^err: .*(password|wrong)/i);
    assert.equal(s.store.enrollment().managed, null);
  }
  assert.ok(enrollAudit(s.home).every((a) => a.outcome === 'refused' && a.via === 'ui'));
  // No CSRF token: refused before anything is read.
  const noCsrf = await post('/enroll/join', { workflow: 'managed', password: PW });
  assert.equal(noCsrf.status, 403);
  // No session: to the login page.
  const noSession = await http(s.base, '/enroll/join', { method: 'POST', headers: s.origin, form: { csrf: s.csrf, workflow: 'managed', password: PW } });
  assert.equal(noSession.headers.location, '/login');
  // Another origin: refused.
  assert.equal((await post('/enroll/leave', { csrf: s.csrf, workflow: 'managed' }, { origin: 'http://evil.example' })).status, 403);

  const ok = await post('/enroll/join', { csrf: s.csrf, workflow: 'managed', password: PW });
  assert.match(await outcome(s, ok), /^ok: Joined the managed workflow/);
  assert.notEqual(s.store.enrollment().managed, null);
  const page = await http(s.base, '/', { headers: { cookie: s.cookie } });
  assert.match(page.text, /<td>managed<\/td><td>enrolled since /);
  assert.match(page.text, /id="leave-managed"/);
  assert.ok(!page.text.includes(PW));

  // network without a gateway key: the library's refusal, nothing joined.
  const net = await post('/enroll/join', { csrf: s.csrf, workflow: 'network', password: PW });
  assert.match(await outcome(s, net), /^err: .*gateway key/);

  assert.equal((await post('/enroll/leave', { workflow: 'managed' })).status, 403, 'leave without the CSRF token');
  assert.notEqual(s.store.enrollment().managed, null);
  const left = await post('/enroll/leave', { csrf: s.csrf, workflow: 'managed' });
  assert.match(await outcome(s, left), /^ok: Left the managed workflow/);
  const t0 = Date.now();
  while (s.store.enrollment().managed !== null && Date.now() - t0 < 2_000) await new Promise((r) => setTimeout(r, 10));
  assert.equal(s.store.enrollment().managed, null);
  const lines = enrollAudit(s.home).filter((a) => a.outcome === 'ok');
  assert.deepEqual(
    lines.map((a) => [a.action, a.workflow, a.by, a.via]),
    [
      ['enroll.join', 'managed', 'owner', 'ui'],
      ['enroll.leave', 'managed', 'owner', 'ui'],
    ],
  );
  assert.match(await outcome(s, await post('/enroll/leave', { csrf: s.csrf, workflow: 'everything' })), /^err: Choose managed or network/);
});
