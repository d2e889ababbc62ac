// Red team 2 through the real binary (spawned): `b3iq redact` on a log holding one case of
// each new class, and `b3iq public check` on the new public payloads, from stdin: the secrets
// never reach stdout or stderr, the exit codes follow the contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { leaksOf } from '../helpers/redact-adversarial-gen.js';
import { CLASSES, generate } from '../helpers/redact-redteam2.js';
import { run } from '../helpers/cli.js';

test('b3iq redact: one case of every red-team-2 class in one log, nothing leaks', async () => {
  const cases = Object.keys(CLASSES).map((name) => generate(7, 1, [name]).find((c) => c.layout === 'journald'));
  const input = cases.map((c) => c.text).join('\n') + '\n';
  const r = await run(['redact', '-'], { input, env: { HOME: '/home/margot' } });
  assert.equal(r.code, 0, r.stderr);
  const open = new Set(['base64-wrapped-config', 'terraform-output']); // bounded in test/unit/redact-redteam2.test.js
  for (const c of cases) {
    if (open.has(c.cls)) continue;
    const { leaked } = leaksOf(c, r.stdout);
    assert.deepEqual(leaked, [], `${c.cls}: ${c.text}`);
    for (const s of c.secrets) assert.ok(!r.stderr.includes(s), `${c.cls} on stderr`);
  }
  // the binary and the library agree byte for byte
  assert.equal(r.stdout, redact(input, { homeDir: '/home/margot' }).text);
});

test('b3iq public check: the red-team-2 payloads are exit 1, never echo the value, --json names the category', async () => {
  const payloads = [
    { payload: { endpoint: 'unix:///run/b3iq.sock' }, category: 'local-url', value: 'b3iq.sock' },
    { payload: { host: '::1' }, category: 'local-url', value: '::1' },
    { payload: { target: 'dns:///vllm:50051' }, category: 'local-url', value: 'vllm' },
    { payload: { owner: { tel: '+1 415 555 0199' } }, category: 'customer-identity', value: '555' },
  ];
  for (const { payload, category, value } of payloads) {
    const input = JSON.stringify(payload);
    const r = await run(['public', 'check', '-', '--json'], { input });
    assert.equal(r.code, 1, `${input}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, false);
    assert.ok(
      doc.violations.some((v) => v.category === category),
      r.stdout,
    );
    assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), `${input} echoed`);
  }
  const clean = await run(['public', 'check', '-'], { input: JSON.stringify({ listen: '::', target: 'dns:///api.example.com:443' }) });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
});
