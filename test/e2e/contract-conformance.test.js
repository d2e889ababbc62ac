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
