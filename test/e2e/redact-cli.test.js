// b3iq redact in process (test/harness): stdin and files, the fixture corpus, counts on
// stderr; the real binary for the heap cap and process warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, tempDir, ROOT } from '../harness/index.js';
import { run as spawnRun } from '../helpers/cli.js';

const corpus = join(ROOT, 'test', 'fixtures', 'redact');
const canaries = JSON.parse(readFileSync(join(corpus, 'canaries.json'), 'utf8'));
const keeps = JSON.parse(readFileSync(join(corpus, 'must-keep.json'), 'utf8'));
const corpusFiles = [...new Set([...canaries, ...keeps].map((c) => c.file))].sort();
// The corpus is written for an operator whose home is /home/margot.
const margot = { home: '/home/margot/.config/b3iq', env: { HOME: '/home/margot' } };

test('redact: stdin to stdout, counts by category on stderr; --quiet silences them', async () => {
  const input = 'user bob@example.com from 10.9.8.7\nAuthorization: Bearer abcdefghijklmnop123456\nstatus=ready\n';
  const r = await ok(['redact'], { input });
  assert.equal(r.stdout, 'user [email-1] from [ip-1]\nAuthorization: Bearer [REDACTED:authorization]\nstatus=ready\n');
  assert.match(r.stderr, /redacted 3: authorization 1, email 1, ip 1/);
  const q = await ok(['redact', '-q', '-'], { input });
  assert.equal(q.stdout, r.stdout);
  assert.equal(q.stderr, '');
  const j = await ok(['redact', '--json'], { input });
  assert.equal(j.stdout, r.stdout, 'stdout stays the redacted text');
  assert.deepEqual(JSON.parse(j.stderr), { redactions: { email: 1, ip: 1, authorization: 1 } });
  const clean = await ok(['redact'], { input: 'nothing to see\n' });
  assert.equal(clean.stdout, 'nothing to see\n');
  assert.match(clean.stderr, /nothing redacted/);
});

test('redact FILE…: files in turn, one pseudonym table for the run; stdin among them', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.log'), 'peer 10.1.1.1 then 10.2.2.2\n');
  writeFileSync(join(dir, 'b.log'), 'peer 10.2.2.2\n');
  const r = await ok(['redact', join(dir, 'a.log'), '-', join(dir, 'b.log')], { input: 'stdin 10.1.1.1\n' });
  assert.equal(r.stdout, 'peer [ip-1] then [ip-2]\nstdin [ip-1]\npeer [ip-2]\n');
});

test('redact: a missing file or a folder is exit 2 before any output', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.log'), 'x 10.1.1.1\n');
  const r = await run(['redact', join(dir, 'a.log'), join(dir, 'missing.log')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_BAD_INPUT/);
  assert.equal(r.stdout, '');
  const d = await run(['redact', dir]);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /directory/);
});

test('redact: the fixture corpus through the binary, every canary gone, every must-keep kept', async (t) => {
  const r = await ok(['redact', ...corpusFiles.map((f) => join(corpus, f))], margot);
  const missed = canaries.filter((c) => r.stdout.includes(c.value));
  const lost = keeps.filter((k) => !r.stdout.includes(k.value));
  t.diagnostic(`CLI canary recall ${canaries.length - missed.length}/${canaries.length}, must-keep ${keeps.length - lost.length}/${keeps.length}`);
  assert.deepEqual(
    missed.map((c) => `${c.file}: ${c.category}`),
    [],
  );
  assert.deepEqual(
    lost.map((k) => `${k.file}: ${k.value}`),
    [],
  );
  // the same corpus through stdin, one file at a time, gives the same text for that file
  const one = readFileSync(join(corpus, 'app.jsonl'));
  const s = await ok(['redact'], { ...margot, input: one });
  for (const c of canaries.filter((c) => c.file === 'app.jsonl')) assert.ok(!s.stdout.includes(c.value), c.category);
});

test('redact: large input streams in bounded memory', async () => {
  // 24 MiB of log lines with a secret at the very end; the heap is capped at 48 MiB, which
  // only a process of its own can have (spawned).
  const line = '2025-03-01T10:11:01Z INFO node-7f3a9c21 status=ready served 12 requests in 3ms\n';
  const big = Buffer.from(line.repeat(Math.ceil((24 * 1024 * 1024) / line.length)) + 'token=' + 'b3iq_local_' + 'A'.repeat(40) + '\n');
  const r = await spawnRun(['redact', '-q'], { input: big, env: { NODE_OPTIONS: '--max-old-space-size=48' }, timeout: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.length >= big.length - 64);
  assert.ok(!r.stdout.includes('b3iq_local_AAAA'));
  assert.ok(r.stdout.endsWith('[REDACTED:local-key]\n'), r.stdout.slice(-80));
});

test('redact with many files: no listener-leak warning on stderr (one pipeline for the run)', async () => {
  // Spawned: the warning is the process's own, printed by node on the real stderr.
  const dir = tempDir();
  const files = Array.from({ length: 14 }, (_, i) => {
    const f = join(dir, `${i}.log`);
    writeFileSync(f, `peer 10.0.0.${i}\n`);
    return f;
  });
  const r = await spawnRun(['redact', ...files]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n').length, 15);
  assert.doesNotMatch(r.stderr, /MaxListeners|Warning/);
  assert.match(r.stderr, /redacted 14: ip 14/);
});

test('redact: structured and adversarial shapes through the CLI (Secret data, JWK, URL-encoded, wrapped, mnemonic lines at the end of a file)', async () => {
  const b64 = Buffer.from('db-password=Zq8xW1mN4kP7!').toString('base64');
  // a checksum-valid 12-word mnemonic (BIP-39 test vector entropy 7f7f…7f)
  const words = 'legal winner thank year wave sausage worth useful legal winner thank yellow'.split(' ');
  const input = [
    'apiVersion: v1',
    'kind: Secret',
    'data:',
    `  config.yml: ${b64}`,
    '---',
    `jwk {"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}`,
    'GET /cb?api%5Fkey=Zx81kqP0aL2mN7vB4cR9tY 200',
    'cert: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
    'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
    'recovery words:',
    ...words.map((w, i) => `${i + 1}. ${w}`),
  ].join('\n');
  const dir = tempDir();
  const file = join(dir, 'node.log');
  writeFileSync(file, input);
  for (const r of [await ok(['redact'], { input }), await ok(['redact', file])]) {
    for (const secret of [b64, 'GawgguFyGrWKav7AX4VKUg', 'Zx81kqP0aL2mN7vB4cR9tY', 'MzEfYyjiWA4R4', 'legal', 'sausage']) {
      assert.ok(!r.stdout.includes(secret), `leaked ${secret}:\n${r.stdout}`);
    }
    assert.ok(r.stdout.endsWith('12. [REDACTED:mnemonic]'), 'held word lines come out at the end, without an added newline');
    assert.match(r.stderr, /mnemonic 1/);
    assert.match(r.stderr, /secret \d/);
  }
});
