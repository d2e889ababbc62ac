// `b3iq ui` itself, attacked from another process on the machine: where it listens, the
// cookie it sets, look-alike Host headers, a planted cookie, sessions ended by the CLI
// while the UI runs, the clock moved past the idle and absolute limits (libfaketime read
// from a file, so the running process's clock moves), password guessing, and every page
// and log line read for a secret with B3IQ_DEBUG=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, baseEnv, initHome, ok, run, tempDir } from '../helpers/cli.js';
import { cookieOf, csrfIn, http } from '../helpers/ui-http.js';

const PW = 'lantern orchid basalt 91';

/** libfaketime's library, when installed (Debian: faketime). */
function libfaketime() {
  for (const dir of fs.readdirSync('/usr/lib').filter((d) => d.endsWith('-linux-gnu'))) {
    const lib = join('/usr/lib', dir, 'faketime', 'libfaketime.so.1');
    if (fs.existsSync(lib)) return lib;
  }
  return undefined;
}
const FAKETIME_LIB = libfaketime();

/** Starts `b3iq ui --port 0`; `clockFile` (a libfaketime offset such as "+30m") moves its clock while it runs. */
async function startUi(t, home, { clockFile } = /** @type {{ clockFile?: string }} */ ({})) {
  const extra = clockFile ? { LD_PRELOAD: FAKETIME_LIB, FAKETIME_TIMESTAMP_FILE: clockFile, FAKETIME_NO_CACHE: '1' } : {};
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0'], {
    cwd: ROOT,
    env: baseEnv(home, { B3IQ_DEBUG: '1', ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.endsWith('\n')) resolve(out.trim().replace(/\/$/, ''));
    });
    child.once('exit', (c) => reject(new Error(`b3iq ui exited ${c}: ${err}`)));
  });
  const stop = async () => {
    const exit = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exit;
    return err;
  };
  return { base, stop };
}

/** A home with a setup token, the UI on it, and the owner signed in through /setup. */
async function signedIn(t, opts) {
  const home = await initHome(t);
  const setupToken = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const ui = await startUi(t, home, opts);
  const r = await http(ui.base, '/setup', { method: 'POST', headers: { origin: ui.base }, form: { token: setupToken, password: PW, password2: PW } });
  assert.equal(r.status, 303, r.text);
  return { home, ui, setupToken, setCookie: r.headers['set-cookie'], cookie: cookieOf(r) };
}

const login = async (base) => cookieOf(await http(base, '/login', { method: 'POST', headers: { origin: base }, form: { password: PW } }));
const status = async (base, cookie, headers = {}) => (await http(base, '/', { headers: { cookie, ...headers } })).status;

/** Polls until the cookie is refused; returns the milliseconds it took (or Infinity). */
async function refusedWithin(base, cookie, ms) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if ((await status(base, cookie)) !== 200) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return Infinity;
}

test('attack: reach b3iq ui from off the loopback; read or steal its cookie from script, another site or plain HTTP', async (t) => {
  const { ui, setCookie, cookie } = await signedIn(t);
  const port = new URL(ui.base).port;
  assert.equal(new URL(ui.base).hostname, '127.0.0.1');
  const ss = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  if (ss.status === 0)
    for (const l of ss.stdout.trim().split('\n')) assert.match(l, new RegExp(`127\\.0\\.0\\.1:${port}\\b`), `listens only on loopback: ${l}`);
  assert.equal(setCookie.length, 1);
  const flags = setCookie[0].split(/;\s*/).slice(1);
  assert.deepEqual(flags.sort(), ['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict']);
  assert.match(cookie, /^b3iq_session=b3iq_session_[0-9A-Za-z]{49}$/);
});

test('attack: DNS rebinding and look-alike Host headers; a planted cookie adopted at login (fixation)', async (t) => {
  const home = await initHome(t);
  const setupToken = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const ui = await startUi(t, home);
  const port = new URL(ui.base).port;
  const planted = 'b3iq_session=b3iq_session_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const r = await http(ui.base, '/setup', {
    method: 'POST',
    headers: { origin: ui.base, cookie: planted },
    form: { token: setupToken, password: PW, password2: PW },
  });
  const cookie = cookieOf(r);
  assert.notEqual(cookie, planted, 'a new session secret, never the planted one');
  assert.equal(await status(ui.base, planted), 303);
  for (const host of [
    'evil.example',
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `127.1:${port}`,
    `0x7f000001:${port}`,
    `2130706433:${port}`,
  ])
    assert.equal(await status(ui.base, cookie, { host }), 421, `Host: ${host}`);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) assert.equal(await status(ui.base, cookie, { host }), 200, `Host: ${host}`);
  // A rebinding page's POST carries its own origin: refused even with the right Host and token.
  const csrf = csrfIn((await http(ui.base, '/', { headers: { cookie } })).text);
  const forged = await http(ui.base, '/keys/create', { method: 'POST', headers: { cookie, origin: `http://evil.example:${port}` }, form: { csrf, name: 'x' } });
  assert.equal(forged.status, 403);
  // The fallbacks when a browser withholds Origin: only Sec-Fetch-Site: same-origin (unforgeable by a page) passes.
  const post = (headers) => http(ui.base, '/keys/create', { method: 'POST', headers: { cookie, ...headers }, form: { csrf, name: 'csrf probe' } });
  assert.equal((await post({})).status, 403, 'no Origin, no Sec-Fetch-Site, no Referer');
  assert.equal((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status, 403, 'Origin: null from another site');
  assert.equal((await post({ origin: 'null', 'sec-fetch-site': 'same-site' })).status, 403, 'Origin: null from a sibling site');
  assert.equal((await post({ referer: `http://evil.example:${port}/` })).status, 403, 'a foreign Referer');
  assert.equal((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status, 303, 'Origin: null from the UI itself');
});

test('attack: keep using a session the CLI ended while b3iq ui runs (sessions revoke, logout-all, passwd, recover)', async (t) => {
  const { home, ui, cookie } = await signedIn(t);
  const id = JSON.parse((await ok(['owner', 'sessions', '--json'], { home })).stdout)[0].id;
  await ok(['owner', 'sessions', 'revoke', id], { home });
  assert.ok((await refusedWithin(ui.base, cookie, 1500)) < 1500, 'sessions revoke: refused within the poll');
  const c2 = await login(ui.base);
  await ok(['owner', 'logout-all'], { home });
  assert.ok((await refusedWithin(ui.base, c2, 1500)) < 1500, 'logout-all');
  const c3 = await login(ui.base);
  const dir = tempDir();
  fs.writeFileSync(join(dir, 'old'), PW, { mode: 0o600 });
  fs.writeFileSync(join(dir, 'new'), `${PW} new`, { mode: 0o600 });
  await ok(['owner', 'passwd', '--current-password-file', join(dir, 'old'), '--password-file', join(dir, 'new')], { home });
  assert.ok((await refusedWithin(ui.base, c3, 1500)) < 1500, 'passwd');
  assert.equal(await status(ui.base, await login(ui.base)), 303, 'the old password no longer signs in');
  const tok = join(dir, 'tok');
  await ok(['setup-token', 'create', '--out', tok], { home });
  const c4 = cookieOf(await http(ui.base, '/login', { method: 'POST', headers: { origin: ui.base }, form: { password: `${PW} new` } }));
  assert.equal(await status(ui.base, c4), 200);
  await ok(['recover', '--token-file', tok, '--password-file', join(dir, 'old')], { home });
  assert.ok((await refusedWithin(ui.base, c4, 1500)) < 1500, 'recover');
});

test('attack: a session kept past its idle limit or its absolute lifetime (the running UI clock moved)', {
  skip: FAKETIME_LIB ? false : 'no libfaketime',
}, async (t) => {
  const clockFile = join(tempDir(), 'clock');
  fs.writeFileSync(clockFile, '+0s\n');
  const { ui, cookie } = await signedIn(t, { clockFile });
  // A fresh connection per request: a jump of the clock times out a kept-alive one.
  const at = async (offset, c) => {
    fs.writeFileSync(clockFile, `${offset}\n`);
    return status(ui.base, c, { connection: 'close' });
  };
  assert.equal(await at('+29m', cookie), 200, 'within 30 min idle');
  assert.equal(await at('+57m', cookie), 200, '28 min after the last request');
  assert.equal(await at('+88m', cookie), 303, '31 min idle: ended');
  const c2 = cookieOf(await http(ui.base, '/login', { method: 'POST', headers: { origin: ui.base, connection: 'close' }, form: { password: PW } }));
  // Active every 25 minutes: alive until 12 h after the login, not after.
  let last = 88;
  for (let m = 113; m < 88 + 720; m += 25) {
    assert.equal(await at(`+${m}m`, c2), 200, `${m - 88} min after login`);
    last = m;
  }
  assert.equal(await at(`+${88 + 721}m`, c2), 303, `12 h 1 min after login (last request ${88 + 721 - last} min before)`);
});

test('attack: guess the owner password; read a secret out of any page or the log with B3IQ_DEBUG=1', async (t) => {
  const { home, ui, cookie, setupToken } = await signedIn(t);
  const key = JSON.parse((await ok(['keys', 'create', '--name', 'k', '--out', '-', '--json'], { home })).stdout).token;
  const codes = [];
  for (let i = 0; i < 8; i++)
    codes.push((await http(ui.base, '/login', { method: 'POST', headers: { origin: ui.base }, form: { password: `wrong guess ${i}` } })).status);
  assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.ok(
    codes.slice(5).every((c) => c === 429),
    `throttled after 5 wrong passwords: ${codes}`,
  );
  const pages = await Promise.all(['/', '/login', '/setup', '/logout', '/nope'].map((p) => http(ui.base, p, { headers: { cookie } })));
  const records = ['credentials.json', 'owner.json', 'owner-sessions.json'].map((f) => fs.readFileSync(join(home, f), 'utf8')).join('\n');
  const hashes = [...records.matchAll(/sha256:([0-9a-f]{64})/g)].map((m) => m[1]);
  const argon = /\$argon2id\$[^"]+/.exec(records)[0];
  const err = await ui.stop();
  const secrets = [PW, setupToken, key, cookie.split('=')[1], argon, argon.split('$').pop(), ...hashes];
  for (const s of secrets) {
    for (const p of pages) assert.ok(!p.text.includes(s) && !JSON.stringify(p.headers).includes(s), `a secret (${s.slice(0, 8)}…) in a page`);
    assert.ok(!err.includes(s), `a secret (${s.slice(0, 8)}…) in the log`);
  }
  for (let i = 0; i < 8; i++) assert.ok(!err.includes(`wrong guess ${i}`), 'a guessed password in the log');
});

test("attack: paste a live key into the UI's key name or grant note: refused, so no token lands in the records, the audit log or a listing", async (t) => {
  const { home, ui, cookie } = await signedIn(t);
  const key = JSON.parse((await ok(['keys', 'create', '--name', 'k', '--out', '-', '--json'], { home })).stdout).token;
  const csrf = csrfIn((await http(ui.base, '/', { headers: { cookie } })).text);
  const post = (path, form) => http(ui.base, path, { method: 'POST', headers: { cookie, origin: ui.base }, form: { csrf, ...form } });
  await post('/keys/create', { name: key.slice(0, 64), scope: 'inference' });
  await post('/support/grant', { note: `ticket 7 key ${key}`, scope: 'diagnostics:read' });
  await ui.stop();
  const body = key.slice(11, 40);
  for (const f of fs.readdirSync(home))
    if (fs.statSync(join(home, f)).isFile()) assert.ok(!fs.readFileSync(join(home, f), 'utf8').includes(body), `the key in ${f}`);
  for (const args of [
    ['keys', 'list', '--all', '--json'],
    ['support', 'list', '--all', '--json'],
    ['audit', '--json'],
  ])
    assert.ok(!(await ok(args, { home })).stdout.includes(body), args.join(' '));
});

test('attack: redeem one setup token through the UI three times at once and through the CLI: exactly one wins', async (t) => {
  const home = await initHome(t);
  const tokFile = join(tempDir(), 'tok');
  await ok(['setup-token', 'create', '--out', tokFile], { home });
  const token = fs.readFileSync(tokFile, 'utf8').trim();
  const ui = await startUi(t, home);
  const pwFile = join(tempDir(), 'pw');
  fs.writeFileSync(pwFile, 'the cli password is long', { mode: 0o600 });
  const headers = { origin: ui.base, connection: 'close' };
  const [cli, ...posts] = await Promise.all([
    run(['setup', '--token-file', tokFile, '--password-file', pwFile], { home, timeout: 60_000 }),
    ...[1, 2, 3].map((i) =>
      http(ui.base, '/setup', { method: 'POST', headers, form: { token, password: `ui password ${i} is long`, password2: `ui password ${i} is long` } }),
    ),
  ]);
  const wins = posts.filter((r) => r.status === 303).length + (cli.code === 0 ? 1 : 0);
  assert.equal(wins, 1, `CLI ${cli.code}, UI ${posts.map((r) => r.status)}`);
  assert.ok(
    posts.every((r) => [303, 403, 429].includes(r.status)),
    'won, refused (used or owner exists), or throttled',
  );
  await ok(['audit', '--verify'], { home });
});
