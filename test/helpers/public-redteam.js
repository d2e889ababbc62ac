// The shared half of a public-check red team: each probe (`[class, label, raw JSON text,
// category or categories, exact path?]`) refused in its category without printing a planted
// value, in process and through the real binary, and the clean corpus passing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPublicPayload, parsePublicPayload } from '../../dist/public/boundary.js';
import { run, tempDir } from './cli.js';

/** One test a probe: the library refuses it in its category (at its path when it names one). */
export function probesRefused(probes, planted) {
  for (const [cls, label, text, category, path] of probes) {
    test(`public check refuses [${cls}] ${label}`, () => {
      const r = checkPublicPayload(parsePublicPayload(text));
      const want = [category].flat();
      const hits = r.violations.filter((v) => want.includes(v.category));
      assert.ok(hits.length > 0, `${label}: ${JSON.stringify(r.violations)}`);
      if (path)
        assert.ok(
          hits.some((v) => v.path === path),
          `${label}: wanted ${path}, got ${JSON.stringify(hits)}`,
        );
      const out = JSON.stringify(r.violations);
      for (const s of planted) assert.ok(!out.includes(s), `${label} printed a planted value`);
    });
  }
}

/** The library passes every clean payload, of which there are at least `least`. */
export function cleanPasses(title, clean, least) {
  test(title, () => {
    assert.ok(clean.length >= least);
    for (const payload of clean) {
      const r = checkPublicPayload(payload);
      assert.equal(r.ok, true, `${JSON.stringify(payload).slice(0, 160)}: ${JSON.stringify(r.violations)}`);
    }
  });
}

/** All probes joined as raw text into one document, through `b3iq public check`: exit 1, each under its member. */
export function probesRefusedByBinary(title, probes, planted) {
  const doc = `{${probes.map(([, , text], i) => `"p${i}":${text}`).join(',')}}`;
  const under = (i, path) => path === `$.p${i}` || path.startsWith(`$.p${i}.`) || path.startsWith(`$.p${i}[`);
  test(title, async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'probes.json');
    writeFileSync(file, doc);
    const r = await run(['public', 'check', file, '--json']);
    assert.equal(r.code, 1, r.stderr);
    const violations = JSON.parse(r.stdout).violations;
    const missed = [];
    probes.forEach(([cls, label, , category, path], i) => {
      const want = [category].flat();
      const hits = violations.filter((v) => under(i, v.path) && want.includes(v.category));
      if (hits.length === 0) missed.push(`[${cls}] ${label}`);
      else if (path && !hits.some((v) => v.path === `$.p${i}${path.slice(1)}`)) missed.push(`[${cls}] ${label}: not at ${path}`);
    });
    assert.deepEqual(missed, []);
    const human = await run(['public', 'check', '-'], { input: doc });
    assert.equal(human.code, 1);
    for (const s of planted) for (const out of [r.stdout, r.stderr, human.stdout, human.stderr]) assert.ok(!out.includes(s), `printed ${s.slice(0, 6)}…`);
  });
}

/** The clean corpus through `b3iq public check --json`: exit 0, no violation. */
export function cleanPassesBinary(title, clean) {
  test(title, async () => {
    const r = await run(['public', 'check', '-', '--json'], { input: JSON.stringify({ corpus: clean }) });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), { ok: true, violations: [] });
  });
}
