// b3iq public check through the real binary, red team 4: every probe of
// test/unit/public-redteam4-cases.js, joined as raw text into one document (duplicate and
// escaped keys survive only in the text), is exit 1 with a violation of the right category
// under its own member, at the exact leaf where the probe names one; neither --json nor the
// human output prints a planted secret; the clean corpus is exit 0; a duplicate key is a
// violation (exit 1), not unreadable input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.js';
import { CLEAN, PLANTED, PROBES } from '../unit/public-redteam4-cases.js';

const DOC = `{${PROBES.map(([, , text], i) => `"p${i}":${text}`).join(',')}}`;
const under = (i, path) => path === `$.p${i}` || path.startsWith(`$.p${i}.`) || path.startsWith(`$.p${i}[`);

test('red team 4 probes through the binary: exit 1, each refused under its member at its leaf, nothing printed', async (t) => {
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

test('red team 4 clean corpus through the binary: exit 0', async () => {
  const r = await run(['public', 'check', '-', '--json'], { input: JSON.stringify({ corpus: CLEAN }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, violations: [] });
});

test('a key repeated in another spelling is a violation (exit 1), not invalid input', async () => {
  const r = await run(['public', 'check', '-', '--json'], { input: '{"node":{"apiKey":"","api\\u212aey":"","APIKEY":""}}' });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).violations.map((v) => [v.path, v.category]),
    [
      ['$.node["api\u212aey"]', 'duplicate-key'],
      ['$.node.APIKEY', 'duplicate-key'],
    ],
  );
});
