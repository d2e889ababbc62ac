// The library as the runtime calls it: shapes and conventions a conformance review found
// inconsistent. Each test failed on the code before its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initHome, openStore } from '../../dist/index.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempHome } from '../helpers/cli.js';

const PW = 'lantern orchid basalt 91';

async function ownedStore(t) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home });
  t.after(() => store.close());
  const { token } = await store.issueSetupToken();
  await store.completeSetup({ token, password: PW });
  return { home, store };
}

test('ownerLogin: session.expiresAt is the one verifyOwnerSession and ownerSessions report (idle end, within the absolute one)', async (t) => {
  const { store } = await ownedStore(t);
  const r = await store.ownerLogin(PW, { client: 'test' });
  assert.equal(r.ok, true);
  const [listed] = await store.ownerSessions();
  assert.equal(r.session.expiresAt, listed.expiresAt);
  const checked = store.verifyOwnerSession(r.cookie.split(';')[0]);
  assert.equal(checked.valid, true);
  // verify slides the idle end forward from now: never earlier than the login's answer, and both well under 12 h.
  assert.ok(Date.parse(checked.expiresAt) >= Date.parse(r.session.expiresAt));
  assert.ok(Date.parse(r.session.expiresAt) - Date.now() <= 30 * 60_000 + 1000);
});

test('issueLocalKey/issueSupportGrant/issueSetupToken take a duration as the CLI writes it (expiresIn: "30d", ttl: "2h") or milliseconds', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home });
  t.after(() => store.close());
  const day = 86_400_000;
  const near = (iso, ms) => Math.abs(Date.parse(iso) - (Date.now() + ms)) < 60_000;
  const a = await store.issueLocalKey({ name: 'a', expiresIn: '30d' });
  assert.ok(near(a.credential.expiresAt, 30 * day), a.credential.expiresAt);
  const b = await store.issueLocalKey({ name: 'b', expiresIn: 'never' });
  assert.equal(b.credential.expiresAt, null);
  const c = await store.issueLocalKey({ name: 'c', expiresIn: 3_600_000 });
  assert.ok(near(c.credential.expiresAt, 3_600_000));
  const g = await store.issueSupportGrant({ ttl: '2h' });
  assert.ok(near(g.credential.expiresAt, 2 * 3_600_000));
  const s = await store.issueSetupToken({ ttl: /** @type {any} */ ('10m') });
  assert.ok(near(s.credential.expiresAt, 10 * 60_000));
  await assert.rejects(store.issueLocalKey({ name: 'd', expiresIn: 'soon' }), { code: 'E_DURATION' });
  await assert.rejects(store.issueLocalKey({ name: 'e', expiresIn: -1 }), { code: 'E_DURATION' });
  await assert.rejects(store.issueSupportGrant({ ttl: '73h' }), { code: 'E_DURATION' });
  await assert.rejects(store.issueSupportGrant({ ttl: 'never' }), { code: 'E_DURATION' });
});

test('operatorUI: operatorUI() serves the home the CLI resolves, and operatorUI itself is a (req, res, next?) handler', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const ui = fileURLToPath(new URL('../../dist/ui/index.js', import.meta.url));
  // A child process: the shared handler resolves B3IQ_HOME once, from its own environment.
  const script = `
    import { createServer } from 'node:http';
    import { operatorUI } from ${JSON.stringify(ui)};
    const h = operatorUI();
    const out = { paths: h.paths.includes('/login') };
    const get = (handler, path) => new Promise((resolve) => {
      const srv = createServer(handler).listen(0, '127.0.0.1', async () => {
        const r = await fetch('http://127.0.0.1:' + srv.address().port + path, { redirect: 'manual' });
        srv.close(); resolve(r.status);
      });
    });
    out.factory = await get(h, '/login');
    out.direct = await get(operatorUI, '/login');
    out.next = await get((req, res) => operatorUI(req, res, () => { res.statusCode = 418; res.end(); }), '/v1/other');
    h.close();
    console.log(JSON.stringify(out));
    process.exit(0);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, B3IQ_HOME: home, B3IQ_KEYCHAIN: 'off' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { paths: true, factory: 200, direct: 200, next: 418 });
});
