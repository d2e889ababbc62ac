// Support bundles end to end: build one from planted canaries, unpack it with the tar
// package, and grep every file (and every entry name) for every canary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, statSync, symlinkSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { hostname } from 'node:os';
import * as tar from 'tar';
import { run, ok, initHome, issueKey, tempDir, readTree } from '../harness/index.js';

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const HOME_DIR = process.env.HOME ?? '/root';

/** A home with live credentials and a logs folder full of canaries beside must-keep values. */
async function fixture(t) {
  const home = await initHome(t);
  const support = JSON.parse((await ok(['support', 'grant', '--out', '-', '--json', '--note', 'ticket 9'], { home })).stdout).token;
  const local = (await issueKey(home, [], 'ci-runner')).token;
  const dir = tempDir('b3iq-bundle-test-');
  const logs = join(dir, 'logs');
  mkdirSync(join(logs, 'nested'), { recursive: true });
  const now = new Date().toISOString();
  const canaries = {
    support,
    local,
    email: 'alice.canary@example.com',
    bearer: 'canaryBearerValue0123456789',
    homePath: `${HOME_DIR}/canary-projects/node-secrets.txt`,
    configPath: join(home, 'credentials.json'),
    ip10: '10.23.45.67',
    ip192: '192.168.77.88',
    password: 'hunter2-canary-pass',
    aws: 'AKIACANARY0123456789',
    cookie: 'sessionid=canaryCookieValue998877',
    outside: 'OUTSIDE-THE-TREE-CANARY',
    binary: 'BINARY-FILE-CANARY',
    unknownType: 'UNKNOWN-TYPE-CANARY',
  };
  const keep = ['node_public_7f3a9c', 'status=ready', 'model=llama-3-8b', 'v0.1.0', now.slice(0, 19)];
  writeFileSync(
    join(logs, 'app.log'),
    [
      `${now} INFO node_public_7f3a9c status=ready model=llama-3-8b version v0.1.0`,
      `${now} INFO peer=${canaries.ip10} client ${canaries.email} token=${support}`,
      `${now} DEBUG Authorization: Bearer ${canaries.bearer}`,
      `${now} DEBUG Cookie: ${canaries.cookie}`,
      `${now} WARN reading ${canaries.homePath} and ${canaries.configPath}`,
      `${now} INFO host ${hostname()} up, LAN ${canaries.ip192}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(logs, 'nested', 'events.jsonl'),
    [
      JSON.stringify({ time: now, level: 'info', msg: 'request', peer: canaries.ip10, node: 'node_public_7f3a9c', status: 'ready' }),
      JSON.stringify({ time: now, level: 'debug', password: canaries.password, aws_access_key_id: canaries.aws, key: local }),
      '',
    ].join('\n'),
  );
  writeFileSync(join(logs, `${canaries.email}.log`), `${now} mail queue for ${canaries.email}\n`);
  writeFileSync(join(logs, 'core.bin'), `${canaries.unknownType} ${support}\n`);
  writeFileSync(join(logs, 'dump.log'), Buffer.concat([Buffer.from(`${canaries.binary} ${local}`), Buffer.from([0, 1, 2, 0xff])]));
  writeFileSync(join(dir, 'outside.log'), `${canaries.outside} ${support}\n`);
  symlinkSync(join(dir, 'outside.log'), join(logs, 'nested', 'link.log'));
  return { home, dir, logs, canaries, keep };
}

async function unpack(file) {
  const out = tempDir('b3iq-unpack-');
  const headers = [];
  await tar.t({
    file,
    onReadEntry: (e) => headers.push({ path: e.path, mode: e.mode, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname, mtime: e.mtime?.getTime() }),
  });
  await tar.x({ file, cwd: out });
  return { out, headers, files: readTree(out) };
}

test('bundle: every canary gone from every file and entry name; manifest, order and modes', async (t) => {
  const { home, dir, logs, canaries, keep } = await fixture(t);
  const out = join(dir, 'b.tar.gz');
  const r = await ok(['support', 'bundle', '--logs', logs, '--out', out, '--json'], { home, cwd: dir });
  const doc = JSON.parse(r.stdout);
  const raw = readFileSync(out);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.equal(doc.path, out);
  assert.equal(doc.sha256, sha256(raw));
  assert.equal(doc.bytes, raw.length);
  const { headers, files } = await unpack(out);

  // Archive layout: manifest first, then sorted; normalised owner, mode and mtime.
  const names = headers.map((h) => h.path);
  assert.equal(names[0], 'manifest.json');
  assert.deepEqual(names.slice(1), [...names.slice(1)].sort());
  for (const h of headers) {
    assert.equal(h.mode & 0o777, 0o600, h.path);
    assert.ok(!h.uid && !h.gid, `no owner in ${h.path}: ${h.uid}:${h.gid}`);
    assert.ok(!h.uname && !h.gname, 'no user or group names');
    assert.equal(h.mtime, headers[0].mtime);
  }
  assert.ok(names.includes('system.json') && names.includes('home.json') && names.includes('audit.log'));

  // The canaries: nowhere in any byte, nor in any entry name, nor in the command's output.
  for (const [what, value] of Object.entries(canaries)) {
    for (const f of files) assert.ok(!f.data.toString('latin1').includes(value), `${what} leaked into ${f.path}`);
    for (const n of names) assert.ok(!n.includes(value), `${what} leaked into the entry name ${n}`);
    assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), `${what} leaked into the output`);
  }
  if (hostname().length >= 2) {
    const hostRe = new RegExp(`(?<![A-Za-z0-9-])${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'i');
    for (const f of files) assert.ok(!hostRe.test(f.data.toString('utf8')), `hostname in ${f.path}`);
  }
  const all = files.map((f) => f.data.toString('utf8')).join('\n');
  for (const k of keep) assert.ok(all.includes(k), `must-keep value ${k} was lost`);

  // One Pseudonymizer across the bundle: the same private IP has the same pseudonym in both files.
  const byName = Object.fromEntries(files.map((f) => [f.path.slice(f.path.indexOf('/', f.path.indexOf('b3iq-unpack-')) + 1), f.data.toString('utf8')]));
  const appLog = Object.entries(byName).find(([n]) => n.endsWith('/app.log'))[1];
  const events = Object.entries(byName).find(([n]) => n.endsWith('/events.jsonl'))[1];
  const p1 = /peer=\[(ip-\d+)\]/.exec(appLog)?.[1];
  const p2 = /"peer":"\[(ip-\d+)\]"/.exec(events)?.[1];
  assert.ok(p1 && p1 === p2, `consistent pseudonym: ${p1} vs ${p2}`);

  // The manifest: versions, time, every file with its size and sha256, counts, left-outs.
  const manifest = JSON.parse(byName['manifest.json']);
  assert.equal(manifest.schemaVersion, 1);
  assert.equal(manifest.tool.name, 'b3iq-operator');
  assert.match(manifest.tool.version, /^\d+\.\d+\.\d+/);
  assert.ok(!Number.isNaN(Date.parse(manifest.createdAt)));
  assert.deepEqual(manifest.files.map((f) => f.path).sort(), names.slice(1).sort());
  for (const f of manifest.files) {
    const data = Buffer.from(byName[f.path], 'utf8');
    assert.equal(f.bytes, data.length, f.path);
    assert.equal(f.sha256, sha256(data), f.path);
  }
  for (const cat of ['support-grant', 'local-key', 'email', 'ip', 'path', 'authorization']) {
    assert.ok(manifest.redactions[cat] > 0, `redactions.${cat}`);
  }
  assert.deepEqual(doc.redactions, manifest.redactions);
  assert.deepEqual(
    doc.files.map((f) => f.path),
    names,
  );
  const reasons = manifest.leftOut.map((l) => l.reason).join('\n');
  assert.match(reasons, /symlink leading out of the given folder, not followed/);
  assert.match(reasons, /not an allow-listed text type \(\.bin\)/);
  assert.match(reasons, /binary content \(NUL bytes\)|not valid UTF-8/);
  // The home summary: counts and ids, never tokens or hashes.
  const summary = JSON.parse(byName['home.json']);
  assert.equal(summary.counts.support.live, 1);
  assert.equal(summary.counts.local.live, 1);
  assert.ok(!/sha256:[0-9a-f]{64}/.test(byName['home.json']));
  assert.ok(!('hash' in summary.credentials[0]));
  // The system facts: hostname pseudonymised.
  const facts = JSON.parse(byName['system.json']);
  assert.match(facts.hostname, /^\[host-\d+\]$/);
  assert.equal(facts.node.version, process.version);
});

test('bundle: human output quotes the sha256; default name in the cwd; --out never overwrites or follows a symlink', async (t) => {
  const { home, dir } = await fixture(t);
  const cwd = join(dir, 'work');
  mkdirSync(cwd);
  const r = await ok(['support', 'bundle'], { home, cwd });
  const made = readdirSync(cwd);
  assert.equal(made.length, 1);
  assert.match(made[0], /^b3iq-support-\d{8}T\d{6}Z\.tar\.gz$/);
  const file = join(cwd, made[0]);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(r.stdout.trim(), `${sha256(readFileSync(file))}  ${file}`);

  const existing = join(dir, 'existing.tar.gz');
  writeFileSync(existing, 'keep me');
  const again = await run(['support', 'bundle', '--out', existing], { home, cwd });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /E_OUT_EXISTS/);
  assert.equal(readFileSync(existing, 'utf8'), 'keep me');
  symlinkSync(join(dir, 'target'), join(dir, 'link.tar.gz'));
  const link = await run(['support', 'bundle', '--out', join(dir, 'link.tar.gz')], { home, cwd });
  assert.equal(link.code, 2);
  assert.match(link.stderr, /E_OUT_SYMLINK/);
  assert.equal(existsSync(join(dir, 'target')), false);
  // a missing --logs path is a usage error, and leaves no partial bundle behind
  const missing = await run(['support', 'bundle', '--logs', join(dir, 'nope'), '--out', join(dir, 'n.tar.gz')], { home, cwd });
  assert.equal(missing.code, 2);
  assert.equal(existsSync(join(dir, 'n.tar.gz')), false);
});

test('bundle --dry-run: prints the manifest and what would be included, writes nothing', async (t) => {
  const { home, dir, logs, canaries } = await fixture(t);
  const before = readdirSync(dir).sort();
  const human = await ok(['support', 'bundle', '--logs', logs, '--dry-run'], { home, cwd: dir });
  const manifest = JSON.parse(human.stdout);
  assert.ok(manifest.files.some((f) => f.path.endsWith('/app.log')));
  assert.match(human.stderr, /nothing written/i);
  assert.match(human.stderr, /left out/);
  const json = await ok(['support', 'bundle', '--logs', logs, '--dry-run', '--json', '--out', join(dir, 'x.tar.gz')], { home, cwd: dir });
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.path, null);
  assert.equal(doc.dryRun, true);
  assert.ok(doc.files.length >= 4);
  assert.ok(doc.redactions['support-grant'] > 0);
  assert.deepEqual(readdirSync(dir).sort(), before, 'nothing written');
  for (const v of Object.values(canaries)) assert.ok(!human.stdout.includes(v) && !json.stdout.includes(v));
});

test('bundle --since: old stamped lines dropped, unstamped lines follow the line before', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  const old = '2001-02-03T04:05:06Z';
  const recent = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(
    join(dir, 'mixed.log'),
    [
      `${old} OLD-LINE-1`,
      '  OLD-CONTINUATION',
      `${recent} NEW-LINE-1`,
      '  NEW-CONTINUATION',
      JSON.stringify({ ts: Date.parse(old), msg: 'OLD-JSON' }),
      JSON.stringify({ timestamp: recent, msg: 'NEW-JSON' }),
      `[2001-02-03 04:05:06,123] OLD-BRACKETED`,
      '',
    ].join('\n'),
  );
  const out = join(dir, 's.tar.gz');
  await ok(['support', 'bundle', '--logs', join(dir, 'mixed.log'), '--since', '1h', '--out', out], { home, cwd: dir });
  const { files } = await unpack(out);
  const log = files.find((f) => f.path.endsWith('mixed.log')).data.toString('utf8');
  for (const s of ['NEW-LINE-1', 'NEW-CONTINUATION', 'NEW-JSON']) assert.ok(log.includes(s), s);
  for (const s of ['OLD-LINE-1', 'OLD-CONTINUATION', 'OLD-JSON', 'OLD-BRACKETED']) assert.ok(!log.includes(s), s);
  const manifest = JSON.parse(files.find((f) => f.path.endsWith('manifest.json')).data.toString('utf8'));
  assert.equal(manifest.files.find((f) => f.path.endsWith('mixed.log')).linesOmittedBySince, 4);
  const bad = await run(['support', 'bundle', '--since', 'yesterday', '--dry-run'], { home, cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_DURATION/);
});

test('bundle: an uninitialised home still gives a bundle (the summary says so)', async (t) => {
  const dir = tempDir();
  const home = join(dir, 'never-initialised');
  const r = await ok(['support', 'bundle', '--dry-run', '--json'], { home, cwd: dir });
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.files.some((f) => f.path === 'home.json'));
  assert.equal(existsSync(home), false, 'a bundle creates no home');
});

test('bundle: the redaction fixture corpus as --logs, every canary gone from the archive', async (t) => {
  const { ROOT } = await import('../harness/index.js');
  const corpus = join(ROOT, 'test', 'fixtures', 'redact');
  const canaries = JSON.parse(readFileSync(join(corpus, 'canaries.json'), 'utf8'));
  const dir = tempDir();
  // The corpus files only (not the canary and must-keep lists, which hold the values in clear).
  const logs = join(dir, 'corpus');
  mkdirSync(logs);
  const { copyFileSync } = await import('node:fs');
  for (const f of new Set(canaries.map((c) => c.file))) copyFileSync(join(corpus, f), join(logs, f));
  const out = join(dir, 'corpus.tar.gz');
  // The corpus is written for an operator whose home is /home/margot.
  await ok(['support', 'bundle', '--logs', logs, '--out', out], { home: '/home/margot/.config/b3iq', env: { HOME: '/home/margot' }, cwd: dir });
  const { files } = await unpack(out);
  const text = files.map((f) => f.data.toString('latin1')).join('\n');
  const missed = canaries.filter((c) => text.includes(c.value));
  assert.deepEqual(
    missed.map((c) => `${c.file}: ${c.category}`),
    [],
  );
  const manifest = JSON.parse(files.find((f) => f.path.endsWith('manifest.json')).data.toString('utf8'));
  assert.ok(manifest.files.some((f) => f.path.endsWith('/app.jsonl')));
  assert.ok(
    manifest.leftOut.some((l) => /bash_history/.test(l.path) && /allow-listed/.test(l.reason)),
    'shell history without an extension is left out',
  );
});

test('the config home is never copied into a bundle, whatever --logs names: no record, hash or key file', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home);
  await run(['gateway', 'login'], { home, env: { B3IQ_KEYCHAIN: 'off' }, input: (await import('../../dist/core/tokens.js')).generateToken('gateway') });
  const { hash } = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials[0];
  const parent = join(home, '..');
  writeFileSync(join(parent, 'app.log'), 'INFO started\n');
  for (const logs of [home, parent, join(home, 'credentials.json')]) {
    const out = join(tempDir(), 'b.tar.gz');
    const r = await ok(['support', 'bundle', '--logs', logs, '--out', out, '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
    const doc = JSON.parse(r.stdout);
    // unpack() gives { out, headers, files: [{ path, data }] }: look into every file's bytes.
    const { out: unpacked, files } = await unpack(out);
    const all = files.map((f) => f.data.toString('utf8')).join('\n');
    assert.ok(files.length > 0, 'the archive has files');
    assert.ok(!all.includes(hash.slice(7)), `token hash in the bundle (--logs ${logs})`);
    assert.ok(!all.includes(k.token));
    assert.doesNotMatch(files.map((f) => f.path.slice(unpacked.length)).join(' '), /credentials\.json|owner\.json|keychain|node\.json/);
    const manifest = files.find((f) => f.path.endsWith('manifest.json'))?.data.toString('utf8') ?? '';
    assert.ok(JSON.stringify(doc).includes('config home') || manifest.includes('config home'), 'listed as left out');
  }
});

test('Ctrl-C mid-bundle removes the partial archive and the staging folder', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const log = join(dir, 'big.log');
  const line = '2026-11-29T00:00:00Z INFO request ok user=alice@example.com ip=10.0.0.5 path=/v1/chat\n';
  writeFileSync(log, line.repeat(Math.ceil((60 * 1024 * 1024) / line.length)));
  const out = join(dir, 'b.tar.gz');
  const { spawn } = await import('node:child_process');
  const { BIN, baseEnv } = await import('../harness/index.js');
  const child = spawn(process.execPath, [BIN, 'support', 'bundle', '--logs', log, '--out', out], { env: baseEnv(home, { TMPDIR: tmp }), stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500));
  const staged = readdirSync(tmp).length;
  child.kill('SIGINT');
  const [code, signal] = await new Promise((r) => child.on('close', (c, s) => r([c, s])));
  if (code === 0) return t.skip('the bundle finished before the signal');
  assert.equal(signal ?? code, signal ? 'SIGINT' : 130);
  assert.ok(staged > 0, 'the staging folder existed while it ran');
  assert.equal(existsSync(out), false, 'the partial archive is removed');
  assert.deepEqual(readdirSync(tmp), [], 'the staging folder is removed');
});
