import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanArgv } from '../../dist/cli/argv-guard.js';
import { generateToken } from '../../dist/core/tokens.js';

test('argv guard: credential shapes anywhere, in any argument form', () => {
  const t = generateToken('local');
  for (const argv of [[t], ['keys', 'show', t], ['--', t], ['--name=' + t], ['--name', `x${t}y`], ['keys', 'list', '--', '--', t]]) {
    const f = scanArgv(argv);
    assert.equal(f.length, 1, JSON.stringify(argv.length));
    assert.equal(f[0].what, 'credential');
    assert.equal(f[0].kind, 'local');
  }
  // look-alikes with a bad checksum are refused too: shape is enough on argv
  assert.equal(scanArgv(['b3iq_gateway_aaaaaaaaaaaaaaaaaaaaaaaaa']).length, 1);
});

test('argv guard: secret-carrying flags, but not --*-file and not --key ID', () => {
  for (const a of [['--token=abc'], ['--password', 'hunter2'], ['--secret=x'], ['--key=abc'], ['--api-key', 'x'], ['-password=x']]) {
    assert.equal(scanArgv(a)[0]?.what, 'secret-flag', a[0]);
  }
  for (const a of [['--key-file', 'k'], ['--password-file=/x'], ['--key', 'lk_abc123'], ['--key=lk_abc123'], ['--name', 'b3iq_local_key']]) {
    assert.deepEqual(scanArgv(a), [], a.join(' '));
  }
});
