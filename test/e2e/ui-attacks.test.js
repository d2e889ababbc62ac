// Attacks on the operator UI handler over real HTTP, each as an attacker would try it:
// markup injection through every rendered value, CSP and framing, CSRF on every state-
// changing route, cookie tricks, DNS rebinding, throttle spoofing, one-time secrets,
// malformed requests, bodies, paths and methods. Each test names the attack it tries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { initHome, openStore } from '../../dist/index.js';
import { operatorUI } from '../../dist/ui/index.js';
import { tempHome } from '../helpers/cli.js';
import { cookieOf, csrfIn, http } from '../helpers/ui-http.js';

const PW = 'lantern orchid basalt 91';
const PW2 = 'harbour copper thistle 47';
const EVIL = `<script>alert(1)</script><img src=x onerror=alert(2)>"'\`javascript:alert(3)`;

async function serve(t, uiOpts = {}) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home });
  t.after(() => store.close());
  const setupToken = (await store.issueSetupToken()).token;
  const log = [];
  const ui = operatorUI({ store, log: (l) => log.push(l), ...uiOpts });
  const server = createServer(ui);
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  t.after(
    () =>
      new Promise((r) => {
        ui.close();
        server.closeAllConnections();
        server.close(r);
      }),
  );
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return { home, store, base: `http://127.0.0.1:${port}`, port, log, setupToken, ui };
}

/** A raw HTTP/1.1 exchange: request targets and headers no client library would send. */
function raw(port, text, { timeoutMs = 5000, untilHead = false } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let d = '';
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ text: d, timedOut: true });
    }, timeoutMs);
    s.on('data', (c) => {
      d += c;
      if (untilHead && d.includes('\r\n\r\n')) s.destroy();
    });
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ text: d, status: Number(/^HTTP\/1\.1 (\d+)/.exec(d)?.[1] ?? 0) });
    });
    s.on('error', () => undefined);
  });
}

async function signedIn(t, opts) {
  const s = await serve(t, opts);
  const origin = { origin: s.base };
  const r = await http(s.base, '/setup', { method: 'POST', headers: origin, form: { token: s.setupToken, password: PW, password2: PW } });
  assert.equal(r.status, 303, r.text);
  const cookie = cookieOf(r);
  const page = await http(s.base, '/', { headers: { cookie } });
  return { ...s, cookie, csrf: csrfIn(page.text), origin };
}

/** No markup of the attacker's survives: only escaped forms of it. */
function assertInert(html, what) {
  assert.ok(!html.includes('<script>alert'), `${what}: raw <script>`);
  assert.ok(!html.includes('<img src=x'), `${what}: raw <img>`);
  assert.ok(!/onerror=alert\(2\)>"/.test(html), `${what}: attribute break-out`);
  for (const m of html.matchAll(/<script\b[^>]*>/g)) assert.match(m[0], /^<script nonce="[A-Za-z0-9+/=]{24}">$/, `${what}: every script is the page's own`);
  assert.ok(!/href="javascript:/i.test(html), `${what}: no javascript: URL`);
}

test('attack: a malformed request target (GET http://[) must not crash the process', async (t) => {
  const s = await serve(t);
  let crashed;
  const onRejection = (e) => (crashed = e);
  process.on('unhandledRejection', onRejection);
  t.after(() => process.off('unhandledRejection', onRejection));
  for (const target of ['http://[', 'http://[::1', 'http://a:b:c/']) {
    const r = await raw(s.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    assert.ok(r.status === 400 || r.status === 404 || r.status === 0, `${target}: ${r.text.slice(0, 40)}`);
  }
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(crashed, undefined, `unhandled rejection: ${crashed}`);
  assert.equal((await http(s.base, '/login')).status, 200, 'still serving');
});

test("attack: content injection through the query (/?ok=…, /?error=…) shows nothing of the attacker's", async (t) => {
  const { base, cookie } = await signedIn(t);
  const lure = 'Your node is compromised: call +1 555 0100';
  for (const q of [`ok=${encodeURIComponent(lure)}`, `error=${encodeURIComponent(lure)}`, `error=${encodeURIComponent(EVIL)}`]) {
    const r = await http(base, `/?${q}`, { headers: { cookie } });
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes('555 0100') && !r.text.includes('alert('), `echoed: ${q}`);
  }
});

test('attack: markup in stored values (key name, grant note, client label, audit lines, file names) is inert', async (t) => {
  const s = await signedIn(t);
  const { base, cookie, csrf, origin, home } = s;
  // A client label from the User-Agent, on a second session.
  const other = await http(base, '/login', { method: 'POST', headers: { ...origin, 'user-agent': EVIL }, form: { password: PW } });
  assert.equal(other.status, 303);
  // A key name the UI's own form would never send, and a grant note full of markup.
  const badName = await http(base, '/keys/create', { method: 'POST', headers: { cookie, ...origin }, form: { csrf, name: EVIL, scope: 'inference' } });
  assert.equal(badName.status, 303);
  const grant = await http(base, '/support/grant', { method: 'POST', headers: { cookie, ...origin }, form: { csrf, note: EVIL, scope: 'diagnostics:read' } });
  assert.equal(grant.status, 303);
  const shown = await http(base, grant.headers.location, { headers: { cookie } });
  assertInert(shown.text, 'secret page');
  // A hostile file name in the home (a permissions finding) and a forged audit line.
  fs.writeFileSync(join(home, '<img src=x onerror=alert(2)>'), 'x', { mode: 0o644 });
  fs.appendFileSync(join(home, 'audit.log'), JSON.stringify({ seq: 999, time: EVIL, action: EVIL, id: EVIL, kind: EVIL, outcome: EVIL }) + '\n');
  const page = await http(base, `/?error=${encodeURIComponent(EVIL)}`, { headers: { cookie } });
  assert.equal(page.status, 200);
  assertInert(page.text, 'overview');
  assert.ok(page.text.includes('&#60;script&#62;alert(1)'), 'the values are shown, escaped');
});

test('attack: inline script without the nonce; nonce reuse; framing', async (t) => {
  const { base, port, cookie } = await signedIn(t);
  const seen = new Set();
  const responses = [
    await http(base, '/setup'),
    await http(base, '/login'),
    await http(base, '/', { headers: { cookie } }),
    await http(base, '/logout', { headers: { cookie } }),
    await http(base, '/secret?s=x', { headers: { cookie } }),
    await http(base, '/login', { headers: { host: `evil.example:${port}` } }),
    await http(base, '/login', { method: 'PUT' }),
    await http(base, '/login', { method: 'POST', form: { password: 'x' } }),
  ];
  for (const r of responses) {
    const csp = r.headers['content-security-policy'] ?? '';
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    const n = /'nonce-([^']+)'/.exec(csp)[1];
    assert.ok(!seen.has(n), 'a nonce is never reused');
    seen.add(n);
    for (const m of r.text.matchAll(/<(script|style)\b([^>]*)>/g)) assert.equal(m[2], ` nonce="${n}"`, `${r.status}: ${m[0]}`);
    assert.ok(!/\son\w+=/i.test(r.text), 'no inline event handlers (CSP would block them anyway)');
  }
});

test('attack: CSRF on every state-changing route (no token, foreign token, foreign/null Origin, method override)', async (t) => {
  const a = await signedIn(t);
  const b = await signedIn(t); // another node's session and token
  const { base, cookie, csrf, origin, store, ui } = a;
  const id = (await store.issueLocalKey({ name: 'victim' })).id;
  const sid = (await store.ownerSessions())[0].id;
  const actions = ui.paths.filter((p) => !['/', '/setup', '/login', '/secret'].includes(p));
  assert.ok(actions.includes('/keys/revoke') && actions.includes('/logout'));
  const attempts = [
    { headers: { cookie, ...origin }, form: { id } },
    { headers: { cookie, ...origin }, form: { id, csrf: b.csrf } },
    { headers: { cookie, ...origin }, form: { id, csrf: csrf.slice(0, -1) } },
    { headers: { cookie, origin: 'http://evil.example' }, form: { id, csrf } },
    { headers: { cookie, origin: `http://127.0.0.1:${Number(a.port) + 1}`, 'sec-fetch-site': 'same-site' }, form: { id, csrf } },
    { headers: { cookie, origin: 'null' }, form: { id, csrf } },
    { headers: { cookie }, form: { id, csrf } },
    { headers: { cookie, origin: 'null', referer: 'http://evil.example/' }, form: { id, csrf } },
  ];
  for (const path of actions) {
    for (const [i, at] of attempts.entries()) {
      const r = await http(base, path, { method: 'POST', ...at });
      assert.equal(r.status, 403, `${path} attempt ${i}`);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH']) assert.equal((await http(base, path, { method, headers: { cookie, ...origin } })).status, 405);
    const get = await http(base, `${path}?id=${id}&csrf=${csrf}&_method=POST`, { headers: { cookie, 'x-http-method-override': 'POST' } });
    assert.ok(get.status === 200 || get.status === 303, `GET ${path}`);
  }
  assert.equal(store.list({ kind: 'local' }).length, 1, 'nothing was created or revoked');
  assert.equal(store.verifyOwnerSession(cookie).valid, true, 'still signed in');
  assert.ok((await store.ownerSessions()).some((s) => s.id === sid));
  // text/plain (a cross-site form's other encoding) is refused even with every header right.
  const plain = await http(base, '/keys/revoke', {
    method: 'POST',
    headers: { cookie, ...origin, 'content-type': 'text/plain' },
    body: `id=${id}&csrf=${csrf}`,
  });
  assert.equal(plain.status, 400);
});

test('attack: replayed, tampered, truncated, oversized, duplicated, foreign and query-string cookies', async (t) => {
  const s = await signedIn(t);
  const other = await signedIn(t);
  const { base, cookie, store } = s;
  const value = cookie.split('=')[1];
  const flip = value.slice(0, -5) + (value.at(-5) === 'a' ? 'b' : 'a') + value.slice(-4);
  const refused = [
    `b3iq_session=${flip}`,
    `b3iq_session=${value.slice(0, -1)}`,
    `b3iq_session=${value}x`,
    `b3iq_session=${value.repeat(200)}`,
    other.cookie,
    `B3IQ_SESSION=${value}`,
    `b3iq_session="${value}"`,
    `b3iq_session= ${'a'.repeat(20_000)}`,
  ];
  for (const c of refused) {
    const r = await http(base, '/', { headers: { cookie: c } }).catch(() => ({ status: 431 }));
    assert.ok(r.status === 303 || r.status === 431, `${c.slice(0, 40)}: ${r.status}`);
  }
  assert.equal((await http(base, `/?b3iq_session=${value}`)).headers.location, '/login', 'a cookie in the query is ignored');
  // Many copies of a junk cookie ahead of the real one: at most a few are looked at.
  const stuffed = `${Array.from({ length: 50 }, () => `b3iq_session=${flip}`).join('; ')}; ${cookie}`;
  assert.equal((await http(base, '/', { headers: { cookie: stuffed } })).status, 303);
  // Fixation: a session value planted before sign-in is not what sign-in hands out.
  const login = await http(base, '/login', { method: 'POST', headers: { ...s.origin, cookie: other.cookie }, form: { password: PW } });
  assert.notEqual(cookieOf(login), other.cookie);
  assert.notEqual(cookieOf(login), cookie);
  // Replay after logout-all, after passwd and after recover.
  const fresh = cookieOf(login);
  await store.ownerLogoutAll();
  for (const c of [cookie, fresh]) assert.equal((await http(base, '/', { headers: { cookie: c } })).headers.location, '/login');
  const again = cookieOf(await http(base, '/login', { method: 'POST', headers: s.origin, form: { password: PW } }));
  assert.equal((await http(base, '/', { headers: { cookie: again } })).status, 200);
  const token = (await store.issueSetupToken()).token;
  await store.completeSetup({ token, password: PW2 });
  assert.equal((await http(base, '/', { headers: { cookie: again } })).headers.location, '/login', 'recover ends every session');
});

test('attack: DNS rebinding through look-alike Host headers', async (t) => {
  const { port, base } = await serve(t);
  for (const host of [
    `127.0.0.1.nip.io:${port}`,
    `localhost.:${port}`,
    `evil.example:${port}`,
    `127.0.0.1@evil.example:${port}`,
    `[::ffff:7f00:1]:${port}`,
    `0x7f000001:${port}`,
    `127.1:${port}`,
    'localhost.evil.example',
    `localhost:${port}.evil.example`,
  ]) {
    assert.equal((await http(base, '/login', { headers: { host } })).status, 421, host);
  }
  assert.equal((await raw(port, 'GET /login HTTP/1.0\r\n\r\n')).status, 421, 'no Host at all');
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`])
    assert.equal((await http(base, '/login', { headers: { host } })).status, 200, host);
});

test('attack: throttle bypass by spoofing X-Forwarded-For / X-Real-IP per attempt', async (t) => {
  const { base, origin } = await signedIn(t);
  const statuses = [];
  for (let i = 0; i < 7; i++) {
    const r = await http(base, '/login', {
      method: 'POST',
      headers: { ...origin, 'x-forwarded-for': `10.0.0.${i}`, 'x-real-ip': `10.0.1.${i}`, forwarded: `for=10.0.2.${i}`, 'user-agent': `bot${i}` },
      form: { password: `guess ${i}` },
    });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.deepEqual(statuses.slice(5), [429, 429], 'the spoofed headers do not make new clients');
  // Racing: many parallel guesses are refused at once beyond the short queue, never all checked.
  const raced = await Promise.all(
    Array.from({ length: 12 }, (_, i) => http(base, '/login', { method: 'POST', headers: origin, form: { password: `race ${i}` } })),
  );
  assert.ok(
    raced.every((r) => r.status === 429),
    raced.map((r) => r.status).join(),
  );
});

test('attack: re-showing a one-time secret (reload, HEAD, back button), and leaking it to logs or Referer', async (t) => {
  const { base, cookie, csrf, origin, log, home } = await signedIn(t);
  const made = await http(base, '/keys/create', { method: 'POST', headers: { cookie, ...origin }, form: { csrf, name: 'k1', scope: 'inference' } });
  const loc = made.headers.location;
  const head = await http(base, loc, { method: 'HEAD', headers: { cookie } });
  assert.ok(head.status === 200 || head.status === 405, String(head.status));
  const first = await http(base, loc, { headers: { cookie } });
  assert.equal(first.status, 200, 'a HEAD must not use up the one showing');
  const key = /id="secret">([^<]+)</.exec(first.text)[1];
  assert.match(key, /^b3iq_local_/);
  assert.equal(first.headers['cache-control'], 'no-store');
  assert.equal(first.headers.pragma, 'no-cache');
  assert.equal(first.headers['referrer-policy'], 'no-referrer');
  assert.ok(first.text.includes('<meta name="referrer" content="no-referrer">'));
  const again = await http(base, loc, { headers: { cookie } });
  assert.equal(again.status, 410);
  assert.ok(!again.text.includes(key));
  const audit = fs.readFileSync(join(home, 'audit.log'), 'utf8');
  for (const secret of [key, cookie.split('=')[1], csrf, PW, loc.split('=')[1]]) {
    assert.ok(!log.join('\n').includes(secret), 'not in the access log');
    assert.ok(!audit.includes(secret), 'not in the audit log');
  }
});

test('attack: the setup token in a URL query, echoed in an error, or kept by a cache', async (t) => {
  const { base, setupToken, log } = await serve(t);
  const origin = { origin: base };
  const page = await http(base, `/setup?token=${setupToken}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes(setupToken), 'a token in the query is not reflected');
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.match(page.text, /location\.hash/, 'the page reads the fragment');
  assert.match(page.text, /history\.replaceState\(null,'',location\.pathname\)/, 'and removes it from history');
  assert.match(page.text, /<form method="post" action="\/setup">/, 'the token goes in the body');
  const typo = setupToken.slice(0, -1) + (setupToken.endsWith('A') ? 'B' : 'A');
  for (const form of [
    { token: typo, password: PW, password2: PW },
    { token: setupToken, password: PW, password2: PW2 },
    { token: setupToken, password: 'short', password2: 'short' },
  ]) {
    const r = await http(base, '/setup', { method: 'POST', headers: origin, form });
    assert.ok(r.status >= 400, String(r.status));
    assert.equal(r.headers['cache-control'], 'no-store');
    for (const v of [setupToken, typo, PW, PW2, 'short"']) assert.ok(!r.text.includes(v), 'no value of the request is echoed');
  }
  assert.ok(!log.join('\n').includes(setupToken.slice(11)));
});

test('attack: oversized bodies, lying Content-Length, slow bodies', async (t) => {
  const { base, port } = await serve(t);
  const origin = { origin: base };
  const big = await http(base, '/login', { method: 'POST', headers: origin, form: { password: 'x'.repeat(64 * 1024) } }).catch((e) => ({ status: e.code }));
  assert.ok(big.status === 400 || big.status === 413 || big.status === 'ECONNRESET' || big.status === 'EPIPE', String(big.status));
  // A Content-Length far beyond the limit is refused before a byte of the body arrives.
  const r = await raw(
    port,
    `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\npassword=x`,
    { timeoutMs: 3000, untilHead: true },
  );
  assert.ok(!r.timedOut, 'answered without waiting for the body');
  assert.equal(r.status, 413);
});

test('attack: slowloris: a body trickled in byte by byte does not hold the request open', async (t) => {
  const { base, port } = await serve(t);
  const started = Date.now();
  const s = net.connect(port, '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  s.write(
    `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`,
  );
  let d = '';
  s.on('data', (c) => (d += c));
  s.on('error', () => undefined);
  const drip = setInterval(() => s.writable && s.write('a'), 500);
  await new Promise((r) => s.once('close', r));
  clearInterval(drip);
  const ms = Date.now() - started;
  assert.ok(ms < 20_000, `held ${ms} ms`);
  assert.match(d, /^HTTP\/1\.1 408 /);
});

test("attack: slow headers against b3iq ui: the server's limits", async () => {
  const { limitServer } = await import('../../dist/ui/index.js');
  const server = createServer();
  limitServer(server);
  assert.ok(
    server.headersTimeout <= 10_000 && server.requestTimeout <= 30_000 && server.requestTimeout > 0,
    `${server.headersTimeout} ${server.requestTimeout}`,
  );
  assert.ok(server.keepAliveTimeout <= 5_000);
  const src = fs.readFileSync(new URL('../../src/cli/commands/ui.ts', import.meta.url), 'utf8');
  assert.match(src, /limitServer\(server\)/, 'b3iq ui applies them');
});

test('attack: path traversal and encoded paths reach nothing; error pages echo nothing', async (t) => {
  const s = await serve(t);
  const marker = 'zq7marker';
  for (const p of [
    `/../../etc/passwd`,
    `/%2e%2e/%2e%2e/etc/passwd`,
    `/setup%00${marker}`,
    `/static/..%2f..%2f${marker}`,
    `//${marker}.example/setup`,
    `/${marker}<script>`,
  ]) {
    const r = await raw(s.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    assert.ok([200, 303, 400, 404].includes(r.status), `${p}: ${r.status}`);
    assert.ok(!r.text.includes('root:x:0'), p);
    assert.ok(!r.text.toLowerCase().includes(`${marker}<script>`), `${p} echoed`);
  }
  const unknown = await http(s.base, `/nope-${marker}?q=${marker}`);
  assert.equal(unknown.status, 404);
  assert.ok(!unknown.text.includes(marker));
  assert.equal(unknown.headers['x-content-type-options'], 'nosniff', 'a 404 carries the headers too');
  const opt = await http(s.base, `/login?x=${marker}`, {
    method: 'OPTIONS',
    headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(opt.status, 405);
  assert.equal(opt.headers['access-control-allow-origin'], undefined, 'no CORS');
  assert.ok(!opt.text.includes(marker));
  const head = await http(s.base, '/login', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
  const rebind = await http(s.base, `/login?${marker}`, { headers: { host: `${marker}.example` } });
  assert.ok(!rebind.text.includes(marker), 'the 421 page does not name the Host');
});
