// A second conformance pass over the command contract (docs/contract.md), aimed at the
// commands added last (setup-token list/revoke, keys forget, owner sessions, ui, backup and
// restore, request-config --kind support and --ttl, enroll) and at the rules every command
// shares: exit codes, one JSON document per stream under --json, errors of one or two lines
// that say what to do, no hang without input, no secret from argv, the environment, the
// help text and the library's face. Table-driven on the in-process harness; what needs a
// process of its own (stdin pipes, CI, commander's defaults) is spawned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir, tempHome } from '../harness/index.js';
import * as spawned from '../helpers/cli.js';
import { homeWithOwner, secretFile } from '../helpers/owner-home.js';

const env = { B3IQ_KEYCHAIN: 'off' };
const PW = 'lantern orchid basalt 91';

/** The one JSON error document on stderr, nothing on stdout; returns its `error`. */
function jsonError(r, label) {
  assert.equal(r.stdout, '', `${label}: nothing on stdout`);
  const doc = JSON.parse(r.stderr);
  assert.match(doc.error.code, /^E_[A-Z_]+$/, label);
  assert.equal(typeof doc.error.message, 'string', label);
  return doc.error;
}

/** A human error: one or two lines, the first naming the code, never a stack. */
function humanError(r, code, label) {
  const lines = r.stderr.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('error ['));
  assert.ok(at !== -1, `${label}: an error line\n${r.stderr}`);
  assert.ok(lines.length - at <= 2, `${label}: one or two lines\n${r.stderr}`);
  assert.match(lines[at], new RegExp(`\\[${code}\\]`), label);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `${label}: no stack trace`);
  return lines.slice(at);
}

// Every command (leaf) of the contract with the flags its --help must list.
const COMMANDS = {
  init: [],
  status: [],
  'setup-token create': ['--ttl', '--url', '--out'],
  'setup-token list': ['--all'],
  'setup-token revoke': ['--all'],
  setup: ['--token-file', '--password-file'],
  recover: ['--token-file', '--password-file'],
  'owner passwd': ['--current-password-file', '--password-file'],
  'owner logout-all': [],
  'owner sessions': [],
  'owner sessions revoke': ['--all'],
  'keys create': ['--name', '--scope', '--expires', '--dev', '--out', '--save'],
  'keys list': ['--all'],
  'keys show': [],
  'keys revoke': ['--reason'],
  'keys rotate': ['--grace', '--out'],
  'keys verify': ['--scope', '--key-file'],
  'keys forget': [],
  'support grant': ['--ttl', '--scope', '--note', '--out'],
  'support list': ['--all'],
  'support revoke': ['--all'],
  'support verify': ['--scope', '--token-file'],
  'support bundle': ['--out', '--logs', '--since', '--dry-run'],
  redact: [],
  'public check': [],
  'gateway login': ['--key-file'],
  'gateway status': [],
  'gateway logout': [],
  'enroll status': [],
  'enroll join': ['--yes'],
  'enroll leave': ['--all'],
  'request-config': ['--key', '--key-file', '--kind', '--token-file', '--ttl', '--scope', '--url', '--out'],
  scan: ['--history', '--revoke'],
  doctor: ['--production', '--confirm-rotated'],
  audit: ['--verify'],
  backup: ['--out'],
  restore: ['--dry-run', '--force'],
  ui: ['--port', '--listen', '--tls-cert', '--tls-key'],
  completion: [],
};
const GLOBAL_FLAGS = ['--home', '--json', '--no-color', '-q, --quiet', '-V, --version', '-h, --help'];

test('--help of every command lists the flags the contract names, and the global flags (exit 0, stdout)', async () => {
  for (const [cmd, flags] of Object.entries(COMMANDS)) {
    const r = await run([...cmd.split(' '), '--help']);
    assert.equal(r.code, 0, cmd);
    assert.equal(r.stderr, '', cmd);
    assert.match(r.stdout, new RegExp(`^Usage: b3iq ${cmd} `), cmd);
    for (const f of [...flags, ...GLOBAL_FLAGS]) assert.ok(new RegExp(`(^|[\\s,])${f}\\b`).test(r.stdout), `${cmd} --help lists ${f}`);
  }
});

/**
 * `b3iq help COMMAND` prints that command's help, however many words COMMAND has, at any
 * level (`b3iq keys help create`), with or without --json, exactly as `COMMAND --help` does.
 * Before, `b3iq help keys create` printed the keys group's help, and with --json printed it
 * on stdout and then failed (exit 2) with an E_USAGE document on stderr.
 */
test('help COMMAND…: the help of that command on stdout, exit 0 (--json too); an unknown word exit 2, nothing on stdout', async () => {
  for (const args of [
    ['help', 'keys', 'create'],
    ['help', 'owner', 'sessions', 'revoke'],
    ['keys', 'help', 'create'],
    ['owner', 'help', 'sessions', 'revoke'],
    ['owner', 'sessions', 'help', 'revoke'],
    ['help', 'keys', 'create', '--json'],
    ['help', 'request-config', '--json'],
    ['--home', '/nonexistent', 'help', 'keys', 'list'],
  ]) {
    const r = await run(args);
    const cmd = args.filter((a) => !a.startsWith('-') && a !== 'help' && a !== '/nonexistent').join(' ');
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, (await run([...cmd.split(' '), '--help'])).stdout, args.join(' '));
    assert.equal(r.stderr, '', args.join(' '));
  }
  for (const [args, at, level] of /** @type {Array<[string[], number, string]>} */ ([
    [['help', 'keys', 'nosuch', '--json'], 3, 'keys '],
    [['help', 'owner', 'sessions', 'nosuch', '--json'], 4, 'owner sessions '],
    [['keys', 'help', 'nosuch', '--json'], 3, 'keys '],
  ])) {
    const r = await run(args);
    assert.equal(r.code, 2, args.join(' '));
    const e = jsonError(r, args.join(' '));
    assert.equal(e.code, 'E_USAGE');
    assert.equal(e.message, `Argument ${at} is not a b3iq command`);
    assert.equal(e.hint, `See: b3iq ${level}--help`);
  }
  // Below a command that takes arguments, `help` is one of them (a file named help).
  const dir = tempDir();
  writeFileSync(join(dir, 'help'), 'plain text\n');
  const r = await run(['redact', 'help'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'plain text\n');
});

/**
 * An unknown flag on every command, however deep (`owner sessions revoke` is three levels):
 * exit 2, E_USAGE as one JSON document, the flag never echoed, the hint naming the command's
 * own help. Before, a third-level command fell through to commander's defaults: its raw
 * "error: unknown option '--…'" (the text echoed), exit 1, and process.exit().
 */
test('an unknown flag on any command, at any depth: exit 2, one JSON E_USAGE, never echoed (spawned)', async (t) => {
  const home = await spawned.initHome(t);
  const flag = '--zq7k3unknownflag';
  await Promise.all(
    Object.keys(COMMANDS).map(async (cmd) => {
      const r = await spawned.run([...cmd.split(' '), flag, '--json'], { home, env });
      assert.equal(r.code, 2, `${cmd}: ${r.stderr}`);
      const e = jsonError(r, cmd);
      assert.equal(e.code, 'E_USAGE', cmd);
      assert.ok(!r.stderr.includes('zq7k3'), `${cmd}: the flag is not echoed`);
      assert.equal(e.hint, `See: b3iq ${cmd} --help`, cmd);
      const human = await spawned.run([...cmd.split(' '), flag], { home, env });
      assert.equal(human.code, 2, cmd);
      humanError(human, 'E_USAGE', cmd);
    }),
  );
});

// Commands that need an initialised home, run against one that does not exist.
const NEEDS_HOME = [
  'status',
  'setup-token create --out -',
  'setup-token list',
  'setup-token revoke --all',
  'owner logout-all',
  'owner sessions',
  'owner sessions revoke --all',
  'keys create --name x --out -',
  'keys list',
  'keys show lk_AAAAAAAAAAAAA',
  'keys revoke lk_AAAAAAAAAAAAA',
  'keys rotate lk_AAAAAAAAAAAAA --out -',
  'keys forget lk_AAAAAAAAAAAAA',
  'support grant --out -',
  'support list',
  'support revoke --all',
  'gateway status',
  'gateway logout',
  'enroll status',
  'enroll join managed --yes',
  'enroll leave --all',
  'audit',
  'audit --verify',
  `backup --out ${join(tempDir(), 'b.json')}`,
];

test('without a home, every command that needs one: exit 3, E_NOT_INITIALISED, the fix (b3iq init)', async (t) => {
  const home = tempHome(t);
  for (const cmd of NEEDS_HOME) {
    const r = await run([...cmd.split(' '), '--json'], { home, env });
    assert.equal(r.code, 3, `${cmd}: ${r.stderr}`);
    const e = jsonError(r, cmd);
    assert.equal(e.code, 'E_NOT_INITIALISED', cmd);
    assert.match(e.hint, /b3iq init/, cmd);
    const human = await run(cmd.split(' '), { home, env });
    assert.deepEqual(humanError(human, 'E_NOT_INITIALISED', cmd).length, 2, cmd);
    assert.equal(human.stdout, '', cmd);
  }
  assert.ok(!existsSync(home), 'nothing created the home');
});

/** The credential shape scripts rely on (a `list` row, a `revoke` row). */
const CREDENTIAL_KEYS = ['id', 'kind', 'name', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'state'];
function assertCredential(doc, kind, state, label) {
  for (const k of CREDENTIAL_KEYS) assert.ok(k in doc, `${label}: ${k}`);
  assert.equal(doc.kind, kind, label);
  assert.equal(doc.state, state, label);
  assert.ok(!('token' in doc) && !JSON.stringify(doc).includes('sha256'), `${label}: never the token or its hash`);
}

test('setup-token list/revoke: shapes, --all, ids or --all (exit 2), unknown id exit 1, a revoked token refused by setup (exit 1)', async (t) => {
  const home = await initHome(t);
  const issue = async () => JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home, env })).stdout);
  const [a, b] = [await issue(), await issue()];
  const list = JSON.parse((await run(['setup-token', 'list', '--json'], { home, env })).stdout);
  assert.equal(list.length, 2);
  for (const row of list) assertCredential(row, 'setup', 'live', 'setup-token list');
  const one = await run(['setup-token', 'revoke', a.id, '--json'], { home, env });
  assert.equal(one.code, 0, one.stderr);
  assertCredential(JSON.parse(one.stdout)[0], 'setup', 'revoked', 'revoke ID');
  const again = await run(['setup-token', 'revoke', a.id, '--json'], { home, env });
  assert.equal(again.code, 0, 'revoking a revoked token is not an error');
  assert.deepEqual(
    JSON.parse((await run(['setup-token', 'list', '--json'], { home, env })).stdout).map((x) => x.id),
    [b.id],
  );
  assert.equal(JSON.parse((await run(['setup-token', 'list', '--all', '--json'], { home, env })).stdout).length, 2);
  for (const [args, code, ecode] of /** @type {Array<[string[], number, string]>} */ ([
    [['setup-token', 'revoke'], 2, 'E_USAGE'],
    [['setup-token', 'revoke', b.id, '--all'], 2, 'E_USAGE'],
    [['setup-token', 'revoke', 'st_AAAAAAAAAAAAA'], 1, 'E_NOT_FOUND'],
    [['setup-token', 'revoke', 'lk_AAAAAAAAAAAAA'], 1, 'E_NOT_FOUND'],
  ])) {
    const r = await run([...args, '--json'], { home, env });
    assert.equal(r.code, code, args.join(' '));
    assert.equal(jsonError(r, args.join(' ')).code, ecode, args.join(' '));
  }
  const refused = await run(['setup', '--json'], { home, env: { ...env, B3IQ_OWNER_PASSWORD: PW }, input: a.token });
  assert.equal(refused.code, 1);
  assert.equal(jsonError(refused, 'setup').code, 'E_INVALID_TOKEN');
  const all = await run(['setup-token', 'revoke', '--all', '--json'], { home, env });
  assert.equal(all.code, 0);
  assert.deepEqual(
    JSON.parse(all.stdout).map((x) => x.id),
    [b.id],
  );
  assert.deepEqual(JSON.parse((await run(['setup-token', 'list', '--json'], { home, env })).stdout), []);
});

test('keys forget ID: removes the saved copy only (the key stays live); again is no error; unknown id exit 1; no id exit 2', async (t) => {
  const home = await initHome(t);
  const saved = JSON.parse((await run(['keys', 'create', '--name', 's', '--save', 'keychain', '--json'], { home, env })).stdout);
  assert.ok(!('token' in saved), '--save prints no token');
  const file = join(home, 'keychain', `local-key.${saved.id}.json`);
  assert.ok(existsSync(file), 'the fallback copy exists');
  const r = await run(['keys', 'forget', saved.id, '--json'], { home, env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(file), 'the copy is gone');
  assert.ok(!r.stdout.includes('b3iq_local_'), 'never the token');
  const show = JSON.parse((await run(['keys', 'show', saved.id, '--json'], { home, env })).stdout);
  assert.equal(show.state, 'live', 'forget does not revoke');
  assert.equal((await run(['keys', 'forget', saved.id, '--json'], { home, env })).code, 0, 'nothing left to forget: not an error');
  for (const [args, code, ecode] of /** @type {Array<[string[], number, string]>} */ ([
    [['keys', 'forget', 'lk_AAAAAAAAAAAAA'], 1, 'E_NOT_FOUND'],
    [['keys', 'forget', 'sg_AAAAAAAAAAAAA'], 1, 'E_NOT_FOUND'],
    [['keys', 'forget'], 2, 'E_USAGE'],
  ])) {
    const j = await run([...args, '--json'], { home, env });
    assert.equal(j.code, code, args.join(' '));
    assert.equal(jsonError(j, args.join(' ')).code, ecode);
    humanError(await run(args, { home, env }), ecode, args.join(' '));
  }
});

test('a saved copy goes when its key ends: after a rotation grace, the next keys list --json (spawned, the fast path) removes it', async (t) => {
  const home = await spawned.initHome(t);
  const saved = JSON.parse((await spawned.ok(['keys', 'create', '--name', 's', '--save', 'keychain', '--json'], { home, env })).stdout);
  const file = join(home, 'keychain', `local-key.${saved.id}.json`);
  await spawned.ok(['keys', 'rotate', saved.id, '--grace', '1s', '--out', join(tempDir(), 'next')], { home, env });
  assert.ok(existsSync(file), 'kept while the grace lasts');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const r = await spawned.ok(['keys', 'list', '--json'], { home, env });
  assert.equal(JSON.parse(r.stdout).length, 1, 'the successor');
  assert.ok(!existsSync(file), "the old key's copy is gone");
  assert.notEqual(JSON.parse((await spawned.ok(['keys', 'show', saved.id, '--json'], { home, env })).stdout).savedCopy, true);
});

test('owner sessions: [] and a people line when none; revoke needs ids or --all (exit 2); without an owner exit 1 E_NO_OWNER', async (t) => {
  const bare = await initHome(t);
  const none = await run(['owner', 'sessions', '--json'], { home: bare, env });
  assert.equal(none.code, 0);
  assert.deepEqual(JSON.parse(none.stdout), []);
  const human = await run(['owner', 'sessions'], { home: bare, env });
  assert.equal(human.code, 0);
  assert.equal(human.stdout, '', 'no data: nothing on stdout');
  assert.match(human.stderr, /No owner sessions/);
  for (const args of [
    ['owner', 'sessions', 'revoke', '--all'],
    ['owner', 'logout-all'],
  ]) {
    const r = await run([...args, '--json'], { home: bare, env });
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(jsonError(r, args.join(' ')).code, 'E_NO_OWNER');
  }
  const home = await homeWithOwner({ ok: spawnless, initHome }, t, PW);
  for (const [args, code, ecode] of /** @type {Array<[string[], number, string]>} */ ([
    [['owner', 'sessions', 'revoke'], 2, 'E_USAGE'],
    [['owner', 'sessions', 'revoke', 'os_AAAAAAAAAAAAA', '--all'], 2, 'E_USAGE'],
    [['owner', 'sessions', 'revoke', 'os_AAAAAAAAAAAAA'], 1, 'E_NOT_FOUND'],
  ])) {
    const r = await run([...args, '--json'], { home, env });
    assert.equal(r.code, code, args.join(' '));
    assert.equal(jsonError(r, args.join(' ')).code, ecode);
  }
  const all = await run(['owner', 'sessions', 'revoke', '--all', '--json'], { home, env });
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(Object.keys(JSON.parse(all.stdout)).sort(), ['sessionGeneration', 'sessionsInvalidatedAt']);
});

/** The harness's run() that asserts the exit code (homeWithOwner's driver). */
async function spawnless(args, opts = {}, expected = 0) {
  const r = await run(args, { ...opts, env: { ...env, ...opts.env } });
  assert.equal(r.code, expected, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

test('backup --out FILE / restore FILE: 0600, shapes, refusals with their codes, --dry-run changes nothing', async (t) => {
  const home = await initHome(t);
  await issueKey(home);
  const dir = tempDir();
  const file = join(dir, 'home.backup');
  const b = await run(['backup', '--out', file, '--json'], { home, env });
  assert.equal(b.code, 0, b.stderr);
  const doc = JSON.parse(b.stdout);
  for (const k of ['file', 'createdAt', 'files', 'excluded', 'digest']) assert.ok(k in doc, `backup: ${k}`);
  assert.match(doc.excluded.join(' '), /keychain/, 'the manifest says keychain secrets are left out');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const target = join(dir, 'restored');
  const dry = await run(['restore', file, '--dry-run', '--json'], { home: target, env });
  assert.equal(dry.code, 0, dry.stderr);
  const dryDoc = JSON.parse(dry.stdout);
  for (const k of ['home', 'nodeId', 'files', 'credentials', 'auditEntries', 'excluded', 'createdAt', 'previousHome', 'restored', 'dryRun'])
    assert.ok(k in dryDoc, `restore: ${k}`);
  assert.equal(dryDoc.dryRun, true);
  assert.ok(!existsSync(target), '--dry-run wrote nothing');
  const damaged = join(dir, 'damaged');
  writeFileSync(damaged, '{"format":"b3iq-home-backup"', { mode: 0o600 });
  for (const [args, opts, code, ecode] of /** @type {Array<[string[], { home: string }, number, string]>} */ ([
    [['backup', '--out', file], { home }, 2, 'E_OUT_EXISTS'],
    [['backup'], { home }, 2, 'E_USAGE'],
    [['restore'], { home: target }, 2, 'E_USAGE'],
    [['restore', file], { home }, 2, 'E_USAGE'],
    [['restore', join(dir, 'absent')], { home: target }, 2, 'E_BAD_INPUT'],
    [['restore', damaged], { home: target }, 3, 'E_CORRUPT'],
    [['restore', file, '--force'], { home: file }, 3, 'E_UNSAFE_PERMISSIONS'],
  ])) {
    const label = args.join(' ');
    const r = await run([...args, '--json'], { ...opts, env });
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    const e = jsonError(r, label);
    assert.equal(e.code, ecode, label);
    assert.ok(e.hint, `${label}: says what to do`);
    humanError(await run(args, { ...opts, env }), ecode, label);
  }
  assert.ok(!existsSync(target), 'a refused restore wrote nothing');
  const r = await run(['restore', file, '--json'], { home: target, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).restored, true);
  assert.equal(JSON.parse((await run(['keys', 'list', '--json'], { home: target, env })).stdout).length, 1);
  const forced = await run(['restore', file, '--force', '--json'], { home, env });
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(existsSync(JSON.parse(forced.stdout).previousHome), '--force moves the old home aside');
});

test('request-config --kind support and --ttl: a child credential, the wrong kind or flag refused (exit 2), bounds on --ttl', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  const grant = JSON.parse((await run(['support', 'grant', '--out', '-', '--json'], { home, env })).stdout);
  const key = await issueKey(home);
  const grantFile = secretFile(`${grant.token}\n`);
  const keyFile = secretFile(`${key.token}\n`);
  const out = (n) => join(dir, `c${n}`);
  const ok = await run(['request-config', '--kind', 'support', '--token-file', grantFile, '--out', out(1), '--json'], { home, env });
  assert.equal(ok.code, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout);
  assert.equal(doc.kind, 'support');
  assert.equal(doc.keyId, grant.id);
  assert.match(doc.child.id, /^sg_/);
  assert.equal(statSync(out(1)).mode & 0o777, 0o600);
  const ttl = Date.parse(doc.child.expiresAt) - Date.now();
  assert.ok(ttl > 10 * 60_000 && ttl <= 15 * 60_000, 'a file gets a 15-minute child by default');
  const short = JSON.parse((await run(['request-config', '--key-file', keyFile, '--ttl', '90s', '--out', out(2), '--json'], { home, env })).stdout);
  assert.ok(Date.parse(short.child.expiresAt) - Date.now() <= 90_000);
  // The child dies with its parent.
  await run(['keys', 'revoke', key.id], { home, env });
  const shown = JSON.parse((await run(['keys', 'show', key.id, '--json'], { home, env })).stdout);
  assert.ok(JSON.stringify(shown).includes(short.child.id), 'keys show PARENT lists the child');
  const key2 = await issueKey(home);
  const key2File = secretFile(`${key2.token}\n`);
  for (const [args, code, ecode] of /** @type {Array<[string[], number, string]>} */ ([
    [['request-config', '--kind', 'support', '--token-file', keyFile, '--out', out(3)], 2, 'E_WRONG_KIND'],
    [['request-config', '--key-file', grantFile, '--out', out(4)], 2, 'E_WRONG_KIND'],
    [['request-config', '--kind', 'support', '--key-file', grantFile, '--out', out(5)], 2, 'E_USAGE'],
    [['request-config', '--kind', 'bogus', '--out', out(6)], 2, 'E_USAGE'],
    [['request-config', '--key-file', key2File, '--ttl', '25h', '--out', out(7)], 2, 'E_DURATION'],
    [['request-config', '--key-file', key2File, '--ttl', 'never', '--out', out(8)], 2, 'E_DURATION'],
    [['request-config', '--key-file', key2File, '--ttl', 'soon', '--out', out(9)], 2, 'E_DURATION'],
    [['request-config', '--key-file', key2File, '--scope', 'models:read', '--out', out(10)], 2, 'E_SCOPE_FORBIDDEN'],
    [['request-config', '--kind', 'support', '--out', out(11)], 2, 'E_NO_INPUT'],
    [['request-config', '--key-file', key2File, '--out', out(1)], 2, 'E_OUT_EXISTS'],
  ])) {
    const label = args.join(' ');
    const r = await run([...args, '--json'], { home, env });
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    const e = jsonError(r, label);
    assert.equal(e.code, ecode, label);
    assert.ok(e.hint, `${label}: says what to do`);
    assert.ok(!r.stderr.includes('b3iq_local_') && !r.stderr.includes('b3iq_support_'), label);
  }
  for (let n = 3; n <= 11; n++) assert.ok(!existsSync(out(n)), `refusal ${n} left no file`);
  // On a pipe with --ttl: the config on stdout, one plain sentence about the child on stderr.
  const piped = await run(['request-config', '--ttl', '5m'], { home, env, input: key2.token });
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /^header = "Authorization: Bearer b3iq_local_/m);
  assert.match(piped.stderr, /^The config carries a short-lived credential lk_\w+ \(child of /);
  assert.equal(JSON.parse((await run(['keys', 'show', key2.id, '--json'], { home, env })).stdout).state, 'live');
});
