// The operator UI handler over real HTTP (node:http + fetch): headers, the same-origin and
// CSRF refusals, the Host check, one-time secrets, escaping, fall-through to the runtime's
// routes, and a log without secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { initHome, openStore } from '../../dist/index.js';
import { operatorUI } from '../../dist/ui/index.js';
import { tempHome } from '../helpers/cli.js';
import { cookieOf, csrfIn, http } from '../helpers/ui-http.js';

const PW = 'lantern orchid basalt 91';

async function serve(t, uiOpts = {}) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home });
  t.after(() => store.close());
  const setupToken = (await store.issueSetupToken()).token;
  const log = [];
  const ui = operatorUI({ store, log: (l) => log.push(l), ...uiOpts });
  const server = createServer((req, res) =>
    ui(req, res, () => {
      res.statusCode = 200;
      res.end('runtime route\n');
    }),
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  t.after(() => new Promise((r) => server.close(r)));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return { home, store, base, log, setupToken };
}

async function signedIn(t, opts) {
  const s = await serve(t, opts);
  const origin = { origin: s.base };
  const r = await http(s.base, '/setup', {
    method: 'POST',
    headers: origin,
    form: { token: `${s.base}/setup#token=${s.setupToken}`, password: PW, password2: PW },
  });
  assert.equal(r.status, 303, r.text);
  const cookie = cookieOf(r);
  const page = await http(s.base, '/', { headers: { cookie } });
  return { ...s, cookie, csrf: csrfIn(page.text), origin };
}

test('every page: strict CSP with a fresh nonce, no framing, no referrer, no caching', async (t) => {
  const { base } = await serve(t);
  const a = await http(base, '/setup');
  const b = await http(base, '/setup');
  assert.equal(a.status, 200);
  const csp = a.headers['content-security-policy'];
  assert.match(
    csp,
    /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'; style-src 'nonce-[A-Za-z0-9+/=]{24}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/,
  );
  assert.notEqual(csp, b.headers['content-security-policy'], 'a new nonce per response');
  assert.equal(a.headers['x-frame-options'], 'DENY');
  assert.equal(a.headers['referrer-policy'], 'no-referrer');
  assert.equal(a.headers['x-content-type-options'], 'nosniff');
  assert.equal(a.headers['cache-control'], 'no-store');
  assert.ok(!/<script(?![^>]*nonce=)/.test(a.text), 'every script carries the nonce');
  assert.ok(!/src=["']?https?:/.test(a.text), 'no third-party assets');
  assert.equal((await http(base, '/')).headers.location, '/login', 'the overview needs a session');
});

test('setup and login refuse a missing, foreign or null Origin; the same origin works', async (t) => {
  const { base, setupToken, store } = await serve(t);
  const form = { token: setupToken, password: PW, password2: PW };
  for (const headers of [
    {},
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { origin: 'null', 'sec-fetch-site': 'cross-site' },
    { referer: 'http://evil.example/' },
  ]) {
    const r = await http(base, '/setup', { method: 'POST', headers, form });
    assert.equal(r.status, 403, JSON.stringify(headers));
  }
  assert.equal(store.verifySetupToken(setupToken).valid, true, 'a refused request consumed nothing');
  const ok = await http(base, '/setup', { method: 'POST', headers: { origin: 'null', 'sec-fetch-site': 'same-origin' }, form });
  assert.equal(ok.status, 303, 'a form under no-referrer: Origin null + Sec-Fetch-Site same-origin');
  assert.match(ok.headers['set-cookie'][0], /^b3iq_session=b3iq_session_\w{49}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
  assert.equal((await http(base, '/login', { method: 'POST', form: { password: PW } })).status, 403, 'login CSRF');
  const diff = await http(base, '/setup', { method: 'POST', headers: { origin: base }, form: { ...form, password2: PW + 'x' } });
  assert.equal(diff.status, 400);
});

test('signed-in actions need the session CSRF token; a key is shown once, to its session only', async (t) => {
  const { base, cookie, csrf, origin, store, log } = await signedIn(t);
  assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
  const post = (path, form, headers = {}) => http(base, path, { method: 'POST', headers: { cookie, ...origin, ...headers }, form });
  assert.equal((await post('/keys/create', { name: 'k1' })).status, 403, 'missing CSRF token');
  assert.equal((await post('/keys/create', { name: 'k1', csrf: csrf.slice(0, -2) + 'xx' })).status, 403, 'wrong CSRF token');
  assert.equal((await post('/keys/create', { name: 'k1', csrf }, { origin: 'http://evil.example' })).status, 403, 'foreign Origin');
  assert.equal(
    (await http(base, '/keys/create', { method: 'POST', headers: origin, form: { name: 'k1', csrf } })).status,
    303,
    'no session: to the login page',
  );
  assert.equal(store.list({ kind: 'local' }).length, 0, 'nothing was created by a refused request');

  const made = await post('/keys/create', { name: 'k1', scope: 'inference', expires: '86400000', csrf });
  assert.equal(made.status, 303);
  assert.match(made.headers.location, /^\/secret\?s=[\w-]{24}$/);
  const other = await signedIn(t);
  assert.equal((await http(base, made.headers.location, { headers: { cookie: other.cookie } })).status, 303, "another node's session is no session here");
  const shown = await http(base, made.headers.location, { headers: { cookie } });
  assert.equal(shown.status, 200);
  assert.equal(shown.headers['cache-control'], 'no-store');
  const key = /id="secret">([^<]+)</.exec(shown.text)[1];
  assert.equal(store.verifyLocalKey(key).valid, true);
  const again = await http(base, made.headers.location, { headers: { cookie } });
  assert.equal(again.status, 410);
  assert.ok(!again.text.includes(key));

  const id = store.verifyLocalKey(key).id;
  const rev = await post('/keys/revoke', { id, csrf });
  assert.equal(rev.status, 303);
  assert.equal(store.verifyLocalKey(key).reason, 'revoked');
  const logText = log.join('\n');
  for (const s of [key, cookie.split('=')[1], csrf, PW, made.headers.location.split('=')[1]]) assert.ok(!logText.includes(s), 'no secret in the log');
  assert.match(logText, /POST \/keys\/create 403 os_\w{13}/);
});

test('output is escaped; the Host check stops DNS rebinding; unknown paths fall through to the runtime', async (t) => {
  const { base, cookie } = await signedIn(t);
  const x = await http(base, `/?error=${encodeURIComponent('<script>alert(1)</script>"\'')}`, { headers: { cookie } });
  assert.ok(!x.text.includes('alert(1)'), 'a message in the query is never shown (the overview shows only its own notes)');
  const port = new URL(base).port;
  assert.equal((await http(base, '/login', { headers: { host: `rebind.evil.example:${port}` } })).status, 421);
  assert.equal((await http(base, '/login', { headers: { host: `localhost:${port}` } })).status, 200);
  const v1 = await http(base, '/v1/models');
  assert.equal(v1.text, 'runtime route\n');
});

test('sign out ends the session; the cookie replayed afterwards is refused', async (t) => {
  const { base, cookie, csrf, origin } = await signedIn(t);
  assert.equal((await http(base, '/logout', { method: 'POST', headers: { cookie, ...origin }, form: { x: '1' } })).status, 403, 'no CSRF token');
  const out = await http(base, '/logout', { method: 'POST', headers: { cookie, ...origin }, form: { csrf } });
  assert.equal(out.status, 303);
  assert.match(out.headers['set-cookie'][0], /^b3iq_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
  assert.equal((await http(base, '/', { headers: { cookie } })).headers.location, '/login');
});

test('over HTTPS (secure: true) the cookie is __Host- and Secure; wrong passwords end in 429 + Retry-After', async (t) => {
  const s = await serve(t, { secure: true, origin: undefined });
  const origin = { origin: s.base.replace('http:', 'https:') };
  const r = await http(s.base, '/setup', { method: 'POST', headers: origin, form: { token: s.setupToken, password: PW, password2: PW } });
  assert.equal(r.status, 303, r.text);
  assert.match(r.headers['set-cookie'][0], /^__Host-b3iq_session=b3iq_session_\w{49}; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/);
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    const x = await http(s.base, '/login', { method: 'POST', headers: origin, form: { password: `wrong ${i}` } });
    statuses.push(x.status);
    if (x.status === 429) assert.match(x.headers['retry-after'], /^\d+$/);
  }
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
});

test('examples/server.js mounts the UI beside /v1 and /diagnostics', async (t) => {
  const { spawn } = await import('node:child_process');
  const { join } = await import('node:path');
  const { ROOT, baseEnv } = await import('../helpers/cli.js');
  const home = tempHome(t);
  await initHome(home);
  const child = spawn(process.execPath, [join(ROOT, 'examples', 'server.js')], {
    cwd: ROOT,
    env: baseEnv(home, { PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  assert.equal((await http(url, '/login')).status, 200);
  assert.match((await http(url, '/login')).headers['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal((await http(url, '/')).headers.location, '/login');
  assert.equal((await http(url, '/v1/models')).status, 401);
  assert.equal((await http(url, '/diagnostics/health')).status, 401);
  assert.equal((await http(url, '/nothing-here')).status, 404);
});
