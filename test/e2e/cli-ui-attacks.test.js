// `b3iq ui` itself, attacked from 127.0.0.1 with curl and raw sockets: a full session
// (setup, wrong passwords, a key, a grant, sign-out) leaves no secret on its stderr; a
// malformed request does not kill it; it stops on SIGINT (130) and SIGTERM (0) even with a
// keep-alive connection and a half-sent body open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import { initHome, openStore } from '../../dist/index.js';
import { BIN, ROOT, baseEnv, run, tempHome } from '../helpers/cli.js';

const PW = 'lantern orchid basalt 91';
const hasCurl = spawnSync('curl', ['--version']).status === 0;

function startUi(home) {
  const child = spawn(process.execPath, [BIN, 'ui', '--port', '0'], { cwd: ROOT, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.endsWith('\n')) resolve(out.trim().replace(/\/$/, ''));
    });
    child.once('exit', (c) => reject(new Error(`exited ${c}: ${err}`)));
  });
  const exit = new Promise((resolve) => child.once('exit', (c, sig) => resolve(c ?? sig)));
  return { child, url, exit, stderr: () => err };
}

/** curl on 127.0.0.1 only: returns the response head and body. */
function curl(args) {
  const r = spawnSync('curl', ['-sS', '-i', '--max-time', '15', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(r.stdout)?.[1]), text: r.stdout };
}

test("attack: read every secret out of b3iq ui's stderr after a whole session driven by curl", { skip: hasCurl ? false : 'no curl' }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, live: false });
  const setupToken = (await store.issueSetupToken()).token;
  store.close();
  const ui = startUi(home);
  t.after(() => ui.child.kill('SIGKILL'));
  const base = await ui.url;
  const jar = `${home}/curl-cookies.txt`;
  const post = (path, form, extra = []) =>
    curl([
      '-b',
      jar,
      '-c',
      jar,
      '-H',
      `Origin: ${base}`,
      ...extra,
      ...Object.entries(form).flatMap(([k, v]) => ['--data-urlencode', `${k}=${v}`]),
      `${base}${path}`,
    ]);
  assert.equal(curl([`${base}/setup?token=${setupToken}`]).status, 200);
  assert.equal(post('/setup', { token: `${base}/setup#token=${setupToken}`, password: PW, password2: PW }).status, 303);
  const page = curl(['-b', jar, `${base}/`]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)[1];
  const made = post('/keys/create', { csrf, name: 'curl key', scope: 'inference' });
  const shown = curl(['-b', jar, `${base}${/Location: (\S+)/i.exec(made.text)[1]}`]);
  const key = /id="secret">([^<]+)</.exec(shown.text)[1];
  const grant = post('/support/grant', { csrf, note: 'ticket 1', scope: 'diagnostics:read' });
  const grantToken = /id="secret">([^<]+)</.exec(curl(['-b', jar, `${base}${/Location: (\S+)/i.exec(grant.text)[1]}`]).text)[1];
  const cookie = /b3iq_session\s+(\S+)/.exec(spawnSync('cat', [jar], { encoding: 'utf8' }).stdout)[1];
  for (const wrong of ['wrong one', 'wrong two']) assert.equal(post('/login', { password: wrong }).status, 401);
  assert.equal(post('/logout', { csrf }).status, 303);
  // A malformed request target: the process must survive it.
  await new Promise((resolve) => {
    const s = net.connect(Number(new URL(base).port), '127.0.0.1', () => s.end(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    s.on('close', resolve).on('error', resolve).resume();
  });
  assert.equal(curl([`${base}/login`]).status, 200, 'still serving after a malformed request');
  ui.child.kill('SIGTERM');
  assert.equal(await ui.exit, 0, 'SIGTERM is a clean stop');
  const err = ui.stderr();
  for (const secret of [setupToken, setupToken.slice(11), PW, 'wrong one', key, grantToken, cookie, csrf])
    assert.ok(!err.includes(secret), `a secret in stderr: ${secret.slice(0, 12)}…`);
  assert.match(err, /POST \/keys\/create 303 os_\w{13}/, 'requests are logged by session id');
  const audit = await run(['audit', '--json'], { home });
  for (const secret of [setupToken, PW, key, grantToken, cookie, csrf]) assert.ok(!audit.stdout.includes(secret));
});

test('attack: hold b3iq ui open at shutdown (keep-alive, half-sent body): SIGINT still ends it with 130', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const ui = startUi(home);
  t.after(() => ui.child.kill('SIGKILL'));
  const port = Number(new URL(await ui.url).port);
  const sockets = [];
  for (const text of [
    `GET /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\npass`,
    `GET /log`,
  ]) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined).resume();
    await new Promise((r) => s.once('connect', r));
    s.write(text);
    sockets.push(s);
  }
  await new Promise((r) => setTimeout(r, 200));
  const started = Date.now();
  ui.child.kill('SIGINT');
  assert.equal(await ui.exit, 130);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  for (const s of sockets) s.destroy();
});

test('attack: b3iq ui on a public address without TLS (0.0.0.0, ::, a LAN IP, a name) is refused, exit 2', async (t) => {
  const home = tempHome(t);
  await initHome(home);
  for (const addr of ['0.0.0.0', '::', '192.168.1.10', '127.0.0.1.nip.io', 'localhost.evil.example']) {
    const r = await run(['ui', '--listen', addr, '--port', '0'], { home });
    assert.equal(r.code, 2, `${addr}: ${r.stderr}`);
    assert.match(r.stderr, /E_USAGE/);
  }
});
