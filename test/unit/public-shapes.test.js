// The public-boundary check on structured secrets that no key name announces: a Kubernetes
// Secret's data, a JWK under any key, a mnemonic as a JSON array of words, tool credentials
// (Bundler per-host, sonar.login), credentials URL-encoded inside a string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { checkPublicPayload, parsePublicPayload } from '../../dist/index.js';

const check = (v) => checkPublicPayload(parsePublicPayload(JSON.stringify(v)));
const categories = (v) => check(v).violations.map((x) => `${x.path} ${x.category}`);
const B64 = Buffer.from('db-password=Zq8xW1mN4kP7!').toString('base64');

test("public check: a Kubernetes Secret's data and stringData are credentials, whatever their keys", () => {
  assert.deepEqual(categories({ apiVersion: 'v1', kind: 'Secret', data: { 'config.yml': B64, DB_HOST: 'ZGIuaW50ZXJuYWw=' } }), ['$.data credential']);
  assert.deepEqual(categories({ manifests: [{ kind: 'secret', stringData: { 'tls.crt': 'MIIC…', region: 'eu-west-1' } }] }), [
    '$.manifests[0].stringData credential',
  ]);
  assert.equal(check({ kind: 'ConfigMap', data: { region: 'eu-west-1' } }).ok, true, 'a ConfigMap stays');
});

test('public check: a JWK private member under any enclosing key; a public JWK stays', () => {
  const pub = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
  assert.deepEqual(categories({ signing: { ...pub, d: 'jpsQnnGQmL-YBIffH1136cLvsrt9cLp_Xq4EWgBzP5M' } }), ['$.signing.d credential']);
  assert.deepEqual(categories({ jwks: [{ kty: 'oct', k: 'GawgguFyGrWKav7AX4VKUg' }] }), ['$.jwks[0].k credential']);
  assert.equal(check({ jwks: { keys: [pub] } }).ok, true);
});

test('public check: a mnemonic as a JSON array of words; a list of ordinary words stays', () => {
  for (const bits of [128, 256]) {
    const words = generateMnemonic(wordlist, bits).split(' ');
    assert.deepEqual(categories({ backup: { words } }), ['$.backup.words credential']);
  }
  const tags = ['fast', 'cheap', 'local', 'gpu', 'cuda', 'vllm', 'llama', 'mistral', 'qwen', 'gemma', 'phi', 'code'];
  assert.equal(check({ tags }).ok, true);
});

test('public check: tool credentials under names that say nothing secret, and URL-encoded credentials', () => {
  assert.deepEqual(categories({ env: { BUNDLE_GEMS__CONTRIBSYS__COM: 'cafe1bab:dead2bef', BUNDLE_PATH: 'vendor/bundle' } }), [
    '$.env.BUNDLE_GEMS__CONTRIBSYS__COM credential',
  ]);
  assert.deepEqual(categories({ props: { 'sonar.login': '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432' } }), ['$.props["sonar.login"] credential']);
  assert.deepEqual(categories({ callback: 'https://node.example/cb?api%5Fkey=Zx81kqP0aL2mN7vB4cR9tY' }), ['$.callback credential']);
});
