// The public-boundary check: clean payloads of every kind pass; each category is caught
// with its JSON path; absurd nesting and invalid JSON fail cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublicPayload, parsePublicPayload, PUBLIC_CATEGORIES } from '../../dist/public/boundary.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'public');
const cases = JSON.parse(readFileSync(join(dir, 'violations.json'), 'utf8'));

test('clean payloads of every kind pass', () => {
  const kinds = new Set();
  for (const f of readdirSync(join(dir, 'clean')).sort()) {
    const payload = /** @type {any} */ (parsePublicPayload(readFileSync(join(dir, 'clean', f), 'utf8')));
    kinds.add(payload.kind);
    assert.deepEqual(checkPublicPayload(payload), { ok: true, violations: [] }, f);
  }
  assert.deepEqual([...kinds].sort(), ['model', 'node', 'receipt', 'route-readiness', 'settlement']);
});

for (const c of cases) {
  test(`violation: ${c.name}`, () => {
    // a case given as text is parsed strictly (repeated keys are seen); others are values
    const r = checkPublicPayload(c.text === undefined ? c.payload : parsePublicPayload(c.text));
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.violations.map(({ path, category }) => ({ path, category })),
      c.expect,
    );
    const leaves = [];
    for (const m of (c.text ?? '').matchAll(/"([^"]{8,})"/g)) leaves.push(m[1]);
    JSON.stringify(c.payload ?? null, (_k, v) => {
      if (typeof v === 'string' && v.length >= 8) leaves.push(v);
      return v;
    });
    for (const v of r.violations) {
      assert.equal(typeof v.message, 'string');
      // messages never echo the offending value
      for (const leaf of leaves) assert.ok(!v.message.includes(leaf), v.path);
    }
  });
}

test('every category has at least one violation case', () => {
  const seen = new Set(cases.flatMap((c) => c.expect.map((e) => e.category)));
  assert.deepEqual(
    [...PUBLIC_CATEGORIES].filter((c) => !seen.has(c)),
    [],
  );
});

test('hex hashes, ids and benchmark figures are not flagged', () => {
  const h = () => '0x' + 'a1'.repeat(32);
  const payload = {
    receipts: Array.from({ length: 50 }, (_, i) => ({ hash: h(), root: h(), i })),
    proof: [h(), h()],
    sha256: 'b'.repeat(64),
    txHash: h(),
    ids: ['lk_4Hq9ZtY2mW8pR'],
    tokensPerSecond: 3.2,
    inputTokens: 4,
    maxTokens: 9,
    nonce: 7,
  };
  assert.deepEqual(checkPublicPayload(payload), { ok: true, violations: [] });
});

test('100 000-deep nesting: the check walks it without a stack overflow', () => {
  const root = {};
  let cur = root;
  for (let i = 0; i < 100_000; i++) {
    cur.a = [{}];
    cur = cur.a[0];
  }
  cur.prompt = 'hello';
  const r = checkPublicPayload(root);
  assert.equal(r.ok, false);
  assert.equal(r.violations.length, 1);
  assert.equal(r.violations[0].category, 'raw-prompt-output');
  assert.ok(r.violations[0].path.endsWith('.a[0].prompt'));
  // cycles do not hang it either
  const cyc = { a: {} };
  cyc.a.back = cyc;
  assert.equal(checkPublicPayload(cyc).ok, true);
});

test('parsePublicPayload: 100 000-deep JSON text is refused with E_TOO_DEEP before parsing', () => {
  const text = '['.repeat(100_000) + ']'.repeat(100_000);
  const t0 = performance.now();
  assert.throws(
    () => parsePublicPayload(text),
    (/** @type {any} */ e) => e.code === 'E_TOO_DEEP' && e.message.length < 80,
  );
  assert.ok(performance.now() - t0 < 1000);
  const objs = '{"a":'.repeat(300) + '1' + '}'.repeat(300);
  assert.throws(() => parsePublicPayload(objs), { code: 'E_TOO_DEEP' });
  // brackets inside strings do not count
  assert.deepEqual(parsePublicPayload(JSON.stringify({ s: '['.repeat(1000) })), { s: '['.repeat(1000) });
  assert.equal(/** @type {unknown[]} */ (parsePublicPayload('['.repeat(256) + ']'.repeat(256))).length, 1);
});

test('parsePublicPayload: invalid JSON → E_INVALID_JSON, short message that never echoes input', () => {
  const secret = 'b3iq_local_' + 'Q'.repeat(49);
  for (const bad of ['', '{', `{"k": ${secret}}`, `${secret}`, '{"a":1,}', '\u0000']) {
    assert.throws(
      () => parsePublicPayload(bad),
      (/** @type {any} */ e) => {
        assert.equal(e.code, 'E_INVALID_JSON');
        assert.ok(!e.message.includes('QQQQ'));
        assert.ok(e.message.length < 80);
        return true;
      },
    );
  }
  assert.deepEqual(parsePublicPayload('\ufeff{"ok":true}'), { ok: true });
});
