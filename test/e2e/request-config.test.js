// b3iq request-config end to end: real curl against a real HTTP server on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { writeFileSync, readFileSync, statSync, symlinkSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, BIN, baseEnv } from '../harness/index.js';
import { spawn } from 'node:child_process';
import { sh } from '../helpers/shell.js';
import { generateToken } from '../../dist/core/tokens.js';
import { buildConfig, curlQuote, checkUrl } from '../../dist/cli/commands/request-config.js';

let server;
let base;
const seen = [];
before(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    res.end('ok\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(() => server.close());

function keyFile(t, token) {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const f = join(dir, 'b3iq-local-key');
  writeFileSync(f, token + '\n', { mode: 0o600 });
  return { dir, f };
}

test('curl -K <(b3iq request-config) sends the bearer header read from B3IQ_LOCAL_KEY_FILE', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const { f } = keyFile(t, token);
  const env = { ...baseEnv(home), B3IQ_LOCAL_KEY_FILE: f };
  const n = seen.length;
  const r = await sh(`curl -sS -K <("${process.execPath}" "${BIN}" request-config) "${base}/v1/models"`, env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ok\n');
  assert.equal(seen.length, n + 1);
  assert.equal(seen.at(-1).authorization, `Bearer ${token}`);
  assert.ok(!r.stderr.includes(token));
});

test('--url goes into the config; a config on a pipe into curl -K -', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const { f } = keyFile(t, token);
  const env = { ...baseEnv(home) };
  const r = await sh(`"${process.execPath}" "${BIN}" request-config --key-file "${f}" --url "${base}/v1/chat?x=1" | curl -sS -K -`, env);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(seen.at(-1), { url: '/v1/chat?x=1', authorization: `Bearer ${token}` });
});

test('--out FILE: a new 0600 file (exclusive, no symlinks), metadata only on stdout', async (t) => {
  const home = await initHome(t);
  const { id, token } = await issueKey(home);
  const { dir, f } = keyFile(t, token);
  const out = join(dir, 'req.conf');
  const r = await ok(['request-config', '--out', out, '--url', `${base}/file`, '--json'], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
  const doc = JSON.parse(r.stdout);
  assert.deepEqual({ ...doc, child: undefined }, { file: out, kind: 'local', keyId: id, url: `${base}/file`, child: undefined });
  assert.match(doc.child.id, /^lk_/);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  const c = await sh(`curl -sS -K "${out}"`, baseEnv(home));
  assert.equal(c.code, 0, c.stderr);
  // A file carries a short-lived child credential, never the key itself.
  assert.match(seen.at(-1).authorization, /^Bearer b3iq_local_/);
  assert.notEqual(seen.at(-1).authorization, `Bearer ${token}`);
  assert.ok(!readFileSync(out, 'utf8').includes(token));
  // Exclusive: an existing file or a symlink is refused with exit 2, untouched.
  const again = await run(['request-config', '--out', out], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /E_OUT_EXISTS/);
  const link = join(dir, 'link.conf');
  symlinkSync(join(dir, 'target'), link);
  const viaLink = await run(['request-config', '--out', link], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.equal(viaLink.code, 2);
  assert.match(viaLink.stderr, /E_OUT_SYMLINK/);
  assert.ok(!existsSync(join(dir, 'target')));
});

test('a support token without --kind support is E_WRONG_KIND (exit 2); malformed input exit 2; no file left behind', async (t) => {
  const home = await initHome(t);
  const { f, dir } = keyFile(t, generateToken('support'));
  const out = join(dir, 'x.conf');
  const r = await run(['request-config', '--out', out], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_WRONG_KIND/);
  assert.ok(!existsSync(out), 'a refused config leaves no file');
  writeFileSync(f, 'not-a-key\n');
  const bad = await run(['request-config', '--out', '-'], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_BAD_INPUT/);
  assert.equal(bad.stdout, '');
});

test('URLs with embedded credentials or control characters are refused', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const { f } = keyFile(t, token);
  for (const url of ['http://user:pw@127.0.0.1/', 'https://user@example.com/', 'ftp://example.com/', 'http://a b/']) {
    const r = await run(['request-config', '--url', url, '--out', '-'], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
    assert.equal(r.code, 2, url);
    assert.equal(r.stdout, '');
  }
});

test('--key ID reads a key saved with --save keychain', async (t) => {
  const home = await initHome(t);
  const env = { B3IQ_KEYCHAIN: 'off' };
  const created = JSON.parse((await ok(['keys', 'create', '--name', 'kc', '--save', 'keychain', '--json'], { home, env })).stdout);
  const r = await ok(['request-config', '--key', created.id, '--url', `${base}/kc`], { home, env });
  const c = await new Promise((resolve) => {
    const child = spawn('curl', ['-sS', '-K', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.on('close', (code) => resolve(code));
    child.stdin.end(r.stdout);
  });
  assert.equal(c, 0);
  assert.match(seen.at(-1).authorization, /^Bearer b3iq_local_/);
  const missing = await run(['request-config', '--key', 'lk_0000000000000', '--out', '-'], { home, env });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /E_NOT_FOUND/);
});

test('curl config quoting: quotes and backslashes escaped, so curl reads the value back exactly', async () => {
  assert.equal(curlQuote('a"b\\c'), '"a\\"b\\\\c"');
  const conf = buildConfig('b3iq_local_x', undefined);
  assert.match(conf, /^header = "Authorization: Bearer b3iq_local_x"$/m);
  assert.equal(checkUrl(`${base}/a"b`), `${base}/a%22b`);
  // curl itself parses a quoted value with an escaped quote and backslash.
  const dir = tempDir();
  const file = join(dir, 'c.conf');
  let got;
  const srv = createServer((req, res) => {
    got = req.headers['x-test'];
    res.end();
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', () => r(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (srv.address()).port;
  writeFileSync(file, `url = ${curlQuote(`http://127.0.0.1:${port}/q`)}\nheader = ${curlQuote('X-Test: a"b\\c')}\n`);
  await sh(`curl -sS -K "${file}"`, process.env);
  srv.close();
  rmSync(dir, { recursive: true, force: true });
  assert.equal(got, 'a"b\\c');
});

test('no --out on a terminal: refused (a bearer token on screen is never what curl -K needs)', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const { f } = keyFile(t, token);
  const { runPty } = await import('../helpers/pty.js');
  const r = await runPty(['request-config'], { home, env: { B3IQ_LOCAL_KEY_FILE: f } });
  assert.equal(r.code, 2, r.screen);
  assert.ok(!r.screen.includes(token));
  assert.match(r.screen, /E_USAGE/);
});
