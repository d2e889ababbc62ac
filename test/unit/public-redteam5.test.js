// public check, red team 5: probes in classes the earlier red teams did not use
// (test/unit/public-redteam5-cases.js) read from the raw text, each refused in the right
// category (at the exact leaf where the probe names one) without printing a planted secret;
// a clean corpus that must pass; the look-alikes each new rule must leave alone; bounded cost
// on hostile inputs; and input that is not JSON refused as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublicPayload, parsePublicPayload } from '../../dist/public/boundary.js';
import { cleanPasses, probesRefused } from '../helpers/public-redteam.js';
import { CLEAN, PLANTED, PROBES } from './public-redteam5-cases.js';

probesRefused(PROBES, PLANTED);

cleanPasses('public check: every clean payload of the red team 5 corpus passes', CLEAN, 15);

const SSH_PUB = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMn';
// each new rule next to what it must leave alone
const LOOK_ALIKES = [
  { certFingerprint: `${'AB:CD:'.repeat(15)}EF` }, // a fingerprint: more than six byte pairs
  { time: '12:30:45', ratio: '16:9', version: '1a:2b:3c:4d:5e' }, // five pairs is no MAC
  { publicKey: SSH_PUB, sshPublicKey: `${SSH_PUB} node-7f3a host key` }, // a public key without user@host
  { note: 'meet at noon dot', talk: 'see you at the meetup dot' }, // "at" and "dot" without a domain
  { mac: true, machineId: 'unknown', serialNumber: 'To Be Filled By O.E.M.', serial: '1234-5678-9012-3456' },
  { requestId: '6ff42ae2-765d-4adf-8112-31c55c1551ef', gpu: 'NVIDIA H100 80GB HBM3' }, // a UUID without GPU-
  { dns: '2606:4700:4700::1111', docs: '2001:db8::1' }, // public IPv6
  { window: '2026-12-01T00:00:00Z/2026-12-01T04:00:00Z', at: '2026-12-01T00:00:00+01:00' }, // ISO intervals
  { endpoints: [{ path: '/v1/chat/completions' }, { path: '/api/tags' }, { path: '/healthz' }] }, // API routes under path
  { response: { status: 200, latencyMs: 12 }, history: { uptime: [0.99, 1] } }, // counts under prompt and log keys
  { node: { id: 'node-7f3a' }, device: { id: 'cuda:0' }, gpus: [{ index: 0, name: 'NVIDIA H100' }] }, // ids that are no machine's
  { request: { text: 'ok' }, label: { text: 'node restarted after upgrade to version 0.4.2' } }, // a label, not a request
  { fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' }, // a host key's fingerprint alone
];
test('public check: red team 5 look-alikes stay clean', () => {
  for (const payload of LOOK_ALIKES) {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, true, `${JSON.stringify(payload)}: ${JSON.stringify(r.violations)}`);
  }
});

test('public check: a prompt refused whole is not reported again at each message, but a credential inside it is', () => {
  const r = checkPublicPayload({
    response: { headers: { 'set-cookie': 'sid=x9Q2w8E4r7T1y6U3pL5m; HttpOnly' }, body: 'Sure, here is your summary.' },
    messages: [{ role: 'user', content: 'hello there' }],
  });
  const pairs = r.violations.map((v) => [v.path, v.category]);
  assert.ok(
    pairs.some(([p, c]) => p === '$.response.headers["set-cookie"]' && c === 'credential'),
    JSON.stringify(pairs),
  );
  assert.equal(pairs.filter(([p, c]) => p.startsWith('$.messages') && c === 'raw-prompt-output').length, 1, JSON.stringify(pairs));
  assert.ok(!JSON.stringify(r.violations).includes('x9Q2w8E4r7T1y6U3pL5m'));
});

test('public check: red team 5 rules read hostile inputs in bounded time', () => {
  const big = 2_000_000;
  const inputs = [
    'aa:'.repeat(big / 3), // byte pairs without end
    ' a at b dot c'.repeat(big / 13), // words around at/dot
    `ssh-rsa AAAA${'A'.repeat(big)} `, // a key without a comment
    'GPU-'.repeat(big / 4),
    `fe80:${':1'.repeat(big / 2)}`,
    '2026-12-01T00:00:00Z/'.repeat(big / 21),
  ];
  for (const s of inputs) {
    const t = Date.now();
    checkPublicPayload({ note: s });
    assert.ok(Date.now() - t < 10_000, `${s.slice(0, 12)}…: ${Date.now() - t} ms`);
  }
  const t = Date.now();
  checkPublicPayload({ response: Array.from({ length: 50_000 }, (_, i) => ({ role: 'assistant', content: `reply ${i}` })) });
  assert.ok(Date.now() - t < 10_000, `a wide prompt: ${Date.now() - t} ms`);
});

test('public check: input that is not JSON, or nested too deep, is refused as input, never judged', () => {
  for (const text of ['model: llama\napi_key: x', '{"a":NaN}', "{'a':1}", '[1,]', '', '{"a":1} {"b":2}', 'apiKey=x9Q2w8E4r7T1y6U3pL5m']) {
    assert.throws(() => parsePublicPayload(text), { code: 'E_INVALID_JSON' }, JSON.stringify(text));
    try {
      parsePublicPayload(text);
    } catch (e) {
      assert.ok(!String(e).includes('x9Q2'), 'the error echoes the input');
    }
  }
  assert.throws(() => parsePublicPayload('['.repeat(100_000)), { code: 'E_TOO_DEEP' });
  assert.throws(() => parsePublicPayload(`${'{"a":'.repeat(300)}1${'}'.repeat(300)}`), { code: 'E_TOO_DEEP' });
});
