// A conformance pass over the command contract (docs/contract.md): each case failed on the
// code before its fix. Table-driven on the in-process harness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, initHome, issueKey } from '../harness/index.js';

const env = { B3IQ_KEYCHAIN: 'off' };

/** The one JSON error document on stderr, nothing on stdout. */
function jsonError(r, label) {
  assert.equal(r.stdout, '', `${label}: nothing on stdout`);
  const doc = JSON.parse(r.stderr);
  assert.match(doc.error.code, /^E_[A-Z_]+$/, label);
  return doc.error;
}

/**
 * Scopes are refused with their own codes wherever a scope is given: an unknown one is
 * E_SCOPE_UNKNOWN, a forbidden one (keys:write, owner:recover, wallet:reveal, exec,
 * prompts:read) E_SCOPE_FORBIDDEN with its reason, for local keys as for support grants,
 * and by the verify commands before they read the token.
 */
const SCOPE_CASES = [
  { args: ['keys', 'verify', '--scope', 'bogus'], code: 'E_SCOPE_UNKNOWN' },
  { args: ['keys', 'verify', '--scope', 'keys:write'], code: 'E_SCOPE_FORBIDDEN', why: /manage API keys/ },
  { args: ['support', 'verify', '--scope', 'bogus'], code: 'E_SCOPE_UNKNOWN' },
  { args: ['support', 'verify', '--scope', 'exec'], code: 'E_SCOPE_FORBIDDEN', why: /execute commands/ },
  { args: ['support', 'verify', '--scope', 'inference'], code: 'E_SCOPE_UNKNOWN' },
  { args: ['keys', 'create', '--name', 'x', '--scope', 'keys:write', '--out', '-'], code: 'E_SCOPE_FORBIDDEN', why: /manage API keys/ },
  { args: ['keys', 'create', '--name', 'x', '--scope', 'wallet:reveal', '--out', '-'], code: 'E_SCOPE_FORBIDDEN', why: /wallet/ },
  { args: ['keys', 'create', '--name', 'x', '--scope', 'prompts:read', '--out', '-'], code: 'E_SCOPE_FORBIDDEN', why: /prompts/ },
  { args: ['keys', 'create', '--name', 'x', '--scope', 'owner:recover', '--out', '-'], code: 'E_SCOPE_FORBIDDEN', why: /owner/ },
  { args: ['keys', 'create', '--name', 'x', '--scope', 'diagnostics:read', '--out', '-'], code: 'E_SCOPE_UNKNOWN' },
  { args: ['request-config', '--scope', 'exec', '--out', '-'], code: 'E_SCOPE_FORBIDDEN', why: /execute commands/, token: true },
];

test('scopes: unknown and forbidden ones keep their codes on every command that takes --scope (exit 2)', async (t) => {
  const home = await initHome(t);
  const key = await issueKey(home);
  for (const c of SCOPE_CASES) {
    const label = c.args.join(' ');
    // A pipe that is never written: a verify that read it would wait, not answer at once.
    const r = await run([...c.args, '--json'], { home, env, ...(c.token ? { input: `${key.token}\n` } : { stdin: 'pipe', timeout: 10_000 }) });
    assert.equal(r.code, 2, `${label}: exit ${r.code}\n${r.stderr}`);
    const e = jsonError(r, label);
    assert.equal(e.code, c.code, label);
    if (c.why) assert.match(e.message, c.why, label);
  }
  const list = await run(['keys', 'list', '--json'], { home, env });
  assert.equal(JSON.parse(list.stdout).length, 1, 'nothing was issued');
});

/**
 * `revoke ID…` with an unknown id among known ones: every known id is revoked whatever its
 * place in the list (a typo must not leave a leaked credential live), then the command fails
 * with E_NOT_FOUND (exit 1) naming the revoked ones. Before, ids after the unknown one were
 * silently left live.
 */
const REVOKE_CASES = [
  { kind: 'keys', issue: ['keys', 'create', '--name', 'k', '--out', '-'], unknown: 'lk_AAAAAAAAAAAAA' },
  { kind: 'support', issue: ['support', 'grant', '--out', '-'], unknown: 'sg_AAAAAAAAAAAAA' },
  { kind: 'setup-token', issue: ['setup-token', 'create', '--out', '-'], unknown: 'st_AAAAAAAAAAAAA' },
];

test('revoke ID…: an unknown id fails the command (exit 1) but never spares the known ids after it', async (t) => {
  const home = await initHome(t);
  for (const c of REVOKE_CASES) {
    const issue = async () => JSON.parse((await run([...c.issue, '--json'], { home, env })).stdout).id;
    const [a, b] = [await issue(), await issue()];
    const r = await run([c.kind, 'revoke', a, c.unknown, b, 'not-an-id', '--json'], { home, env });
    assert.equal(r.code, 1, `${c.kind}: ${r.stderr}`);
    const e = jsonError(r, c.kind);
    assert.equal(e.code, 'E_NOT_FOUND');
    assert.match(e.message, new RegExp(c.unknown));
    assert.match(e.message, new RegExp(`revoked: ${a}, ${b}`));
    assert.deepEqual(e.revoked, [a, b]);
    const list = JSON.parse((await run([c.kind, 'list', '--all', '--json'], { home, env })).stdout);
    for (const id of [a, b]) assert.equal(list.find((x) => x.id === id).state, 'revoked', `${c.kind} ${id}`);
    // A single unknown id is unchanged: E_NOT_FOUND, exit 1, nothing else said.
    const one = await run([c.kind, 'revoke', c.unknown, '--json'], { home, env });
    assert.equal(one.code, 1);
    assert.equal(jsonError(one, c.kind).revoked, undefined);
  }
});

test("recover --json has setup's documented shape (owner, createdAt, sessionGeneration) and what a reset adds", async (t) => {
  const home = await initHome(t);
  const pw = { B3IQ_OWNER_PASSWORD: 'lantern orchid basalt 91' };
  const token = async () => JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home, env })).stdout).token;
  const setup = JSON.parse((await run(['setup', '--json'], { home, env: { ...env, ...pw }, input: await token() })).stdout);
  const r = await run(['recover', '--json'], { home, env: { ...env, B3IQ_OWNER_PASSWORD: 'quartz meadow falcon 27' }, input: await token() });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  for (const k of ['owner', 'createdAt', 'sessionGeneration', 'passwordChangedAt']) assert.ok(k in doc, k);
  assert.equal(doc.createdAt, setup.createdAt, 'the owner was created at setup');
  assert.ok(doc.sessionGeneration > setup.sessionGeneration);
});

test('--version with --json prints {"version"} wherever the flags stand; without --json the bare version', async (t) => {
  const home = await initHome(t);
  for (const args of [
    ['--version', '--json'],
    ['--json', '-V'],
    ['--home', home, '--version', '--json'],
    ['keys', 'list', '--version', '--json'],
    ['--json', 'status', '-V'],
  ]) {
    const r = await run(args, { home, env });
    assert.equal(r.code, 0, args.join(' '));
    assert.match(JSON.parse(r.stdout).version, /^\d+\.\d+\.\d+/, args.join(' '));
  }
  const bare = await run(['keys', 'list', '-V'], { home, env });
  assert.match(bare.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('ui --listen: loopback in every spelling is served without TLS ([::1] as in a URL too); anything else needs TLS', async () => {
  const { isLoopback, listenAddress } = await import('../../dist/cli/commands/ui.js');
  for (const a of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.ok(isLoopback(a), a);
  for (const a of ['0.0.0.0', '::', '[::]', '10.0.0.1', '::2', '1::1', 'fe80::1', '::1:1', 'example.com']) assert.ok(!isLoopback(a), a);
  assert.equal(listenAddress('[::1]'), '::1');
  assert.equal(listenAddress('127.0.0.1'), '127.0.0.1');
});

test('help for an unknown command is a usage error (exit 2); --json never puts help text on stderr', async (t) => {
  const home = await initHome(t);
  for (const args of [
    ['help', 'nosuch'],
    ['keys', 'help', 'nosuch'],
    ['help', 'nosuch', '--json'],
  ]) {
    const r = await run(args, { home, env });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /E_USAGE/);
    assert.doesNotMatch(r.stderr, /Usage:/, 'the error, not a screen of help');
  }
  // A group without its subcommand: its help on stderr (exit 0), as gh does; under --json,
  // where stderr carries one JSON document, a usage error instead.
  const bare = await run(['keys'], { home, env });
  assert.equal(bare.code, 0);
  assert.match(bare.stderr, /Usage: b3iq keys/);
  for (const args of [['keys', '--json'], ['--json']]) {
    const r = await run(args, { home, env });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(jsonError(r, args.join(' ')).code, 'E_USAGE');
  }
  const help = await run(['help', 'keys'], { home, env });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: b3iq keys/);
});
