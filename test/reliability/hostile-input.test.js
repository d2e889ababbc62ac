// Hostile input through the real binary (issue 7, item 4): 50 MB on stdin, NUL bytes,
// invalid UTF-8, 1 MB lines, 100 000-deep JSON. No crash, no hang, no stack trace, the
// contract's exit codes, bounded time, and never an echo of what was sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initHome, issueKey, run } from '../helpers/cli.js';

const BIG = Buffer.alloc(50 * 1024 * 1024, 'A');
const CANARY = 'Zq7hostileCanary9';

function clean(r, label) {
  assert.doesNotMatch(r.stderr, /\n\s+at .*[(:]\d+/, `${label}: a stack trace`);
  assert.doesNotMatch(r.stderr, /Unexpected error/, `${label}: an internal error`);
  assert.ok(!r.stderr.includes(CANARY) && !r.stdout.includes(CANARY), `${label}: echoed the input`);
  assert.ok(r.stderr.trim().split('\n').length <= 2, `${label}: more than two lines: ${r.stderr.slice(0, 300)}`);
}

test('secrets on stdin: 50 MB, NUL bytes, invalid UTF-8 and a 1 MB line are refused with exit 2, fast', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const cases = [
    ['50 MB', BIG],
    ['NUL bytes', Buffer.concat([Buffer.from(token), Buffer.from([0]), Buffer.from(CANARY)])],
    ['invalid UTF-8', Buffer.concat([Buffer.from(CANARY), Buffer.from([0xc3, 0x28, 0xff])])],
    ['a 1 MB line', Buffer.from(CANARY + 'x'.repeat(1 << 20) + '\n')],
  ];
  for (const [label, input] of cases) {
    for (const args of [['keys', 'verify'], ['support', 'verify'], ['setup']]) {
      const r = await run(args, { home, input, env: { B3IQ_OWNER_PASSWORD: 'lantern orchid basalt 91' }, timeout: 30_000 });
      assert.equal(r.code, 2, `${args.join(' ')} ${label}: exit ${r.code} ${r.stderr}`);
      assert.match(r.stderr, /E_BAD_INPUT/, `${args.join(' ')} ${label}`);
      clean(r, `${args.join(' ')} ${label}`);
      assert.ok(r.ms < 15_000, `${label}: ${r.ms} ms`);
    }
  }
});

test('redact: 50 MB on stdin, NUL bytes, invalid UTF-8 and 1 MB lines stream through, exit 0, bounded output', { timeout: 120_000 }, async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const big = await run(['redact'], { home, input: BIG, timeout: 90_000 });
  assert.equal(big.code, 0, big.stderr);
  clean(big, '50 MB');
  assert.ok(big.stdout.length <= BIG.length + 1024, 'output larger than input');
  const mixed = Buffer.concat([
    Buffer.from(`line with NUL \0 and ${token}\n`),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
    Buffer.from(` invalid UTF-8 then ${token}\n`),
    Buffer.from('y'.repeat(1 << 20) + ` ${token}\n`),
    Buffer.from(`tail ${token}`),
  ]);
  const r = await run(['redact'], { home, input: mixed, timeout: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes(token), 'a token survived the redactor');
  assert.doesNotMatch(r.stderr, /\n\s+at .*[(:]\d+/);
});

test('public check: 100 000-deep JSON, 50 MB, NUL, invalid UTF-8, 1 MB lines: exit 2 or a verdict, never a crash', { timeout: 120_000 }, async (t) => {
  const home = await initHome(t);
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObj = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  /** @type {[string, string | Buffer, number[], RegExp | null][]} */
  const cases = [
    ['100 000-deep array', deep, [2], /E_TOO_DEEP/],
    ['100 000-deep object', deepObj, [2], /E_TOO_DEEP/],
    ['50 MB of A', BIG, [2], /E_INVALID_JSON|E_BAD_INPUT/],
    ['NUL bytes', Buffer.from(`{"a":"${CANARY}\0"}`), [2], /E_INVALID_JSON/],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`{"a":"${CANARY}`), Buffer.from([0xff, 0xc3]), Buffer.from('"}')]), [0, 1, 2], null],
    ['a 1 MB string', `{"status":"${'r'.repeat(1 << 20)}"}`, [0, 1], null],
    ['not JSON', `${CANARY} {`, [2], /E_INVALID_JSON/],
  ];
  for (const [label, input, codes, re] of cases) {
    const r = await run(['public', 'check', '-', '--json'], { home, input, timeout: 60_000 });
    assert.ok(codes.includes(r.code), `${label}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
    if (re) assert.match(r.stderr, re, label);
    clean(r, label);
    if (r.code === 2) assert.ok(JSON.parse(r.stderr).error.code.startsWith('E_'));
    else assert.equal(typeof JSON.parse(r.stdout).ok, 'boolean');
  }
});
