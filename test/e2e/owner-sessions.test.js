// `b3iq owner sessions`, `owner sessions revoke ID…|--all`, `b3iq ui`'s refusals and
// `setup-token create --url`'s default, through the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initHome, openStore } from '../../dist/index.js';
import { execFileSync } from 'node:child_process';
import { run, tempHome } from '../harness/index.js';

const PW = 'lantern orchid basalt 91';

async function ownerWithSessions(t, n) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  await store.completeSetup({ token: (await store.issueSetupToken()).token, password: PW });
  const logins = [];
  for (let i = 0; i < n; i++) logins.push(await store.ownerLogin(PW, { client: `10.0.0.${i}`, label: `10.0.0.${i} Firefox/140` }));
  return { home, store, logins };
}

test('owner sessions lists live sessions (never the secret); --json is an array', async (t) => {
  const { home, logins } = await ownerWithSessions(t, 2);
  const r = await run(['owner', 'sessions', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  assert.deepEqual(rows.map((x) => x.id).sort(), logins.map((l) => l.session.id).sort());
  assert.deepEqual(Object.keys(rows[0]).sort(), ['client', 'createdAt', 'expiresAt', 'id', 'lastSeenAt']);
  assert.ok(!r.stdout.includes('b3iq_session_') && !r.stdout.includes('sha256'));
  const human = await run(['owner', 'sessions'], { home });
  assert.match(human.stdout, /^ID\s+CLIENT\s+CREATED\s+LAST SEEN\s+EXPIRES/);
  assert.match(human.stdout, /10\.0\.0\.1 Firefox\/140/);
});

test('owner sessions revoke ID ends that session only; unknown ids exit 1; --all = logout-all', async (t) => {
  const { home, store, logins } = await ownerWithSessions(t, 3);
  const [a, b, c] = logins;
  const r = await run(['owner', 'sessions', 'revoke', a.session.id, '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { revoked: [a.session.id] });
  store.reloadSync();
  const { OwnerSessions } = await import('../../dist/owner/sessions.js');
  const view = new OwnerSessions(home, Date.now);
  assert.equal(view.verify(a.cookie.split(';')[0]).valid, false);
  assert.equal(view.verify(b.cookie.split(';')[0]).valid, true);

  const unknown = await run(['owner', 'sessions', 'revoke', 'os_0000000000000', '--json'], { home });
  assert.equal(unknown.code, 1);
  assert.equal(JSON.parse(unknown.stderr).error.code, 'E_NOT_FOUND');
  assert.equal((await run(['owner', 'sessions', 'revoke'], { home })).code, 2, 'nothing to revoke');
  assert.equal((await run(['owner', 'sessions', 'revoke', b.session.id, '--all'], { home })).code, 2, 'ids or --all');

  const all = await run(['owner', 'sessions', 'revoke', '--all', '--json'], { home });
  assert.equal(all.code, 0, all.stderr);
  assert.equal(typeof JSON.parse(all.stdout).sessionGeneration, 'number');
  view.refresh();
  assert.equal(view.verify(b.cookie.split(';')[0]).valid, false);
  assert.equal(view.verify(c.cookie.split(';')[0]).valid, false);
  assert.deepEqual(JSON.parse((await run(['owner', 'sessions', '--json'], { home })).stdout), []);
  const audit = (await run(['audit', '--json'], { home })).stdout;
  assert.match(audit, /owner\.session\.revoke/);
  assert.match(audit, /owner\.logout-all/);
});

test('a session cookie value on argv is refused like any b3iq credential', async (t) => {
  const { home, logins } = await ownerWithSessions(t, 1);
  const value = logins[0].cookie.split(';')[0].split('=')[1];
  const r = await run(['owner', 'sessions', 'revoke', value], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_SECRET_IN_ARGV/);
  assert.ok(!r.stderr.includes(value.slice(13)));
  // one that is not live: named with its article, and the hint says a cookie is never passed
  const other = `b3iq_session_${'A'.repeat(value.length - 13)}`;
  const n = await run(['keys', 'verify', other], { home });
  assert.equal(n.code, 2);
  assert.match(n.stderr, /looks like an owner session cookie;/);
  assert.match(n.stderr, /never given to b3iq: it belongs to the browser/);
});

test('b3iq ui refuses a non-loopback address without TLS (exit 2), and half a TLS pair', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  for (const args of [
    ['ui', '--listen', '0.0.0.0'],
    ['ui', '--listen', '192.168.1.10', '--port', '0'],
    ['ui', '--tls-cert', '/nonexistent'],
    ['ui', '--port', 'x'],
  ]) {
    const r = await run(args, { home });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /E_USAGE/);
  }
});

test("setup-token create --url with no value points at b3iq ui's default address", async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const r = await run(['setup-token', 'create', '--url', '--out', '-'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^http:\/\/127\.0\.0\.1:7317\/setup#token=b3iq_setup_\w{49}\n$/);
});

test('scan finds a session value and the redactor hides it', async (t) => {
  const { home, logins } = await ownerWithSessions(t, 1);
  const value = logins[0].cookie.split(';')[0].split('=')[1];
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-scan-'));
  writeFileSync(join(dir, 'notes.txt'), `curl -H 'Cookie: b3iq_session=${value}' http://127.0.0.1:7317/\n`);
  const s = await run(['scan', dir, '--json'], { home });
  assert.equal(s.code, 1);
  const f = JSON.parse(s.stdout).findings;
  assert.equal(f.length, 1);
  assert.equal(f[0].kind, 'session');
  assert.equal(f[0].id, logins[0].session.id, 'matched to the live session');
  assert.equal(f[0].live, true);
  assert.ok(!s.stdout.includes(value));
  const rv = await run(['scan', dir, '--revoke', '--json'], { home });
  assert.deepEqual(JSON.parse(rv.stdout).revoked, [logins[0].session.id], 'scan --revoke signs the exposed session out');
  assert.deepEqual(JSON.parse((await run(['owner', 'sessions', '--json'], { home })).stdout), []);
  const red = await run(['redact'], { home, input: `Set-Cookie: b3iq_session=${value}; Path=/\n` });
  assert.ok(!red.stdout.includes(value.slice(13)), red.stdout);
});

test('b3iq ui prints its URL on stdout, logs ids only on stderr, and exits 130 on Ctrl-C', async (t) => {
  const { spawn } = await import('node:child_process');
  const { BIN, baseEnv, ROOT } = await import('../helpers/cli.js');
  const home = tempHome(t);
  await initHome(home);
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0'], { cwd: ROOT, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.endsWith('\n')) resolve(out.trim());
    });
    child.once('exit', (c) => reject(new Error(`exited ${c}: ${err}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const res = await fetch(`${url}login?token=b3iq_setup_shouldnotbelogged`);
  assert.equal(res.status, 200);
  const code = await new Promise((resolve) => {
    child.once('exit', (c, sig) => resolve(c ?? sig));
    child.kill('SIGINT');
  });
  assert.equal(code, 130);
  assert.match(err, /GET \/login 200 -/);
  assert.ok(!err.includes('shouldnotbelogged'), 'no query string in the log');
});

test('b3iq ui over TLS (--tls-cert, --tls-key): https and a __Host- Secure cookie', {
  skip: spawnSyncOk('openssl') ? false : 'no openssl to make a test certificate',
}, async (t) => {
  const { spawn, spawnSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { request } = await import('node:https');
  const { BIN, baseEnv, ROOT } = await import('../helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const gen = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(gen.status, 0, gen.stderr);
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, live: false });
  const token = (await store.issueSetupToken()).token;
  store.close();
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0', '--tls-cert', cert, '--tls-key', key], {
    cwd: ROOT,
    env: baseEnv(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.endsWith('\n')) resolve(out.trim());
    });
    child.once('exit', (c) => reject(new Error(`exited ${c}`)));
  });
  assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
  const origin = url.replace(/\/$/, '');
  const body = new URLSearchParams({ token, password: PW, password2: PW }).toString();
  const res = await new Promise((resolve, reject) => {
    const req = request(
      `${url}setup`,
      { method: 'POST', ca: readFileSync(cert), headers: { origin, 'content-type': 'application/x-www-form-urlencoded' } },
      resolve,
    );
    req.on('error', reject);
    req.end(body);
  });
  res.resume();
  assert.equal(res.statusCode, 303);
  assert.match(res.headers['set-cookie'][0], /^__Host-b3iq_session=b3iq_session_\w{49}; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/);
});

function spawnSyncOk(cmd) {
  try {
    return execFileSync(cmd, ['version'], { stdio: 'ignore' }) !== undefined;
  } catch {
    return false;
  }
}
