// An attacker with local access against the built binary: support bundles from a home
// holding every kind of credential, backups edited in every way a careless or hostile hand
// would, setup tokens raced and replayed, records with loose modes, foreign owners and
// symlinks, and B3IQ_DEBUG traces fed secrets. Each test names the attack it tries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../dist/index.js';
import { generateToken } from '../../dist/core/tokens.js';
import { ok, run, initHome, issueKey, tempDir, tempHome, BIN, baseEnv } from '../helpers/cli.js';
import { PW, assertNoneIn, bodyOf, errCode } from '../helpers/adversary.js';

const sha = (b) => createHash('sha256').update(b).digest('hex');

/** A home holding every credential kind: keys (one saved to the file keychain), a grant, a spare setup token, an owner with a session, the gateway key. */
async function seededHome(t) {
  const home = await initHome(t);
  const env = { B3IQ_KEYCHAIN: 'auto' };
  const local = (await issueKey(home)).token;
  await ok(['keys', 'create', '--name', 'saved', '--save', 'keychain'], { home, env });
  const support = JSON.parse((await ok(['support', 'grant', '--out', '-', '--json'], { home })).stdout).token;
  const setupUsed = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  const setup = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: setupUsed });
  const gateway = generateToken('gateway');
  await ok(['gateway', 'login'], { home, env: { ...env, B3IQ_GATEWAY_KEY: gateway } });
  const store = await openStore({ home, live: false });
  const login = await store.ownerLogin(PW, { client: 'probe' });
  store.close();
  assert.equal(login.ok, true);
  const cookie = login.cookie.split(';')[0].split('=')[1];
  const secrets = { local, support, setup, setupUsed, gateway, cookie, PW };
  for (const f of fs.readdirSync(join(home, 'keychain'))) {
    const saved = JSON.parse(fs.readFileSync(join(home, 'keychain', f), 'utf8')).secret;
    if (saved !== gateway) secrets.savedKey = saved;
  }
  assert.ok(secrets.savedKey, 'the saved key went to the file keychain');
  for (const [k, v] of Object.entries(secrets)) if (k !== 'PW') secrets[`${k}Body`] = bodyOf(v).slice(0, 24);
  const owner = JSON.parse(fs.readFileSync(join(home, 'owner.json'), 'utf8'));
  secrets.argon2 = owner.passwordHash.split('$').pop();
  const hashes = [...fs.readFileSync(join(home, 'credentials.json'), 'utf8').matchAll(/"hash":"sha256:([0-9a-f]{64})"/g)].map((m) => m[1]);
  hashes.push(JSON.parse(fs.readFileSync(join(home, 'owner-sessions.json'), 'utf8')).sessions[0].hash.slice(7));
  for (const t of [local, support, setup, gateway, secrets.savedKey]) hashes.push(sha(t));
  for (const [i, h] of hashes.entries()) secrets[`hash${i}`] = h;
  return { home, secrets, sessionId: login.session.id };
}

/** Log lines carrying `v` in the framings logs really use. */
function framings(v) {
  return [
    `2026-11-30T09:00:00Z INFO token=${v}`,
    `{"time":"2026-11-30T09:00:00Z","authorization":"Bearer ${v}"}`,
    `GET /v1/chat?api_key=${encodeURIComponent(v)}&x=1 HTTP/1.1`,
    `Cookie: b3iq_session=${v}; theme=dark`,
    `opened http://127.0.0.1:8080/setup#token=${v}`,
    `b64 ${Buffer.from(`Bearer ${v}`).toString('base64')}`,
    `Authorization: Basic ${Buffer.from(`op:${v}`).toString('base64')}`,
    `quoted '${v}' "${v}" (${v}) <${v}>`,
    `B3IQ_LOCAL_KEY=${v}`,
    `curl -H "Authorization: Bearer ${v}" http://localhost:8080/v1/models`,
    `password=${v}`,
    v,
  ];
}

test('attack: read any secret, hash, session, home path or user name out of a support bundle of a fully seeded home', async (t) => {
  const { home, secrets, sessionId } = await seededHome(t);
  const work = tempDir();
  const logs = join(work, 'logs');
  fs.mkdirSync(logs);
  const lines = [];
  for (const [k, v] of Object.entries(secrets)) if (!k.endsWith('Body')) lines.push(...framings(v));
  lines.push(`owner session ${sessionId} home ${home} user /home/opsuser/projects`);
  fs.writeFileSync(join(logs, 'app.log'), `${lines.join('\n')}\n`);
  fs.writeFileSync(join(logs, 'config.yaml'), `gateway_key: ${secrets.gateway}\nowner_password: ${PW}\nsetup_token: ${secrets.setup}\n`);
  fs.writeFileSync(join(logs, '.env'), `B3IQ_GATEWAY_KEY=${secrets.gateway}\nB3IQ_OWNER_PASSWORD=${PW}\n`);
  fs.writeFileSync(join(logs, 'config.json'), JSON.stringify({ gateway: { key: secrets.gateway }, session: secrets.cookie }, null, 2));
  // Planted links: one in the logs folder, two in the home, all to a shadow-like file.
  const shadow = join(work, 'shadow');
  fs.writeFileSync(shadow, 'root:$6$saltsalt$SHADOWHASHVALUEQ9x:19000:0:99999:7:::\n');
  fs.symlinkSync(shadow, join(logs, 'shadow.log'));
  fs.symlinkSync(shadow, join(home, 'planted.log'));
  fs.symlinkSync(work, join(home, 'planted-dir'));
  const out = join(work, 'b.tar.gz');
  const env = { HOME: '/home/opsuser', USER: 'opsuser', LOGNAME: 'opsuser', B3IQ_DEBUG: '1', B3IQ_GATEWAY_KEY: secrets.gateway, B3IQ_OWNER_PASSWORD: PW };
  const r = await ok(['support', 'bundle', '--out', out, '--logs', logs, '--json'], { home, env, cwd: work });
  assert.equal(fs.statSync(out).mode & 0o777, 0o600);
  const x = join(work, 'x');
  fs.mkdirSync(x);
  execFileSync('tar', ['-xzf', out, '-C', x]);
  const listing = execFileSync('tar', ['-tvzf', out], { encoding: 'utf8' });
  for (const l of listing.trim().split('\n')) assert.match(l, /^-rw------- 0\/0 /, `entry mode and owner: ${l}`);
  const parts = [r.stderr];
  const walk = (d) => {
    for (const n of fs.readdirSync(d)) {
      const f = join(d, n);
      parts.push(n);
      if (fs.lstatSync(f).isDirectory()) walk(f);
      else parts.push(fs.readFileSync(f, 'utf8'));
    }
  };
  walk(x);
  const blob = parts.join('\n');
  // The session's public id (os_…) may appear, as key ids do; its cookie value may not. The
  // logs' own temporary folder (a mktemp name under /tmp) is a program's path, kept.
  assertNoneIn(blob, { ...secrets, home, user: 'opsuser', shadow: 'SHADOWHASHVALUE' }, 'bundle');
  const manifest = JSON.parse(fs.readFileSync(join(x, 'manifest.json'), 'utf8'));
  assert.ok(
    manifest.leftOut.some((l) => /symlink/.test(l.reason)),
    'the planted link is listed as left out',
  );
  assert.ok(fs.existsSync(join(x, 'logs')), 'the logs went in');
});

test('attack: swap the home files a bundle reads (audit.log, owner.json) for links to a shadow-like file', async (t) => {
  const home = await initHome(t);
  const shadow = join(tempDir(), 'shadow');
  fs.writeFileSync(shadow, 'SHADOWHASHVALUEQ9x\n');
  fs.renameSync(join(home, 'audit.log'), join(home, 'audit.real'));
  fs.symlinkSync(shadow, join(home, 'audit.log'));
  fs.symlinkSync(shadow, join(home, 'owner.json'));
  const out = join(tempDir(), 'b.tar.gz');
  const r = await ok(['support', 'bundle', '--out', out, '--json'], { home });
  assert.deepEqual(JSON.parse(r.stdout).leftOut, [{ path: 'audit.log', reason: 'became a symlink, not followed' }]);
  const text = execFileSync('tar', ['-xzOf', out], { encoding: 'utf8' });
  assert.ok(!text.includes('SHADOWHASHVALUE'), 'the link was followed');
});

// ---- backups ---------------------------------------------------------------------------

/** A home with an owner, a revoked key, a grant and a journal, and its backup (parsed). */
async function backedUp(t) {
  const home = await initHome(t);
  const tok = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: tok });
  const a = await issueKey(home, [], 'a');
  const b = await issueKey(home, [], 'b');
  await ok(['keys', 'revoke', b.id], { home });
  const g = JSON.parse((await ok(['support', 'grant', '--ttl', '1h', '--out', '-', '--json'], { home })).stdout);
  const file = join(tempDir(), 'home.backup');
  const r = spawnSync('sh', ['-c', `umask 000; exec "${process.execPath}" "${BIN}" backup --out "${file}"`], { env: baseEnv(home) });
  assert.equal(r.status, 0, String(r.stderr));
  return { home, file, doc: JSON.parse(fs.readFileSync(file, 'utf8')), tokens: [a.token, b.token, g.token] };
}

/** Recomputes every file's size and hash and the digest: the edits an informed hand makes. */
function reseal(d) {
  for (const f of d.files) {
    const buf = Buffer.from(f.data, 'base64');
    Object.assign(f, { bytes: buf.length, sha256: sha(buf) });
  }
  d.digest = sha(d.files.map((f) => `${f.name}\n${f.bytes}\n${f.sha256}\n`).join(''));
  return d;
}
const b64 = (s) => Buffer.from(s).toString('base64');
const textOf = (d, name) => Buffer.from(d.files.find((f) => f.name === name).data, 'base64').toString('utf8');
const withFile = (d, name, text) => {
  const f = d.files.find((x) => x.name === name);
  if (f) f.data = b64(text);
  else d.files.push({ name, data: b64(text) });
  return reseal(d);
};

test('attack: read tokens or keychain secrets out of a backup; make it readable to others through the umask', async (t) => {
  const { file, tokens, doc, home } = await backedUp(t);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'umask 000 still gives 0600');
  const raw = fs.readFileSync(file, 'utf8');
  const decoded = doc.files.map((f) => Buffer.from(f.data, 'base64').toString('utf8')).join('\n');
  for (const tok of tokens) for (const where of [raw, decoded]) assert.ok(!where.includes(bodyOf(tok).slice(0, 20)), 'a token in the backup');
  assert.ok(decoded.includes('$argon2id$v=19$m=19456,t=2,p=1$'), 'the owner is kept as its argon2id hash only');
  // Each credential is kept as the documented sha256 of its token (256 random bits: not reversible).
  for (const tok of tokens) assert.ok(decoded.includes(`"hash":"sha256:${sha(tok)}"`), 'sha256 of the token');
  assert.ok(!doc.files.some((f) => f.name.startsWith('keychain')), 'no keychain file');
  assert.ok(fs.existsSync(home));
});

test('attack: restore an edited backup (records, owner, planted files, versions, names, sizes); each is refused with exit 3 and nothing is written', async (t) => {
  const { doc, home } = await backedUp(t);
  // An owner.json from before a password change: the rollback an old leak wants.
  const oldOwner = textOf(doc, 'owner.json');
  await ok(['owner', 'logout-all'], { home });
  const later = join(tempDir(), 'later.backup');
  await ok(['backup', '--out', later], { home });
  const laterDoc = JSON.parse(fs.readFileSync(later, 'utf8'));
  const edits = {
    'a revoked key un-revoked': (d) => withFile(d, 'credentials.json', textOf(d, 'credentials.json').replace(/"revokedAt":"[^"]+"/g, '"revokedAt":null')),
    'a grant given 10 years': (d) =>
      withFile(d, 'credentials.json', textOf(d, 'credentials.json').replace(/("id":"sg_[^"]+"[^}]*"expiresAt":")[^"]+/, '$12036-01-01T00:00:00.000Z')),
    'a grant given keys:write': (d) =>
      withFile(d, 'credentials.json', textOf(d, 'credentials.json').replace('"diagnostics:read"', '"diagnostics:read","keys:write"')),
    'owner.json dropped': (d) => reseal(Object.assign(d, { files: d.files.filter((f) => f.name !== 'owner.json') })),
    'owner.json rolled back': () => withFile(structuredClone(laterDoc), 'owner.json', oldOwner),
    'a gateway key planted in keychain/': (d) =>
      withFile(
        d,
        'keychain/gateway-key.json',
        JSON.stringify({ schemaVersion: 1, account: 'gateway-key', secret: generateToken('gateway'), savedAt: d.createdAt }),
      ),
    'a lock planted': (d) => withFile(d, 'lock', '{"pid":1}'),
    'a temporary file planted': (d) => withFile(d, '.tmp-x', 'x'),
    'a name climbing out': (d) => withFile(d, '../escape', 'x'),
    'an absolute name': (d) => withFile(d, '/tmp/escape', 'x'),
    'schemaVersion 0': (d) => reseal(Object.assign(d, { schemaVersion: 0 })),
    'schemaVersion "1"': (d) => reseal(Object.assign(d, { schemaVersion: '1' })),
    'a size that lies': (d) => Object.assign(d, { files: d.files.map((f, i) => (i === 0 ? { ...f, bytes: 1e15 } : f)) }),
    'the audit log dropped': (d) => reseal(Object.assign(d, { files: d.files.filter((f) => f.name !== 'audit.log') })),
  };
  for (const [label, edit] of Object.entries(edits)) {
    const bad = join(tempDir(), 'bad');
    fs.writeFileSync(bad, JSON.stringify(edit(structuredClone(doc))));
    const target = tempHome(t);
    const r = await run(['restore', bad, '--json'], { home: target });
    assert.equal(r.code, 3, `${label}: ${r.stdout}${r.stderr}`);
    assert.equal(errCode(r), 'E_CORRUPT', label);
    assert.equal(fs.existsSync(target), false, `${label}: something was restored`);
    assert.ok(!fs.existsSync(join(target, '..', 'escape')), label);
  }
  const truncated = join(tempDir(), 'cut');
  fs.writeFileSync(truncated, JSON.stringify(doc).slice(0, 2000));
  assert.equal((await run(['restore', truncated], { home: tempHome(t) })).code, 3, 'truncated');
  const newer = join(tempDir(), 'newer');
  fs.writeFileSync(newer, JSON.stringify({ ...doc, schemaVersion: 2 }));
  const rn = await run(['restore', newer, '--json'], { home: tempHome(t) });
  assert.deepEqual([rn.code, errCode(rn)], [3, 'E_SCHEMA_NEWER']);
  // The untouched backups still restore.
  await ok(['restore', later], { home: tempHome(t) });
});

test('attack: restore over a live home, through a FIFO, or through a symlinked home; the chain holds across a restore', async (t) => {
  const { file, home } = await backedUp(t);
  const before = fs.readFileSync(join(home, 'credentials.json'));
  const r = await run(['restore', file, '--json'], { home });
  assert.deepEqual([r.code, errCode(r)], [2, 'E_USAGE'], 'an existing home needs --force');
  assert.deepEqual(fs.readFileSync(join(home, 'credentials.json')), before);
  const fifo = join(tempDir(), 'fifo');
  execFileSync('mkfifo', [fifo]);
  const rf = await run(['restore', fifo], { home: tempHome(t), timeout: 10_000 });
  assert.equal(rf.code, 2, 'a FIFO is refused, not waited on');
  const real = tempHome(t);
  fs.mkdirSync(real);
  const link = join(tempDir(), 'link');
  fs.symlinkSync(real, link);
  assert.equal((await run(['restore', file], { home: link })).code, 3, 'a symlinked home is refused');
  const f = JSON.parse((await ok(['restore', file, '--force', '--json'], { home })).stdout);
  assert.ok(f.previousHome && fs.existsSync(f.previousHome), 'the old home is moved aside');
  assert.equal(fs.statSync(home).mode & 0o777, 0o700);
  for (const n of fs.readdirSync(home)) assert.equal(fs.statSync(join(home, n)).mode & 0o777, 0o600, n);
  await ok(['audit', '--verify'], { home });
  const last = (await ok(['audit', '--json'], { home })).stdout;
  assert.match(last, /"action": ?"home\.restore"/);
});

test('attack: a cookie signed out after a backup (logout-all) comes back to life when the backup is restored', async (t) => {
  const { file, home } = await backedUpWithSession(t);
  await ok(['owner', 'logout-all'], { home: home.home });
  const check = async () => {
    const store = await openStore({ home: home.home, live: false });
    const v = store.verifyOwnerSession(home.cookie);
    store.close();
    return v.valid;
  };
  assert.equal(await check(), false, 'signed out');
  const r = JSON.parse((await ok(['restore', file, '--force', '--json'], { home: home.home })).stdout);
  assert.equal(await check(), false, 'still signed out after the restore');
  assert.ok(
    r.excluded.some((e) => /owner-sessions\.json/.test(e)),
    'the restore says so',
  );
  assert.equal(fs.existsSync(join(home.home, 'owner-sessions.json')), false);
  await ok(['audit', '--verify'], { home: home.home });
});

test('attack: keys revoked after a backup (a leaked one) come back live when it is restored over the home: the restore names them', async (t) => {
  const home = await initHome(t);
  const leaked = await issueKey(home, [], 'leaked');
  const grant = JSON.parse((await ok(['support', 'grant', '--out', '-', '--json'], { home })).stdout);
  const kept = await issueKey(home, [], 'kept');
  const file = join(tempDir(), 'b');
  await ok(['backup', '--out', file], { home });
  await ok(['keys', 'revoke', leaked.id], { home });
  await ok(['support', 'revoke', grant.id], { home });
  for (const extra of [['--dry-run'], []]) {
    const r = await ok(['restore', file, '--force', '--json', ...extra], { home });
    const [warning] = JSON.parse(r.stderr).warnings;
    assert.match(warning, new RegExp(`b3iq keys revoke ${leaked.id}; b3iq support revoke ${grant.id}$`), extra.join(' '));
    assert.ok(!warning.includes(kept.id));
    assert.equal(Object.hasOwn(JSON.parse(r.stdout), 'revived'), false, 'the JSON document keeps its shape');
  }
});

/** A home with an owner signed in (a cookie), backed up. */
async function backedUpWithSession(t) {
  const home = await initHome(t);
  const tok = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: tok });
  const store = await openStore({ home, live: false });
  const cookie = (await store.ownerLogin(PW, { client: 'thief' })).cookie.split(';')[0];
  store.close();
  const file = join(tempDir(), 'b');
  await ok(['backup', '--out', file], { home });
  return { file, home: { home, cookie } };
}
