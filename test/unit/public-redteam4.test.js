// public check, red team 4: probes by structure (test/unit/public-redteam4-cases.js) read from
// the raw text, each refused in the right category at the exact leaf, never printing a planted
// secret; a clean corpus of realistic public payloads that must all pass; and the look-alikes
// that keep each new rule from refusing public data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublicPayload, parsePublicPayload } from '../../dist/public/boundary.js';
import { cleanPasses, probesRefused } from '../helpers/public-redteam.js';
import { CLEAN, PLANTED, PROBES, TOKEN_HASH } from './public-redteam4-cases.js';

const check = (text) => checkPublicPayload(parsePublicPayload(text));

probesRefused(PROBES, PLANTED);

cleanPasses('public check: every clean payload of the red team 4 corpus passes', CLEAN, 20);

// each new rule next to what it must leave alone
const LOOK_ALIKES = [
  '{"api_key":"","apiKey":"","API_KEY_ID":"k1"}', // separators make distinct fields: no reader merges them
  '{"peers":["203.0.113.5:30303"],"node":{"ip":"203.0.113.9"},"publicIp":"198.51.100.4"}', // the node's own public addresses
  '{"siblings":[{"rfilename":"original/params.json"},{"rfilename":"model-00001-of-00004.safetensors"}]}', // a model repo's file list
  `{"files":[{"name":"model.safetensors","hash":"${TOKEN_HASH}"}]}`, // an artifact's hash
  `{"receipt":{"hashes":["${TOKEN_HASH}"]}}`, // a receipt's hashes
  `{"layers":{"${TOKEN_HASH}":{"size":1024}}}`, // a content-addressed blob as a key
  '{"from":"system","message":"node restarted after upgrade to version 0.4.2"}', // an event, not a chat turn
  '{"contact":{"name":"support","url":"https://b3iq.network/support"}}',
  '{"tokens":"1,234","pricing":{"prompt":"$0.15","completion":"0.60"}}',
  '{"tunnels":{"count":2,"healthy":2}}',
  '{"image":"ghcr.io/b3iq/node@sha256:' + 'ab'.repeat(32) + '"}',
  '{"quoteSha256":"' + 'ab'.repeat(32) + '","reportSha384":"' + 'cd'.repeat(48) + '"}',
];
test('public check: red team 4 look-alikes stay clean', () => {
  for (const text of LOOK_ALIKES) {
    const r = check(text);
    assert.equal(r.ok, true, `${text}: ${JSON.stringify(r.violations)}`);
  }
});

test('public check: a token hash is still one without an artifact around it', () => {
  for (const text of [
    `{"keys":[{"name":"ci","hash":"${TOKEN_HASH}"}]}`, // a name without a file extension
    `{"files":[{"name":"ci.key","scopes":["read"],"hash":"${TOKEN_HASH}"}]}`, // record members win
    `{"hashes":["${TOKEN_HASH}","${TOKEN_HASH}"]}`,
  ]) {
    const r = check(text);
    assert.ok(
      r.violations.some((v) => v.category === 'token-hash'),
      `${text}: ${JSON.stringify(r.violations)}`,
    );
    assert.ok(!JSON.stringify(r.violations).includes(TOKEN_HASH.slice(7)));
  }
});

test('public check: a duplicate written differently names the later key, escaped when invisible', () => {
  const r = check('{"apiKey":"","api\\u200bKey":""}');
  assert.deepEqual(
    r.violations.map((v) => [v.path, v.category]),
    [['$["api\\u200bKey"]', 'duplicate-key']],
  );
});

test('public check: a secret subtree names each leaf, and labels keys that may be secrets', () => {
  const r = check(JSON.stringify({ passwords: { hunter2: 'x', prod: { db: 'Zq9-Hunter-2' } } }));
  assert.deepEqual(
    r.violations.map((v) => [v.path, v.category]),
    [
      ['$.passwords["[key]"]', 'credential'],
      ['$.passwords.prod.db', 'credential'],
    ],
  );
});

test('public check: red team 4 rules read large inputs in linear time', () => {
  const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
  const bytes = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [String(i), i & 255]));
  for (const payload of [wide, { quote: bytes }, { quote: Array(200_000).fill('ab') }, { client: Array(50_000).fill({ ip: '198.51.100.7' }) }]) {
    const t = Date.now();
    checkPublicPayload(payload);
    assert.ok(Date.now() - t < 8000, `${Date.now() - t} ms`);
  }
});

test('public check: what the clean-corpus fixes let through is narrow', () => {
  for (const [payload, category] of [
    [{ note: 'license: XK29-FJ3L-22KD-QQ9Z-7HQ2' }, 'credential'], // a product key, not a license family id
    [{ license_key: 'XK29-FJ3L-22KD-QQ9Z' }, 'credential'],
    [{ tokens: [128000, 9906, 11, 1268, 527, 499, 30, 1234] }, 'credential'], // token ids of a prompt
    [{ tokens: { access: 'at-9f8e7d6c5b4a' } }, 'credential'],
    [{ pricing: { prompt: 'what is the price of gold' } }, 'raw-prompt-output'],
    [{ keys: [{ name: 'ci', sha256: TOKEN_HASH }] }, 'token-hash'],
  ]) {
    const r = checkPublicPayload(payload);
    assert.ok(
      r.violations.some((v) => v.category === category),
      `${JSON.stringify(payload)}: ${JSON.stringify(r.violations)}`,
    );
  }
});

test('public check: keys that name who asked are labelled, and an identity object is not opened', () => {
  const r = checkPublicPayload({
    clients: { '198.51.100.7': { requests: 5 } },
    requestsByUser: { 'Alice Johnson': 3 },
    users: { alice: { email: 'alice@acme.com' } },
  });
  assert.deepEqual(
    r.violations.map((v) => [v.path, v.category]),
    [
      ['$.clients["[client-address]"]', 'customer-identity'],
      ['$.requestsByUser["[customer-name]"]', 'customer-identity'],
      ['$.users', 'customer-identity'],
    ],
  );
  assert.equal(checkPublicPayload({ peers: { '203.0.113.5': { latencyMs: 3 } }, models: { 'Llama Guard': 1 } }).ok, true);
});

test("public check: a license key after a family's word is no license tag (license:mit-8f3k2j9x)", () => {
  for (const tag of ['license:mit-8f3k2j9x', 'license:apache-ab12-cd34', 'License: gpl-7QxK2pLm9Z']) {
    const r = check(JSON.stringify({ model: { tags: [tag] } }));
    assert.ok(r.violations.length > 0, `${tag} passed`);
    assert.ok(!JSON.stringify(r.violations).includes(tag.split(/[:]\s*/)[1]), `${tag} printed`);
  }
  for (const tag of ['license:apache-2.0', 'License: Llama3.1', 'license:llama3.1-8b', 'license:cc0-1.0', 'license:gpl-2.0+', 'license:qwen-research']) {
    assert.deepEqual(check(JSON.stringify({ model: { tags: [tag] } })).violations, [], tag);
  }
});
