// With --json, stderr carries exactly one JSON document or nothing: warnings go inside it
// as a list ({"warnings":[…]} on success, beside "error" on failure), never as plain lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, tempHome } from '../helpers/cli.js';
import { generateToken } from '../../dist/core/tokens.js';

/** stderr as the contract has it: '' or one JSON document on one line. */
function oneDocument(stderr, label) {
  if (stderr === '') return undefined;
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `${label}: more than one line on stderr:\n${stderr}`);
  assert.doesNotMatch(stderr, /^warning:|\nwarning:/, label);
  return JSON.parse(lines[0]);
}

test('--json: commands that warn put every warning in the one stderr document', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  await ok(['support', 'grant', '--ttl', '1h', '--out', '-'], { home });
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'leak.txt'), `k=${token}\n`);
  const empty = tempHome(t);

  /** @type {Array<[string, string[], any, number, RegExp | undefined]>} */
  const cases = [
    // [label, argv, options, expected exit, what the warnings must say]
    ['keychain fallback on store', ['gateway', 'login', '--json'], { home, input: generateToken('gateway') }, 0, /no OS keychain/],
    ['keys saved to the fallback', ['keys', 'create', '--name', 's', '--save', 'keychain', '--json'], { home }, 0, /no OS keychain/],
    ['status with a live support grant', ['status', '--json'], { home }, 0, /support grant\(s\) are live/],
    ['scan findings', ['scan', dir, '--json'], { home }, 1, /token\(s\) found|exposed/],
    ['scan without a home', ['scan', dir, '--json'], { home: empty }, 1, /no b3iq config/],
    ['redact counts', ['redact', '--json'], { home, input: 'password=hunter2hunter2\n' }, 0, undefined],
  ];
  for (const [label, argv, opts, code, says] of cases) {
    const r = await run(argv, opts);
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    const doc = oneDocument(r.stderr, label);
    if (says) {
      assert.ok(doc && Array.isArray(doc.warnings), `${label}: no warnings list: ${r.stderr}`);
      assert.ok(
        doc.warnings.some((w) => says.test(w)),
        `${label}: ${r.stderr}`,
      );
    }
    if (label === 'redact counts') assert.ok(doc.redactions, r.stderr);
    // stdout is one document (redact's stdout is the redacted text itself).
    if (label !== 'redact counts') assert.doesNotThrow(() => JSON.parse(r.stdout), `${label}: stdout is one document`);
  }
});

test('--json: a failure after a warning is one document holding both', async (t) => {
  const home = tempHome(t);
  // No home (a warning), then a named path that cannot be read (the error).
  const r = await run(['scan', '--json', join(home, 'missing')], { home });
  assert.equal(r.code, 2, r.stderr);
  const doc = oneDocument(r.stderr, 'scan');
  assert.equal(doc.error.code, 'E_BAD_INPUT');
  assert.ok(
    doc.warnings.some((w) => /no b3iq config/.test(w)),
    r.stderr,
  );
  assert.equal(r.stdout, '');
});

test('--json: a command that succeeds quietly leaves stderr empty (no human lines)', async (t) => {
  const home = await initHome(t);
  for (const argv of [
    ['keys', 'create', '--name', 'q', '--out', join(tempDir(), 'k'), '--json'],
    ['keys', 'list', '--json'],
    ['audit', '--json'],
  ]) {
    const r = await ok(argv, { home, env: { B3IQ_KEYCHAIN: 'off' } });
    assert.equal(r.stderr, '', `${argv.join(' ')}: ${r.stderr}`);
  }
});
