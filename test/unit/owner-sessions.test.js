// Owner sessions in the library: completeSetup, login, the cookie, verification across
// restarts and processes, timeouts (injected clock), and every way a cookie must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore, isSameOrigin, csrfMatches, parseToken } from '../../dist/index.js';
import { redact } from '../../dist/index.js';
import { tempHome, run } from '../helpers/cli.js';

const PW = 'lantern orchid basalt 91';
const PW2 = 'tundra copper violin 58';

/** A home with an owner set through completeSetup; returns an open store (caller closes). */
async function ownedHome(t, opts = {}) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, pollMs: 50, ...opts });
  t.after(() => store.close());
  const { token } = await store.issueSetupToken();
  const r = await store.completeSetup({ token: `http://127.0.0.1:7317/setup#token=${token}`, password: PW });
  assert.equal(r.change, 'setup');
  return { home, store };
}

const cookieOf = (setCookie) => setCookie.split(';')[0];

async function waitFor(fn, ms = 5000) {
  const t0 = Date.now();
  for (;;) {
    if (fn()) return Date.now() - t0;
    if (Date.now() - t0 > ms) return -1;
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('completeSetup: setup, then recover with a second token; a used or malformed token is refused', async (t) => {
  const { home, store } = await ownedHome(t);
  const { token } = await store.issueSetupToken();
  const login = await store.ownerLogin(PW, { client: '127.0.0.1' });
  assert.equal(login.ok, true);
  const r = await store.completeSetup({ token, password: PW2 });
  assert.equal(r.change, 'recover');
  assert.deepEqual(store.verifyOwnerSession(cookieOf(login.cookie)), { valid: false, reason: 'signed-out' }, 'recover signs every session out');
  await assert.rejects(store.completeSetup({ token, password: PW2 }), (/** @type {any} */ e) => e.code === 'E_INVALID_TOKEN' && e.details.reason === 'used');
  await assert.rejects(
    store.completeSetup({ token: 'b3iq_setup_nope', password: PW2 }),
    (/** @type {any} */ e) => e.code === 'E_INVALID_TOKEN' && e.details.reason === 'malformed',
  );
  await assert.rejects(store.completeSetup({ token: (await store.issueSetupToken()).token, password: 'short' }), { code: 'E_WEAK_PASSWORD' });
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.match(audit, /"action":"owner.setup"/);
  assert.match(audit, /"action":"owner.recover"/);
  assert.ok(!audit.includes(PW) && !audit.includes(PW2) && !audit.includes(token));
});

test('login: cookie flags, a session value of the b3iq token shape, hashed records (0600), restart survival', async (t) => {
  const { home, store } = await ownedHome(t);
  const t0 = performance.now();
  const r = await store.ownerLogin(PW, { client: '127.0.0.1', label: '127.0.0.1 test' });
  const loginMs = performance.now() - t0;
  assert.equal(r.ok, true);
  assert.match(r.session.id, /^os_[0-9A-Za-z]{13}$/);
  assert.match(r.cookie, /^b3iq_session=b3iq_session_[0-9A-Za-z]{49}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
  assert.ok(!/Domain/i.test(r.cookie));
  const value = cookieOf(r.cookie).split('=')[1];
  assert.deepEqual(parseToken(value), { ok: true, kind: 'session' }, 'checksum-valid token shape');
  assert.ok(!redact(`Cookie: x=1; b3iq_session=${value}`).text.includes(value), 'the redactor catches it');
  const secure = await store.ownerLogin(PW, { client: '127.0.0.1', secure: true });
  assert.match(secure.cookie, /^__Host-b3iq_session=b3iq_session_\w{49}; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/);

  const file = join(home, 'owner-sessions.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.ok(!text.includes(value), 'only the hash is stored');
  const doc = JSON.parse(text);
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.sessions.length, 2);
  assert.match(doc.sessions[0].hash, /^sha256:[0-9a-f]{64}$/);

  const v = store.verifyOwnerSession(`theme=dark; ${cookieOf(r.cookie)}`);
  assert.equal(v.valid, true);
  assert.equal(v.id, r.session.id);
  assert.match(v.csrf, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(store.verifyOwnerSession(cookieOf(secure.cookie)).valid, true);
  assert.deepEqual(store.verifyOwnerSession(cookieOf(r.cookie), { secure: true }), { valid: false, reason: 'missing' }, 'a secure site takes only __Host-');
  store.close();

  const again = await openStore({ home });
  t.after(() => again.close());
  const v2 = again.verifyOwnerSession(cookieOf(r.cookie));
  assert.equal(v2.valid, true, 'survives a restart');
  assert.equal(v2.csrf, v.csrf, 'the CSRF token is derived from the session, stable across restarts');
  const list = await again.ownerSessions();
  assert.deepEqual(list.map((s) => s.id).sort(), [r.session.id, secure.session.id].sort());
  assert.deepEqual(Object.keys(list[0]).sort(), ['client', 'createdAt', 'expiresAt', 'id', 'lastSeenAt']);
  assert.ok(!JSON.stringify(list).includes('b3iq_session_'));
  process.stderr.write(`# ownerLogin (argon2id check + session write): ${loginMs.toFixed(0)} ms\n`);
});

test('idle timeout and absolute lifetime, with an injected clock', async (t) => {
  let now = Date.now() + 3_600_000; // ahead of the records' high-water mark
  const { store } = await ownedHome(t, { clock: () => now, ownerSessions: { idleMs: 10 * 60_000, absoluteMs: 60 * 60_000 } });
  const r = await store.ownerLogin(PW, { client: 'a' });
  const c = cookieOf(r.cookie);
  now += 9 * 60_000;
  assert.equal(store.verifyOwnerSession(c).valid, true, 'activity within the idle window');
  now += 9 * 60_000;
  assert.equal(store.verifyOwnerSession(c).valid, true, 'each request restarts the idle window');
  now += 10 * 60_000;
  assert.deepEqual(store.verifyOwnerSession(c), { valid: false, reason: 'idle' });

  const r2 = await store.ownerLogin(PW, { client: 'a' });
  for (let i = 0; i < 7; i++) {
    now += 9 * 60_000;
    store.verifyOwnerSession(cookieOf(r2.cookie));
  }
  assert.deepEqual(store.verifyOwnerSession(cookieOf(r2.cookie)), { valid: false, reason: 'expired' }, 'the absolute lifetime ends it, active or not');
  assert.deepEqual(await store.ownerSessions(), []);
});

test("refused: fixation, a logged-out cookie replayed, another node's cookie, tampered, garbage", async (t) => {
  const { store } = await ownedHome(t);
  const other = await ownedHome(t);
  const a = await store.ownerLogin(PW, { client: 'x' });
  const b = await store.ownerLogin(PW, { client: 'x' });
  assert.notEqual(a.session.id, b.session.id, 'a new id at every login');
  assert.notEqual(a.cookie, b.cookie);
  // Fixation: a value the attacker chose (well-formed, even checksum-valid) is not a session,
  // and logging in never adopts the cookie the browser already had.
  const planted = 'b3iq_session=' + cookieOf((await other.store.ownerLogin(PW, { client: 'y' })).cookie).split('=')[1];
  assert.deepEqual(store.verifyOwnerSession(planted), { valid: false, reason: 'unknown' }, "another node's cookie");

  const out = await store.ownerLogout(cookieOf(a.cookie));
  assert.equal(out.ended, a.session.id);
  assert.match(out.cookie, /^b3iq_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
  assert.deepEqual(store.verifyOwnerSession(cookieOf(a.cookie)), { valid: false, reason: 'unknown' }, 'replay after logout');
  assert.equal(store.verifyOwnerSession(cookieOf(b.cookie)).valid, true, 'the other session lives on');

  const v = cookieOf(b.cookie);
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [
    flip(v, v.length - 10),
    flip(v, v.length - 1),
    v.slice(0, -1),
    v + 'x',
    'b3iq_session=',
    'b3iq_session=%00',
    'b3iq_session=' + 'a'.repeat(5000),
  ]) {
    const r = store.verifyOwnerSession(bad);
    assert.equal(r.valid, false, bad.slice(0, 40));
    assert.ok(['malformed', 'unknown', 'missing'].includes(r.reason));
  }
  assert.deepEqual(store.verifyOwnerSession(undefined), { valid: false, reason: 'missing' });
  assert.deepEqual(store.verifyOwnerSession(''), { valid: false, reason: 'missing' });
});

test('CSRF helpers: same-origin check and token comparison', async (t) => {
  const o = 'http://127.0.0.1:7317';
  assert.equal(isSameOrigin({ origin: o }, o), true);
  assert.equal(isSameOrigin({ origin: 'null', 'sec-fetch-site': 'same-origin' }, o), true, 'a form under no-referrer: fetch metadata decides');
  assert.equal(isSameOrigin({}, o), false, 'no Origin, no fetch metadata, no Referer: refused');
  assert.equal(isSameOrigin({ origin: 'http://evil.example' }, o), false);
  assert.equal(isSameOrigin({ origin: 'http://127.0.0.1:7318' }, o), false, 'another port is another origin');
  assert.equal(isSameOrigin({ origin: 'null' }, o), false);
  assert.equal(isSameOrigin({ origin: 'null', 'sec-fetch-site': 'cross-site' }, o), false);
  assert.equal(isSameOrigin({ 'sec-fetch-site': 'same-site' }, o), false);
  assert.equal(isSameOrigin({ origin: o, referer: 'http://evil.example/x' }, o), false);
  assert.equal(isSameOrigin({ referer: `${o}/login` }, o), true);
  const { store } = await ownedHome(t);
  const s = store.verifyOwnerSession(cookieOf((await store.ownerLogin(PW, { client: 'c' })).cookie));
  assert.equal(csrfMatches(s.csrf, s.csrf), true);
  assert.equal(csrfMatches(s.csrf, undefined), false, 'missing token');
  assert.equal(csrfMatches(s.csrf, ''), false);
  assert.equal(csrfMatches(s.csrf, s.csrf.slice(0, -1) + (s.csrf.endsWith('A') ? 'B' : 'A')), false);
});

test('logout-all, recover and owner passwd in another process are seen by a live store within a second', async (t) => {
  const { home, store } = await ownedHome(t, { pollMs: 200 });
  const figures = [];
  /** @type {[string, () => Promise<{ code: number, stderr: string }>][]} */
  const steps = [
    ['owner logout-all', () => run(['owner', 'logout-all'], { home })],
    [
      'recover',
      async () => {
        const tok = (await run(['setup-token', 'create', '--out', '-'], { home })).stdout.trim();
        return run(['recover', '--password-file', '-'], { home, input: PW2 + '\n', env: { B3IQ_SETUP_TOKEN: tok } });
      },
    ],
    ['owner passwd', () => run(['owner', 'passwd', '--password-file', '-'], { home, input: PW + '\n', env: { B3IQ_OWNER_PASSWORD: PW2 } })],
  ];
  let pw = PW;
  for (const [name, step] of steps) {
    const r = await store.ownerLogin(pw, { client: 'p' });
    assert.equal(r.ok, true, name);
    const c = cookieOf(r.cookie);
    assert.equal(store.verifyOwnerSession(c).valid, true);
    const res = await step();
    assert.equal(res.code, 0, `${name}: ${res.stderr}`);
    const ms = await waitFor(() => !store.verifyOwnerSession(c).valid, 3000);
    assert.ok(ms >= 0 && ms <= 1000, `${name} seen after ${ms} ms`);
    assert.ok(['signed-out', 'unknown'].includes(store.verifyOwnerSession(c).reason), 'a generation bump, or the records emptied by logout-all');
    figures.push(`${name} ${ms} ms`);
    if (name === 'recover') pw = PW2;
    if (name === 'owner passwd') pw = PW;
  }
  process.stderr.write(`# seen by a live store after: ${figures.join(', ')}\n`);
});

test('login throttling: 200 parallel wrong logins, the event loop stays responsive, the right password works after the back-off', async (t) => {
  const { home, store } = await ownedHome(t);
  let maxLag = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const n = performance.now();
    maxLag = Math.max(maxLag, n - last - 5);
    last = n;
  }, 5);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) => store.ownerLogin(`wrong guess ${i}`, { client: i < 100 ? 'attacker' : `spoofed-${i % 10}` })),
  );
  const floodMs = performance.now() - t0;
  clearInterval(ticker);
  const checked = results.filter((r) => r.reason === 'wrong-password').length;
  const throttled = results.filter((r) => r.reason === 'throttled');
  assert.equal(checked + throttled.length, 200);
  assert.ok(results.every((r) => r.ok === false));
  assert.ok(checked <= 12, `only a bounded number of passwords were checked (${checked})`);
  assert.ok(throttled.every((r) => r.retryAfterMs > 0));
  assert.ok(maxLag < 500, `event loop lag ${maxLag.toFixed(0)} ms`);

  // Five wrong ones in a row lock a client out (1 s, then 2 s, ...), without checking more.
  for (let i = 0; i < 5; i++) {
    const r = await store.ownerLogin('still wrong', { client: 'slow' });
    assert.equal(r.reason, 'wrong-password');
  }
  const locked = await store.ownerLogin(PW, { client: 'slow' });
  assert.equal(locked.reason, 'throttled', 'even the right password waits for the back-off');
  assert.ok(locked.retryAfterMs > 0 && locked.retryAfterMs <= 1000);
  await new Promise((r) => setTimeout(r, locked.retryAfterMs + 20));
  const ok = await store.ownerLogin(PW, { client: 'slow' });
  assert.equal(ok.ok, true, 'the right password works after the back-off');

  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.match(audit, /"action":"owner.login","id":null,"kind":"owner","outcome":"refused","reason":"wrong-password","client":"slow"/);
  assert.match(audit, /"action":"owner.login.lockout".*"scope":"client","client":"slow","failures":5,"retryAfterMs":1000/);
  assert.ok(!audit.includes('wrong guess') && !audit.includes('still wrong') && !audit.includes(PW));
  process.stderr.write(
    `# 200 parallel wrong logins: ${checked} checked, ${throttled.length} throttled at once, ${floodMs.toFixed(0)} ms in all, max event-loop lag ${maxLag.toFixed(0)} ms\n`,
  );
});

test('throttle: exponential back-off up to 15 min, and a global ceiling across clients (injected clock)', async () => {
  const { LoginThrottle } = await import('../../dist/owner/throttle.js');
  let now = 0;
  const th = new LoginThrottle(() => now);
  const waits = [];
  for (let i = 0; i < 16; i++) {
    const lo = th.recordFailure('c');
    if (lo) waits.push(lo.retryAfterMs);
    now += (lo?.retryAfterMs ?? 0) + 61_000; // keep the global window clear
  }
  assert.deepEqual(waits.slice(0, 6), [1000, 2000, 4000, 8000, 16000, 32000]);
  assert.equal(Math.max(...waits), 15 * 60_000);
  th.recordSuccess('c');
  assert.equal(th.blockedFor('c').ms, 0);

  const g = new LoginThrottle(() => now);
  let lock;
  for (let i = 0; i < 30; i++) lock = g.recordFailure(`client-${i}`) ?? lock;
  assert.equal(lock.scope, 'global');
  const b = g.blockedFor('a-fresh-client');
  assert.equal(b.why, 'global');
  assert.ok(b.ms > 0 && b.ms <= 60_000);
  const adm = await g.admit('a-fresh-client');
  assert.equal(adm.ok, false);
});

test('corrupt session records sign everyone out but do not break the store', async (t) => {
  const { home, store } = await ownedHome(t);
  const r = await store.ownerLogin(PW, { client: 'z' });
  rmSync(join(home, 'owner-sessions.json'));
  const again = await openStore({ home });
  t.after(() => again.close());
  assert.deepEqual(again.verifyOwnerSession(cookieOf(r.cookie)), { valid: false, reason: 'unknown' });
});

test('owner-sessions.json matches its JSON Schema; newer or corrupt files are refused untouched', async (t) => {
  const { home, store } = await ownedHome(t);
  const r = await store.ownerLogin(PW, { client: 'schema' });
  const file = join(home, 'owner-sessions.json');
  const schema = JSON.parse(readFileSync(new URL('../../docs/schema/owner-sessions.schema.json', import.meta.url), 'utf8'));
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(doc.schemaVersion, schema.properties.schemaVersion.const);
  assert.deepEqual(Object.keys(doc).sort(), [...schema.required].sort());
  const item = schema.properties.sessions.items;
  for (const rec of doc.sessions) {
    assert.deepEqual(Object.keys(rec).sort(), [...item.required].sort());
    for (const [k, rule] of Object.entries(item.properties)) if (rule.pattern) assert.match(String(rec[k]), new RegExp(rule.pattern), k);
  }
  for (const bad of [JSON.stringify({ schemaVersion: 2, sessions: [] }), '{"schemaVersion":1,"sessions":[{"id":"x"}]}', 'not json']) {
    writeFileSync(file, bad, { mode: 0o600 });
    const fresh = await openStore({ home, live: false });
    await assert.rejects(fresh.ownerLogin(PW, { client: 'schema' }), (/** @type {any} */ e) => ['E_SCHEMA_NEWER', 'E_CORRUPT'].includes(e.code));
    assert.equal(fresh.verifyOwnerSession(cookieOf(r.cookie)).valid, false);
    fresh.close();
    assert.equal(readFileSync(file, 'utf8'), bad, 'left byte for byte');
  }
});

test('logins through two stores at once lose no session (the home lock serialises the writes)', async (t) => {
  const { home, store } = await ownedHome(t);
  const other = await openStore({ home, pollMs: 50 });
  t.after(() => other.close());
  const results = await Promise.all([
    ...Array.from({ length: 3 }, (_, i) => store.ownerLogin(PW, { client: `a${i}` })),
    ...Array.from({ length: 3 }, (_, i) => other.ownerLogin(PW, { client: `b${i}` })),
  ]);
  assert.ok(results.every((r) => r.ok));
  const ids = JSON.parse(readFileSync(join(home, 'owner-sessions.json'), 'utf8'))
    .sessions.map((s) => s.id)
    .sort();
  assert.deepEqual(ids, results.map((r) => r.session.id).sort());
  await waitFor(() => results.every((r) => store.verifyOwnerSession(cookieOf(r.cookie)).valid), 2000);
  for (const r of results) assert.equal(store.verifyOwnerSession(cookieOf(r.cookie)).valid, true, "each store sees the other's sessions");
});

test('a symlink at owner-sessions.json is refused, its target never written', async (t) => {
  const { home, store } = await ownedHome(t);
  const { symlinkSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const target = join(mkdtempSync(join(tmpdir(), 'b3iq-target-')), 'elsewhere.json');
  writeFileSync(target, 'do not touch\n');
  symlinkSync(target, join(home, 'owner-sessions.json'));
  await assert.rejects(store.ownerLogin(PW, { client: 'l' }), (/** @type {any} */ e) => ['E_SYMLINK', 'E_CORRUPT', 'E_IO'].includes(e.code));
  assert.equal(readFileSync(target, 'utf8'), 'do not touch\n');
});
