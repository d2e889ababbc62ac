// b3iq public check through the real binary, red team 5: every probe of
// test/unit/public-redteam5-cases.js, joined as raw text into one document, is exit 1 with a
// violation of the right category under its own member; neither --json nor the human output
// prints a planted secret; the clean corpus is exit 0; input that is not JSON (YAML, a
// querystring, NaN) and nesting too deep are exit 2 without echoing the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.js';
import { CLEAN, PLANTED, PROBES, SECRET } from '../unit/public-redteam5-cases.js';

const DOC = `{${PROBES.map(([, , text], i) => `"p${i}":${text}`).join(',')}}`;
const under = (i, path) => path === `$.p${i}` || path.startsWith(`$.p${i}.`) || path.startsWith(`$.p${i}[`);

test('red team 5 probes through the binary: exit 1, each refused under its member, nothing printed', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'probes.json');
  writeFileSync(file, DOC);
  const r = await run(['public', 'check', file, '--json']);
  assert.equal(r.code, 1, r.stderr);
  const violations = JSON.parse(r.stdout).violations;
  const missed = [];
  PROBES.forEach(([cls, label, , category, path], i) => {
    const want = [category].flat();
    const hits = violations.filter((v) => under(i, v.path) && want.includes(v.category));
    if (hits.length === 0) missed.push(`[${cls}] ${label}`);
    else if (path && !hits.some((v) => v.path === `$.p${i}${path.slice(1)}`)) missed.push(`[${cls}] ${label}: not at ${path}`);
  });
  assert.deepEqual(missed, []);
  const human = await run(['public', 'check', '-'], { input: DOC });
  assert.equal(human.code, 1);
  for (const s of PLANTED) for (const out of [r.stdout, r.stderr, human.stdout, human.stderr]) assert.ok(!out.includes(s), `printed ${s.slice(0, 6)}…`);
});

test('red team 5 clean corpus through the binary: exit 0', async () => {
  const r = await run(['public', 'check', '-', '--json'], { input: JSON.stringify({ corpus: CLEAN }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, violations: [] });
});

test('input that is not JSON or nests too deep is exit 2, and the error does not echo it', async () => {
  for (const [input, code] of [
    [`model: llama\napi_key: ${SECRET}\n`, 'E_INVALID_JSON'],
    [`user=svc&password=${SECRET}`, 'E_INVALID_JSON'],
    [`{"apiKey":"${SECRET}","n":NaN}`, 'E_INVALID_JSON'],
    ['['.repeat(100_000), 'E_TOO_DEEP'],
  ]) {
    const r = await run(['public', 'check', '-', '--json'], { input });
    assert.equal(r.code, 2, `${input.slice(0, 20)}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(r.stderr).error.code, code);
    assert.ok(!r.stderr.includes(SECRET));
  }
});
