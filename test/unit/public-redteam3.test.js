// public check, red team 3: realistic node/model/receipt/settlement/readiness documents with one
// bad field planted at depth, in arrays, under innocuous keys (test/unit/public-redteam3-cases.js),
// and a clean corpus of realistic public payloads that must all pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublicPayload } from '../../dist/public/boundary.js';
import { PROBES, CLEAN } from './public-redteam3-cases.js';

for (const [cls, label, payload, category] of PROBES) {
  test(`public check refuses [${cls}] ${label}`, () => {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, false, label);
    const want = [category].flat();
    assert.ok(
      r.violations.some((v) => want.includes(v.category)),
      `${label}: ${JSON.stringify(r.violations)}`,
    );
  });
}

test('public check: every clean payload of the corpus passes', () => {
  assert.ok(CLEAN.length >= 30);
  for (const payload of CLEAN) {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, true, `${JSON.stringify(payload).slice(0, 160)}: ${JSON.stringify(r.violations)}`);
  }
});

test('public check: violation paths and messages never repeat a planted secret', () => {
  for (const [, label, payload] of PROBES) {
    const out = JSON.stringify(checkPublicPayload(payload).violations);
    for (const leaf of leaves(payload)) {
      if (leaf.length >= 12 && /\d/.test(leaf) && !/^[\w.-]*\/[\w.-]+$/.test(leaf)) assert.ok(!out.includes(leaf), `${label} printed a value`);
    }
  }
});

function leaves(v, out = []) {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) leaves(x, out);
  return out;
}

// each class fixed by src/public/exposure.ts and the key table: the look-alikes stay clean
const LOOK_ALIKES = [
  { docs: 'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/' },
  { note: 'quick tunnels (trycloudflare) are not supported' },
  { tee: { type: 'tdx', verified: true } },
  { tdx: { verified: true, tcbStatus: 'UpToDate' } },
  { receipts: [{ hash: 'sha256:' + 'ab'.repeat(32), count: 3 }] },
  { owner: '0x' + '7a'.repeat(20) },
  { owner: 'operator' },
  { billing: { currency: 'USD', cycle: 'monthly' } },
  { trace: false },
  { message: 'HTTP/1.1 upgrade to HTTP/2 enabled' },
  { env: [{ name: 'TOKENIZER_PARALLELISM', data: 'false' }] },
  { percent: '12%', addr: 'fe80 is link-local' },
];
test('public check: red team 3 look-alikes stay clean', () => {
  for (const payload of LOOK_ALIKES) {
    const r = checkPublicPayload(payload);
    assert.equal(r.ok, true, `${JSON.stringify(payload)}: ${JSON.stringify(r.violations)}`);
  }
});

test('public check: a receipt hash under a credential record is still a token hash', () => {
  const r = checkPublicPayload({ receipt: { id: 'lk_9f3a21c0', hash: 'sha256:' + 'ab'.repeat(32) } });
  assert.ok(r.violations.some((v) => v.category === 'token-hash'));
  const r2 = checkPublicPayload({ node: { hash: 'sha256:' + 'ab'.repeat(32) } });
  assert.ok(r2.violations.some((v) => v.category === 'token-hash'));
});

test('public check: red team 3 rules read 2 MB worst cases in linear time', () => {
  // a run of labels once cost minutes: the quick-tunnel suffix was matched after every label
  for (const s of ['a.'.repeat(1e6), '"GET /'.repeat(3e5), 'MIIabCCA'.repeat(2e5), 'fe80:'.repeat(3e5), 'Abc '.repeat(4e5)]) {
    const t = Date.now();
    checkPublicPayload({ owner: s, note: s });
    assert.ok(Date.now() - t < 8000, `${s.slice(0, 8)}: ${Date.now() - t} ms`);
  }
});
