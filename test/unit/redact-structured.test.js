// Wallet material and multi-line secrets: BIP-39 mnemonics anywhere, raw 64-hex keys in key
// or command contexts, PEM blocks in any framing (log prefixes, comments, one-line bodies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { redact } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS);

test('BIP-39 mnemonics with no key name, 12 to 24 words, checksum-validated', () => {
  for (const bits of [128, 160, 192, 224, 256]) {
    const phrase = generateMnemonic(wordlist, bits);
    for (const line of [`restored wallet from ${phrase} ok`, phrase, `words: ${phrase.split(' ').join(', ')}`]) {
      const out = r(line);
      const words = phrase.split(' ');
      for (let i = 0; i + 3 <= words.length; i++) assert.ok(!out.text.includes(words.slice(i, i + 3).join(' ')), `${bits}: ${out.text}`);
      assert.ok((out.counts.mnemonic ?? 0) >= 1, `${bits}: ${out.text}`);
    }
  }
  assert.equal(r('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about').text, '[REDACTED:mnemonic]');
});

test('prose of listed words whose checksum fails is kept', () => {
  const prose = 'the cat sat on the mat and then the dog ran away fast';
  assert.equal(r(prose).text, prose);
  // twelve listed words, checksum wrong (the last word changed)
  const bad = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon';
  assert.equal(r(bad).text, bad);
});

test('a long line of words costs linear time', () => {
  const t0 = performance.now();
  r('lorem ipsum '.repeat(80_000));
  r('word '.repeat(100_000));
  assert.ok(performance.now() - t0 < 8000);
});

test('raw 64-hex private keys in key and command contexts; digests elsewhere kept', () => {
  const hex = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
  for (const line of [
    `echo ${hex} > ~/.wallet/key`,
    `echo "0x${hex}" > key.txt`,
    `printf '%s' ${hex} | cast wallet import dev`,
    `PRIVATE_KEY=${hex}`,
    `wallet key ${hex}`,
    `--private-key ${hex}`,
  ]) {
    assert.ok(!r(line).text.includes(hex), line);
  }
  for (const line of [`sha256 ${hex}  node.tar.gz`, `"sha256":"${hex}"`, `tx ${hex} confirmed`, `${hex}  dist/b3iq.tgz`]) {
    assert.ok(r(line).text.includes(hex), line);
  }
});

const BODY = [
  'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oJtwj8nSJJGqoAoGCCqGSM49',
  'AwEHoUQDQgAE7gLPr8jq6BAXPIvfHvzJgu4L3IsdJ3oCxcB2SXpvXgQZqBHCbVOM',
  'g0MoR3WiAyU6Yu4EtTQ2xY6mE9UlJ9w1bA==',
];

test('PEM in any framing: syslog/journald, kubectl and docker timestamps, comments', () => {
  const framings = [
    (i) => `May 01 12:00:0${i} host app[811]: `,
    (i) => `2026-05-01T12:00:0${i}.12345${i}789Z `,
    (i) => `2026-05-01T12:00:0${i}.${'1'.repeat(i + 1)}Z stdout F `,
    () => '# ',
    () => '    ',
  ];
  for (const f of framings) {
    const text = [
      f(0) + '-----BEGIN EC PRIVATE KEY-----',
      ...BODY.map((b, i) => f(i + 1) + b),
      f(5) + '-----END EC PRIVATE KEY-----',
      f(6) + 'next line kept',
    ].join('\n');
    const out = r(text).text;
    for (const b of BODY) assert.ok(!out.includes(b.slice(0, 20)), `${f(0)}: ${out}`);
    assert.match(out, /next line kept$/);
  }
});

test('a one-line PEM body of any length', () => {
  const body = 'MIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEA'.repeat(5);
  const out = r(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`).text;
  assert.equal(out, '[REDACTED:private-key]\n'); // the block's lines collapse into its first
});

test('b3iq tokens URL-encoded or base64-wrapped, and record token hashes', () => {
  const tok = 'b3iq_local_' + 'Ab3kQ9xW2mR7tY5uP1oL8nB4vC6'.repeat(2);
  const enc = tok.replace(/_/g, '%5F');
  assert.ok(!r(`GET /v1/models/${enc} 200`).text.includes(enc.slice(12)));
  const b64 = Buffer.from(tok).toString('base64');
  assert.equal(r(`x-forwarded-credential ${b64}`).text, 'x-forwarded-credential [REDACTED:local-key]');
  const hash = 'sha256:' + '7469ab'.repeat(10) + 'abcd';
  assert.equal(r(`{"id":"lk_PbtnKjKQjYMM2","hash":"${hash}"}`).text, '{"id":"lk_PbtnKjKQjYMM2","hash":"[REDACTED:token-hash]"}');
  assert.equal(r(`{"digest":"${hash}"}`).text, `{"digest":"${hash}"}`); // an image digest is kept
});
