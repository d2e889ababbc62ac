// b3iq public check in process (test/harness): exit 0 clean, 1 violations, 2 not JSON or too deep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, tempDir, ROOT } from '../harness/index.js';

const fixtures = join(ROOT, 'test', 'fixtures', 'public');
const cases = JSON.parse(readFileSync(join(fixtures, 'violations.json'), 'utf8'));

test('public check: the clean fixtures pass (exit 0), from a file, from - and from stdin', async () => {
  for (const f of readdirSync(join(fixtures, 'clean')).sort()) {
    const file = join(fixtures, 'clean', f);
    const r = await ok(['public', 'check', file, '--json']);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, violations: [] }, f);
  }
  const one = readFileSync(join(fixtures, 'clean', 'node.json'));
  assert.equal((await run(['public', 'check', '-'], { input: one })).code, 0);
  const human = await run(['public', 'check'], { input: one });
  assert.equal(human.code, 0);
  assert.equal(human.stdout, '');
  assert.match(human.stderr, /No public-boundary violations/);
});

test('public check: every violation case is exit 1 with its JSON path and category', async () => {
  for (const c of cases.filter((x, i) => i % 5 === 0 || x.text !== undefined)) {
    const input = c.text ?? JSON.stringify(c.payload);
    const r = await run(['public', 'check', '--json'], { input });
    assert.equal(r.code, 1, c.name);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, false);
    for (const e of c.expect) {
      assert.ok(
        doc.violations.some((v) => v.path === e.path && v.category === e.category),
        `${c.name}: ${e.path} ${e.category}`,
      );
    }
    for (const v of doc.violations) assert.deepEqual(Object.keys(v).sort(), ['category', 'message', 'path']);
    // human output: one line per violation with its path and category
    const h = await run(['public', 'check'], { input });
    assert.equal(h.code, 1);
    const lines = h.stdout.trim().split('\n');
    assert.equal(lines.length, doc.violations.length);
    for (const v of doc.violations)
      assert.ok(
        lines.some((l) => l.startsWith(`${v.path}  ${v.category}`)),
        `${c.name}: ${v.path}`,
      );
  }
});

test('public check: violations never echo the offending value', async () => {
  const secret = 'summarise the Halvorsen memo';
  const r = await run(['public', 'check', '--json'], {
    input: JSON.stringify({ kind: 'receipt', request: { prompt: secret }, owner: 'margot@fenwick.example' }),
  });
  assert.equal(r.code, 1);
  assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  assert.ok(!r.stdout.includes('margot@fenwick.example'));
});

test('public check: invalid JSON, 100 000-deep nesting and oversize input are exit 2, quickly and without a stack', async () => {
  const bad = await run(['public', 'check'], { input: '{"kind": "node", ' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_INVALID_JSON/);
  assert.ok(!/\n\s+at /.test(bad.stderr), 'no stack trace');
  const badJson = await run(['public', 'check', '--json'], { input: 'not json' });
  assert.equal(JSON.parse(badJson.stderr).error.code, 'E_INVALID_JSON');
  for (const deep of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), '['.repeat(100_000)]) {
    const r = await run(['public', 'check'], { input: deep, timeout: 15_000 });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /E_TOO_DEEP/);
    assert.ok(!/RangeError|Maximum call stack/.test(r.stderr));
  }
  const dir = tempDir();
  const big = join(dir, 'big.json');
  writeFileSync(big, '[' + '"x",'.repeat(4.5 * 1024 * 1024) + '"x"]');
  const r = await run(['public', 'check', big]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_BAD_INPUT/);
  const piped = await run(['public', 'check'], { input: readFileSync(big) });
  assert.equal(piped.code, 2);
  assert.match(piped.stderr, /larger than 16 MiB/);
  const missing = await run(['public', 'check', join(dir, 'nope.json')]);
  assert.equal(missing.code, 2);
});

test('public check: a repeated key is exit 1 (duplicate-key), and a live token used as a key is never printed', async () => {
  const token = 'b3iq_local_9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
  const dup = await run(['public', 'check', '--json'], { input: `{"kind":"node","apiKey":"${token}","apiKey":""}` });
  assert.equal(dup.code, 1);
  assert.deepEqual(
    JSON.parse(dup.stdout).violations.map((v) => [v.path, v.category]),
    [
      ['$.apiKey', 'duplicate-key'],
      ['$.apiKey', 'credential'],
    ],
  );
  assert.ok(!dup.stdout.includes(token) && !dup.stderr.includes(token));
  for (const args of [
    ['public', 'check', '--json'],
    ['public', 'check'],
  ]) {
    const r = await run(args, { input: JSON.stringify({ kind: 'node', grants: { [token]: { scopes: ['read'] } } }) });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\[b3iq-local-token\]/);
    assert.ok(!r.stdout.includes('9Zq4kLmN') && !r.stderr.includes('9Zq4kLmN'), 'the token leaked through a path');
  }
});

test('public check: encoded, split and lookalike-keyed secrets are exit 1, one JSON document, no secret printed', async () => {
  const gh = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
  const hexKey = Buffer.from(gh).toString('hex');
  const payload = {
    kind: 'node',
    blob: Buffer.from(gh).toString('base64'),
    parts: ['ghp_A1b2C3d4E5f6G7h8I9', 'j0K1l2M3n4O5p6Q7r8'],
    'p\u0430ssword\u202e': 'hunter2hunter2',
    [hexKey]: true,
    host: 2130706433,
  };
  for (const args of [
    ['public', 'check', '--json'],
    ['public', 'check'],
  ]) {
    const r = await run(args, { input: JSON.stringify(payload) });
    assert.equal(r.code, 1);
    for (const s of [gh, 'j0K1l2M3', hexKey, payload.blob, 'hunter2', '\u202e']) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `printed: ${s}`);
    }
    if (args.includes('--json')) {
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(
        doc.violations.map((v) => [v.path, v.category]),
        [
          ['$.blob', 'credential'],
          ['$.parts[0]', 'credential'],
          ['$["p\u0430ssword\\u202e"]', 'credential'],
          ['$["[credential]"]', 'credential'],
          ['$.host', 'local-url'],
        ],
      );
    }
  }
});
