// docs/contract.md sections 5 and 6, table-driven on the in-process harness: with --json,
// each command prints one JSON document of the documented shape on stdout and exits with
// the documented code; a failure prints one JSON error document on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir } from '../harness/index.js';

const CREDENTIAL = ['id', 'kind', 'name', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'state'];
const PW = 'lantern orchid basalt 91';

/** The documented keys are all there. */
function hasKeys(doc, keys) {
  assert.equal(typeof doc, 'object');
  for (const k of keys) assert.ok(k in doc, `missing "${k}" in ${JSON.stringify(doc).slice(0, 200)}`);
}
const credential = (doc) => {
  hasKeys(doc, CREDENTIAL); // documented fields; a later release may add more
  assert.match(doc.kind, /^(local|support|setup)$/);
  assert.match(doc.state, /^(live|revoked|expired|used)$/);
  for (const t of ['createdAt', 'expiresAt', 'revokedAt']) assert.ok(doc[t] === null || !Number.isNaN(Date.parse(doc[t])), t);
};

/**
 * One row: the arguments (a function of the fixture), run options, the exit code, and a
 * check of the parsed stdout document (success) or of the error document (failure).
 * @type {Array<{ name: string, args: (f: any) => string[], opts?: (f: any) => object, code: number, check?: (doc: any, f: any) => void, error?: string }>}
 */
const CASES = [
  { name: 'init', args: () => ['init'], code: 0, check: (d) => hasKeys(d, ['home', 'created', 'nodeId']) },
  { name: 'status', args: () => ['status'], code: 0, check: (d) => hasKeys(d.credentials, ['local', 'support', 'setup']) },
  {
    name: 'keys create --out -',
    args: () => ['keys', 'create', '--name', 'c', '--out', '-'],
    code: 0,
    check: (d) => {
      credential(d);
      assert.match(d.token, /^b3iq_local_/);
    },
  },
  {
    name: 'keys create --out FILE',
    args: (f) => ['keys', 'create', '--name', 'f', '--out', join(f.out, 'new.key')],
    code: 0,
    check: (d) => {
      credential(d);
      assert.equal(d.token, undefined);
      assert.ok(d.file);
    },
  },
  {
    name: 'keys list',
    args: () => ['keys', 'list'],
    code: 0,
    check: (d) => {
      assert.ok(Array.isArray(d));
      d.forEach(credential);
    },
  },
  { name: 'keys show', args: (f) => ['keys', 'show', f.key.id], code: 0, check: credential },
  {
    name: 'keys verify (valid)',
    args: () => ['keys', 'verify'],
    opts: (f) => ({ input: f.key.token }),
    code: 0,
    check: (d, f) => assert.deepEqual(d, { valid: true, id: f.key.id, scopes: ['inference'] }),
  },
  {
    name: 'keys verify (invalid)',
    args: () => ['keys', 'verify'],
    opts: () => ({ input: 'b3iq_local_x' }),
    code: 1,
    check: (d) => assert.deepEqual(d, { valid: false, reason: 'malformed' }),
  },
  {
    name: 'keys revoke',
    args: (f) => ['keys', 'revoke', f.doomed.id],
    code: 0,
    check: (d) => {
      assert.equal(d.length, 1);
      credential(d[0]);
      assert.equal(d[0].state, 'revoked');
    },
  },
  {
    name: 'support grant --out -',
    args: () => ['support', 'grant', '--out', '-'],
    code: 0,
    check: (d) => {
      credential(d);
      assert.equal(d.kind, 'support');
      assert.match(d.token, /^b3iq_support_/);
    },
  },
  { name: 'support list --all', args: () => ['support', 'list', '--all'], code: 0, check: (d) => d.forEach(credential) },
  {
    name: 'setup-token create --out -',
    args: () => ['setup-token', 'create', '--out', '-'],
    code: 0,
    check: (d) => {
      credential(d);
      assert.equal(d.kind, 'setup');
    },
  },
  {
    name: 'public check (clean)',
    args: () => ['public', 'check'],
    opts: () => ({ input: '{"nodeId":"node_1","status":"ready"}' }),
    code: 0,
    check: (d) => assert.deepEqual(d, { ok: true, violations: [] }),
  },
  {
    name: 'public check (violation)',
    args: () => ['public', 'check'],
    opts: () => ({ input: '{"nodeId":"node_1","prompt":"a private prompt"}' }),
    code: 1,
    check: (d) => {
      assert.equal(d.ok, false);
      hasKeys(d.violations[0], ['path', 'category', 'message']);
    },
  },
  {
    name: 'scan (clean)',
    args: (f) => ['scan', f.dir],
    code: 0,
    check: (d) => assert.deepEqual(d, { findings: [], files: d.files, skipped: { folders: 0, binary: 0, tooLarge: 0, unreadable: 0, special: 0 } }),
  },
  {
    name: 'scan (finding)',
    args: (f) => ['scan', f.leak],
    code: 1,
    check: (d, f) => {
      hasKeys(d.findings[0], ['file', 'line', 'kind', 'id', 'live']);
      assert.equal(d.findings[0].id, f.key.id);
    },
  },
  {
    name: 'doctor',
    args: () => ['doctor'],
    opts: (f) => ({ env: { HOME: f.dir, B3IQ_KEYCHAIN: 'off' } }),
    code: 0,
    check: (d) => {
      hasKeys(d, ['ok', 'production', 'checks']);
      hasKeys(d.checks[0], ['id', 'title', 'status', 'detail', 'fix']);
    },
  },
  { name: 'audit', args: () => ['audit'], code: 0, check: (d) => hasKeys(d[0], ['seq', 'time', 'action', 'id', 'kind', 'outcome', 'prev', 'hash']) },
  { name: 'audit --verify', args: () => ['audit', '--verify'], code: 0, check: (d) => assert.equal(d.ok, true) },
  {
    name: 'gateway status (none)',
    args: () => ['gateway', 'status'],
    opts: () => ({ env: { B3IQ_KEYCHAIN: 'off' } }),
    code: 1,
    check: (d) => hasKeys(d, ['present', 'backend', 'wellFormed', 'keychain']),
  },
  {
    name: 'request-config --out FILE',
    args: (f) => ['request-config', '--out', join(f.out, 'curl.cfg')],
    opts: (f) => ({ input: f.key.token }),
    code: 0,
    check: (d, f) => {
      hasKeys(d, ['file', 'keyId', 'url']);
      assert.equal(d.keyId, f.key.id);
    },
  },
  {
    name: 'support bundle --dry-run',
    args: (f) => ['support', 'bundle', '--dry-run', '--logs', f.log],
    code: 0,
    check: (d) => {
      hasKeys(d, ['path', 'files', 'redactions']);
      assert.equal(d.path, null);
      assert.equal(d.dryRun, true);
    },
  },
  {
    name: 'setup',
    args: () => ['setup'],
    opts: (f) => ({ input: f.setupToken, env: { B3IQ_OWNER_PASSWORD: PW } }),
    code: 0,
    check: (d) => hasKeys(d, ['owner', 'createdAt', 'sessionGeneration']),
  },
  {
    name: 'owner logout-all',
    args: () => ['owner', 'logout-all'],
    opts: () => ({ env: { B3IQ_OWNER_PASSWORD: PW } }),
    code: 0,
    check: (d) => hasKeys(d, ['sessionGeneration', 'sessionsInvalidatedAt']),
  },
  // Failures: one JSON error document on stderr, the code's exit status.
  { name: 'usage error', args: () => ['keys', 'frobnicate'], code: 2, error: 'E_USAGE' },
  { name: 'secret on argv', args: (f) => ['keys', 'show', f.key.token], code: 2, error: 'E_SECRET_IN_ARGV' },
  { name: 'no input', args: () => ['keys', 'verify'], code: 2, error: 'E_NO_INPUT' },
  { name: 'forbidden scope', args: () => ['support', 'grant', '--scope', 'exec', '--out', '-'], code: 2, error: 'E_SCOPE_FORBIDDEN' },
  { name: 'stdout not a terminal', args: () => ['keys', 'create', '--name', 'x'], code: 2, error: 'E_STDOUT_NOT_TTY' },
  { name: 'not found', args: () => ['keys', 'show', 'lk_0000000000000'], code: 1, error: 'E_NOT_FOUND' },
  { name: 'not initialised', args: () => ['keys', 'list'], opts: (f) => ({ home: join(f.dir, 'none') }), code: 3, error: 'E_NOT_INITIALISED' },
];

test('--json: every command prints one document of its documented shape, with its exit code', async (t) => {
  const home = await initHome(t);
  const key = await issueKey(home, [], 'main');
  const doomed = await issueKey(home, [], 'doomed');
  const leak = join(tempDir(), 'leak.txt');
  writeFileSync(leak, `export B3IQ_LOCAL_KEY=${key.token}\n`);
  const log = join(tempDir(), 'app.log');
  writeFileSync(log, 'INFO started\n');
  const setupToken = JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  // `dir`: an empty folder (scan finds nothing, doctor's HOME has no history); `out`: for --out files.
  const f = { home, dir: tempDir(), out: tempDir(), key, doomed, leak, log, setupToken };
  for (const c of CASES) {
    const r = await run(['--json', ...c.args(f)], { home, ...(c.opts?.(f) ?? {}) });
    assert.equal(r.code, c.code, `${c.name}: exit ${r.code}\n${r.stderr}`);
    if (c.error) {
      assert.equal(r.stdout, '', `${c.name}: nothing on stdout`);
      const doc = JSON.parse(r.stderr);
      assert.equal(doc.error.code, c.error, c.name);
      assert.equal(typeof doc.error.message, 'string');
    } else {
      let doc;
      assert.doesNotThrow(
        () => {
          doc = JSON.parse(r.stdout);
        },
        `${c.name}: stdout is one JSON document: ${r.stdout.slice(0, 200)}`,
      );
      c.check?.(doc, f);
    }
  }
});
