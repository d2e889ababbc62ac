// request-config for support grants, where it may write, and its short-lived child credentials.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, BIN, baseEnv } from '../helpers/cli.js';
import { sh } from '../helpers/shell.js';

let server;
let base;
const seen = [];
before(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    res.end('ok\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(() => server.close());

function secretDir(t) {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function secretFile(dir, name, content) {
  const f = join(dir, name);
  writeFileSync(f, content + '\n', { mode: 0o600 });
  return f;
}

const B3IQ = `"${process.execPath}" "${BIN}"`;
const bearer = (config) => /Bearer (b3iq_[a-z]+_[0-9A-Za-z]+)/.exec(config)[1];

async function grant(home, extra = []) {
  const doc = JSON.parse((await ok(['support', 'grant', '--out', '-', '--json', ...extra], { home })).stdout);
  return { id: doc.id, token: doc.token };
}

test('--kind support: the support token from its usual sources, for /diagnostics/*', async (t) => {
  const home = await initHome(t);
  const dir = secretDir(t);
  const g = await grant(home);
  const f = secretFile(dir, 'support-token', g.token);
  for (const [label, env, args] of /** @type {[string, Record<string, string>, string[]][]} */ ([
    ['--token-file', {}, ['--token-file', f]],
    ['B3IQ_SUPPORT_TOKEN_FILE', { B3IQ_SUPPORT_TOKEN_FILE: f }, []],
    ['B3IQ_SUPPORT_TOKEN', { B3IQ_SUPPORT_TOKEN: g.token }, []],
  ])) {
    const r = await sh(
      `curl -sS -K <(${B3IQ} request-config --kind support ${args.map((a) => `"${a}"`).join(' ')}) "${base}/diagnostics/summary"`,
      baseEnv(home, env),
    );
    assert.equal(r.code, 0, `${label}: ${r.stderr}`);
    assert.equal(seen.at(-1).authorization, `Bearer ${g.token}`, label);
    assert.ok(!r.stderr.includes(g.token));
  }
  const viaStdin = await sh(`curl -sS -K <(${B3IQ} request-config --kind support < "${f}") "${base}/diagnostics/x"`, baseEnv(home));
  assert.equal(viaStdin.code, 0, viaStdin.stderr);
  assert.equal(seen.at(-1).authorization, `Bearer ${g.token}`);
  // A support token without --kind support, or a local key with it: exit 2.
  const wrong = await run(['request-config', '--kind', 'support', '--token-file', secretFile(dir, 'lk', (await issueKey(home)).token)], {
    home,
    stdin: 'pipe',
  });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /E_WRONG_KIND/);
});

test('stdout: a pipe is fine; a file others can read (umask 022) is refused with exit 2; a 0600 file gets a child', async (t) => {
  const home = await initHome(t);
  const dir = secretDir(t);
  const { id, token } = await issueKey(home);
  const f = secretFile(dir, 'key', token);
  const env = baseEnv(home, { B3IQ_LOCAL_KEY_FILE: f });
  const shared = join(dir, 'shared.conf');
  const r = await sh(`umask 022; ${B3IQ} request-config > "${shared}"; echo "exit=$?" >&2`, env);
  assert.match(r.stderr, /exit=2/);
  assert.match(r.stderr, /E_USAGE.*not private to you \(mode 644\)/);
  assert.match(r.stderr, /--out FILE/);
  assert.equal(readFileSync(shared, 'utf8'), '', 'nothing written to it');
  const priv = join(dir, 'private.conf');
  const p = await sh(`umask 077; ${B3IQ} request-config > "${priv}"`, env);
  assert.equal(p.code, 0, p.stderr);
  const config = readFileSync(priv, 'utf8');
  assert.ok(!config.includes(token), 'a file on disk carries a child, not the key');
  const show = JSON.parse((await ok(['keys', 'show', id, '--json'], { home })).stdout);
  assert.equal(show.children.length, 1);
  assert.equal(show.children[0].parentId, id);
  // /dev/null and a FIFO are fine.
  assert.equal((await sh(`${B3IQ} request-config > /dev/null`, env)).code, 0);
  const fifo = join(dir, 'fifo');
  const m = await sh(`mkfifo "${fifo}" && (cat "${fifo}" > "${dir}/from-fifo" &) && ${B3IQ} request-config > "${fifo}" && wait`, env);
  assert.equal(m.code, 0, m.stderr);
});

test('--ttl: a child credential in the config: narrower scopes, expires, revoked with its parent, cannot mint children', async (t) => {
  const home = await initHome(t);
  const dir = secretDir(t);
  const { id, token } = await issueKey(home, ['--scope', 'inference', '--scope', 'models:read']);
  const f = secretFile(dir, 'key', token);
  const env = { B3IQ_LOCAL_KEY_FILE: f };
  const r = await ok(['request-config', '--ttl', '5m', '--scope', 'models:read', '--json'], { home, env, stdin: 'pipe' });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.keyId, id);
  assert.deepEqual(doc.child.scopes, ['models:read']);
  const left = Date.parse(doc.child.expiresAt) - Date.now();
  assert.ok(left > 4 * 60_000 && left <= 5 * 60_000 + 5_000, `expires in ~5m (${left} ms)`);
  const child = bearer(doc.config);
  assert.notEqual(child, token);
  // Only inside the config: not in stderr, not in keys show, not on disk in the records.
  assert.ok(!r.stderr.includes(child));
  const show = await ok(['keys', 'show', id], { home });
  assert.match(show.stdout, new RegExp(`children.*\\n  ${doc.child.id}  live`));
  assert.ok(!show.stdout.includes(child));
  for (const name of ['credentials.json', 'audit.log']) if (existsSync(join(home, name))) assert.ok(!readFileSync(join(home, name), 'utf8').includes(child));
  // Not in the plain list: shown under its parent.
  assert.deepEqual(
    JSON.parse((await ok(['keys', 'list', '--json'], { home })).stdout).map((k) => k.id),
    [id],
  );
  const childFile = secretFile(dir, 'child', child);
  const verify = (file, extra = []) => run(['keys', 'verify', '--key-file', file, '--json', ...extra], { home });
  assert.equal(JSON.parse((await verify(childFile)).stdout).valid, true);
  const narrow = await verify(childFile, ['--scope', 'inference']);
  assert.deepEqual(JSON.parse(narrow.stdout), { valid: false, reason: 'scope', missing: 'inference' });
  // More than the parent: exit 2, nothing minted.
  const more = await run(['request-config', '--ttl', '5m', '--scope', 'usage:read'], { home, env, stdin: 'pipe' });
  assert.equal(more.code, 2, more.stderr);
  assert.match(more.stderr, /E_SCOPE_FORBIDDEN/);
  // A child cannot mint a child.
  const grand = await run(['request-config', '--ttl', '1m'], { home, env: { B3IQ_LOCAL_KEY_FILE: childFile }, stdin: 'pipe' });
  assert.equal(grand.code, 2, grand.stderr);
  assert.match(grand.stderr, /cannot mint another/);
  // Revoking the parent revokes the child.
  const rv = await ok(['keys', 'revoke', id], { home });
  assert.match(rv.stderr, new RegExp(`with its short-lived child ${doc.child.id}`));
  assert.deepEqual(JSON.parse((await verify(childFile)).stdout), { valid: false, reason: 'revoked' });
});

test('a child never outlives its parent; a support grant child stays within the grant', async (t) => {
  const home = await initHome(t);
  const dir = secretDir(t);
  const g = await grant(home, ['--ttl', '2m', '--scope', 'diagnostics:read', '--scope', 'logs:read']);
  const f = secretFile(dir, 'g', g.token);
  const r = JSON.parse(
    (await ok(['request-config', '--kind', 'support', '--token-file', f, '--ttl', '1h', '--scope', 'logs:read', '--json'], { home, stdin: 'pipe' })).stdout,
  );
  const parent = JSON.parse((await ok(['support', 'list', '--json'], { home })).stdout).find((x) => x.id === g.id);
  assert.equal(r.child.expiresAt, parent.expiresAt, 'clamped to the parent expiry');
  const cf = secretFile(dir, 'c', bearer(r.config));
  assert.equal(JSON.parse((await run(['support', 'verify', '--token-file', cf, '--json'], { home })).stdout).valid, true);
  await ok(['support', 'revoke', g.id], { home });
  assert.deepEqual(JSON.parse((await run(['support', 'verify', '--token-file', cf, '--json'], { home })).stdout), { valid: false, reason: 'revoked' });
});

test('--out f && curl -K f: the default file TTL is 15m; the script sees b3iq fail', async (t) => {
  const home = await initHome(t);
  const dir = secretDir(t);
  const { token } = await issueKey(home);
  const f = secretFile(dir, 'key', token);
  const out = join(dir, 'req.conf');
  const r = await sh(
    `${B3IQ} request-config --out "${out}" --json > "${dir}/meta" && curl -sS -K "${out}" "${base}/v1/models"`,
    baseEnv(home, { B3IQ_LOCAL_KEY_FILE: f }),
  );
  assert.equal(r.code, 0, r.stderr);
  const meta = JSON.parse(readFileSync(join(dir, 'meta'), 'utf8'));
  const left = Date.parse(meta.child.expiresAt) - Date.now();
  assert.ok(left > 14 * 60_000 && left <= 15 * 60_000 + 5_000, `15m (${left} ms)`);
  const bad = await sh(
    `${B3IQ} request-config --out "${join(dir, 'x.conf')}" && curl -sS -K "${join(dir, 'x.conf')}" "${base}/v1/models"`,
    baseEnv(home, { B3IQ_LOCAL_KEY_FILE: join(dir, 'missing') }),
  );
  assert.notEqual(bad.code, 0, 'curl never ran');
  assert.ok(!existsSync(join(dir, 'x.conf')));
});
