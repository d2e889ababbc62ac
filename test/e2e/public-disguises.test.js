// b3iq public check through the real binary (spawned), from a file and from stdin, human and
// --json: disguised secrets are exit 1 and never printed; bytes that are not UTF-8, an empty
// file and nesting past the bound are exit 2; a BOM and CRLF line ends are fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run, tempDir } from '../helpers/cli.js';

const BODY = '9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const LOCAL = `b3iq_local_${BODY}`;
const SECRET = 'Zx9Qw8Er7Ty6Ui5Op4';

/** [name, payload bytes] — each must be exit 1, and print none of BODY/SECRET. */
const DISGUISED = [
  ['zero-width space in a token', JSON.stringify({ note: `b3iq_local_\u200b${BODY}` })],
  ['\\u escapes in key and value', `{"api\\u004bey":"${SECRET}","note":"\\u0062\\u0033iq_local_${BODY}"}`],
  ['upper-case token as a key', JSON.stringify({ [LOCAL.toUpperCase()]: true })],
  ['gzip + base64', JSON.stringify({ blob: gzipSync(JSON.stringify({ apiKey: LOCAL })).toString('base64') })],
  ['character codes', JSON.stringify({ c: [...LOCAL].map((c) => c.charCodeAt(0)) })],
  ['token split between key and value', JSON.stringify({ b3iq_local_: BODY })],
  ['numeric password', '{"password":918273645}'],
  ['top-level string', JSON.stringify(LOCAL)],
  ['duplicate key deep down', `{"a":{"b":[{"token":"${SECRET}","token":""}]}}`],
];

test('disguised secrets: exit 1 from a file and from stdin, human and --json, never printed', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of DISGUISED) {
    const file = join(dir, 'payload.json');
    writeFileSync(file, text);
    for (const args of [
      ['public', 'check', file, '--json'],
      ['public', 'check', '-', '--json'],
      ['public', 'check', file],
    ]) {
      const r = await run(args, args.includes('-') ? { input: text } : {});
      assert.equal(r.code, 1, `${name}: ${args.join(' ')}\n${r.stderr}`);
      if (args.includes('--json')) assert.equal(JSON.parse(r.stdout).ok, false, name);
      for (const s of [BODY, BODY.toUpperCase(), SECRET]) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${name} printed a secret`);
    }
  }
});

test('input that is not UTF-8, empty or too deep is exit 2 (E_INVALID_JSON / E_TOO_DEEP); a BOM and CRLF are fine', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'latin1.json');
  writeFileSync(bad, Buffer.concat([Buffer.from(`{"note":"${LOCAL.slice(0, 20)}`), Buffer.from([0xff]), Buffer.from(`${LOCAL.slice(20)}"}`)]));
  const r = await run(['public', 'check', bad, '--json']);
  assert.equal(r.code, 2);
  assert.equal(JSON.parse(r.stderr).error.code, 'E_INVALID_JSON');
  assert.ok(!r.stderr.includes(BODY.slice(10, 30)));
  const utf16 = await run(['public', 'check', '-'], { input: Buffer.from('\ufeff{"a":1}', 'utf16le') });
  assert.equal(utf16.code, 2);
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '');
  assert.equal((await run(['public', 'check', empty])).code, 2);
  const deep = await run(['public', 'check', '-', '--json'], { input: `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
  assert.equal(deep.code, 2);
  assert.equal(JSON.parse(deep.stderr).error.code, 'E_TOO_DEEP');
  const bom = join(dir, 'bom.json');
  writeFileSync(bom, '\ufeff{\r\n  "status": "up",\r\n  "models": ["llama"]\r\n}\r\n');
  const clean = await run(['public', 'check', bom, '--json']);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(JSON.parse(clean.stdout), { ok: true, violations: [] });
});
