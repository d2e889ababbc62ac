// Structural and adversarial shapes: values secret by where they stand (Kubernetes Secret
// data, JWK private members), credentials hidden by an encoding (URL-encoded, escaped JSON),
// home-folder paths in every form, wrapped base64 and terminal-wrapped tokens, mnemonics in
// any layout, and tool credentials under names that say nothing secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { redact, createRedactStream } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS);
const B64 = Buffer.from('db-password=Zq8xW1mN4kP7!').toString('base64');
const assertGone = (out, values, label = '') => {
  for (const v of values) assert.ok(!out.includes(v), `${label} leaked ${v}:\n${out}`);
};

test('Kubernetes Secret (YAML): every data/stringData value, whatever its key; a ConfigMap keeps its data', () => {
  const doc = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: app-config',
    'type: Opaque',
    'data:',
    `  config.yml: ${B64}`,
    '  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
    `  DB_HOST: "${Buffer.from('db.prod.internal').toString('base64')}"`,
    '  .dockerconfigjson: |',
    '    eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlIjp7ImF1dGgiOiJkWE5sY2pwd1lYTnoifX19',
    'stringData:',
    '  DB_USER: app_writer',
    '  endpoint: https://db.example.net:5432/app',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    '  LOG_LEVEL: debug',
    '  region: eu-west-1',
  ].join('\n');
  const out = r(doc).text;
  assertGone(out, [B64, 'LS0tLS1CRUdJTiBDRVJU', Buffer.from('db.prod.internal').toString('base64'), 'eyJhdXRocyI6', 'app_writer', 'db.example.net']);
  for (const k of ['config.yml:', 'tls.crt:', 'DB_HOST:', '.dockerconfigjson:', 'DB_USER:']) assert.ok(out.includes(`${k} [REDACTED:secret]`), out);
  assert.ok(out.includes('LOG_LEVEL: debug') && out.includes('region: eu-west-1'), 'a ConfigMap after --- keeps its data');
});

test('Kubernetes Secret as kubectl prints it (data before kind), and in JSON one-line and pretty', () => {
  // kubectl sorts keys: data comes before kind; base64 data values are redacted before the kind is known
  const sorted = `apiVersion: v1\ndata:\n  token: ${B64}\n  ca.crt: TUlJQ3lEQ0NBYkNnQXdJQkFnSUJBREFO\nkind: Secret\nmetadata:\n  name: sa-token\n`;
  assertGone(r(sorted).text, [B64, 'TUlJQ3lEQ0NBYkNnQXdJQkFnSUJBREFO'], 'sorted');
  const oneLine = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { 'config.yml': B64, DB_HOST: 'ZGIuaW50ZXJuYWw=' } });
  assertGone(r(oneLine).text, [B64, 'ZGIuaW50ZXJuYWw='], 'one line');
  const pretty = JSON.stringify({ apiVersion: 'v1', data: { 'config.yml': B64, 'tls.key': 'TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC' }, kind: 'Secret' }, null, 2);
  const out = r(pretty).text;
  assertGone(out, [B64, 'TUlJRXZRSUJBREFOQmdrcWhraUc5dzBC'], 'pretty');
  assert.doesNotThrow(() => JSON.parse(out.replaceAll('[REDACTED:secret]', 'x')), 'the document stays JSON');
});

test('Kubernetes: an ExternalSecret data list and a ConfigMap in JSON are not Secret data', () => {
  const ext = 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n    - remoteRef:\n        property: host\n        version: v2\n';
  assert.equal(r(ext).text, ext);
  const cm = JSON.stringify({ kind: 'ConfigMap', data: { region: 'eu-west-1', mode: 'fast' } });
  assert.equal(r(cm).text, cm);
});

const JWK_D = 'X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURk';
const JWK_P = '83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60e';
const JWK_Q = '3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIr';
const JWK_K = 'GawgguFyGrWKav7AX4VKUg';

test('JWK private members in any object carrying kty, whatever the enclosing key; public members stay', () => {
  const rsa = {
    kty: 'RSA',
    n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W',
    e: 'AQAB',
    d: JWK_D,
    p: JWK_P,
    q: JWK_Q,
    dp: JWK_P.slice(3),
    dq: JWK_Q.slice(3),
    qi: JWK_D.slice(5),
  };
  for (const line of [
    `2026-05-01T12:00:00Z INFO loaded signing material ${JSON.stringify({ signer: rsa })}`,
    `cfg = ${JSON.stringify({ kty: 'oct', k: JWK_K, alg: 'A128KW' })}`,
    `{"msg":"jwk","detail":"${JSON.stringify({ kty: 'EC', crv: 'P-256', d: JWK_D }).replaceAll('"', '\\"')}"}`,
    `key={'kty': 'OKP', 'crv': 'Ed25519', 'd': '${JWK_D}'}`,
  ]) {
    const out = r(line).text;
    assertGone(out, [JWK_D, JWK_P, JWK_Q, JWK_K, JWK_D.slice(5)], line.slice(0, 40));
    if (line.includes('"e":"AQAB"')) assert.ok(out.includes('"e":"AQAB"'), 'the public exponent stays');
  }
});

test('JWK pretty-printed: members after kty, and a long member before it', () => {
  const after = JSON.stringify({ keys: [{ kty: 'oct', kid: 'k1', k: JWK_K }] }, null, 2);
  assertGone(r(after).text, [JWK_K], 'after');
  const before = `{\n  "d": "${JWK_D}",\n  "crv": "P-256",\n  "kty": "EC"\n}`;
  const out = r(before).text;
  assertGone(out, [JWK_D], 'before');
  assert.ok(out.includes('"crv": "P-256"'));
});

test('credentials inside URL-encoded query strings and bodies', () => {
  const tok = 'b3iq_local_' + 'Ab3kQ9xW2mR7tY5uP1oL8nB4vC6'.repeat(2);
  const cases = [
    ['GET /cb?api%5Fkey=Zx81kqP0aL2mN7vB4cR9tY&page=2 200', 'Zx81kqP0aL2mN7vB4cR9tY'],
    ['body=user%3Dbob%26password%3DhUnter2Xy9%21%26go%3D1', 'hUnter2Xy9'],
    ['header x-token%3A%20aB9xQ2mZ7kL4pR8vN1wS sent', 'aB9xQ2mZ7kL4pR8vN1wS'],
    [`redirect=${encodeURIComponent(`https://node.example/?token=${tok}`)}`, tok.slice(11, 30)],
    [`k=${tok.replaceAll('_', '%5F')}`, tok.slice(11, 30)],
    [`q=${encodeURIComponent(encodeURIComponent('client_secret=Qm8zK2pL9xW4vN7r'))}`, 'Qm8zK2pL9xW4vN7r'],
  ];
  for (const [line, secret] of cases) assertGone(r(line).text, [secret], line);
  const clean = 'GET /search?q=100%25%20cpu&page=2 200';
  assert.equal(r(clean).text, clean, 'an encoded run that hides nothing is kept byte for byte');
});

test('double-escaped JSON keeps its credentials redacted', () => {
  const line = 'msg="{\\\\\\"password\\\\\\":\\\\\\"Zq8xW1mN4kP7\\\\\\",\\\\\\"api_key\\\\\\":\\\\\\"sk3tR9vLm2QxW8\\\\\\"}"';
  assertGone(r(line).text, ['Zq8xW1mN4kP7', 'sk3tR9vLm2QxW8']);
});

test('home-folder paths in every quoting and encoding form; other system paths stay', () => {
  const forms = [
    ['open /root/.cache/huggingface/hub failed', '/root'],
    ['model file:///home/alice/models/llama.gguf', 'alice'],
    ['{"p":"C:\\\\Users\\\\bobby\\\\AppData\\\\x"}', 'bobby'],
    ['{"p":"C:\\\\\\\\Users\\\\\\\\bobby\\\\\\\\x"}', 'bobby'],
    ['cwd c:\\users\\carla\\models', 'carla'],
    ['file:///C:/Users/dmitri/x.bin', 'dmitri'],
    ['wsl /mnt/c/Users/erin/Downloads/m.gguf', 'erin'],
    ['/var/home/frank/.cache/vllm', 'frank'],
    ['{"path":"\\/home\\/gina\\/models\\/x"}', 'gina'],
    ['GET /x?f=%2Fhome%2Fhank%2Fm 404', 'hank'],
    ['mail in /var/mail/ivan', 'ivan'],
  ];
  for (const [line, name] of forms) assertGone(r(line).text, [name], line);
  for (const keep of ['cwd=/var/lib/b3iq/models ok', 'GET /api/users/123 200', 'C:\\Program Files\\b3iq', 'ls /home/ done']) assert.equal(r(keep).text, keep);
});

test('a wrapped base64 block after a short key: its continuation lines go too', () => {
  const lines = [
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
    'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
    'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
    'qgtzJ6GR3eqoYSW9b9UMvkBpZODSctWSNGj3P7jRFDO5VoTwCQAWbFnOjDfH5Ulg',
    'p2PKSQnSJP3AJLQNFNe7br1XbrhV//eO+t51mIpGSDCUv3E0DDFcWDTH9cXDTTlR',
    'ZVEiR2BwpZOOkE/Z0/BVnhZYL71oZV34bKfWjQIt6V/isSMahdsAASACp4ZTGtwi',
    'VuNd9tybAgMBAAE=',
  ];
  for (const key of ['cert', 'tls.key', 'signing_blob']) {
    const out = r(`${key}: ${lines[0]}\n${lines.slice(1).join('\n')}\nnext: ok`).text;
    assertGone(
      out,
      lines.map((l) => l.slice(4, 20)),
      key,
    );
    assert.ok(out.endsWith('\nnext: ok'), out);
  }
  // indented under YAML, base64 of a PEM
  const pem = Buffer.from('-----BEGIN PRIVATE KEY-----\n' + lines.join('\n') + '\n-----END PRIVATE KEY-----\n').toString('base64');
  const wrapped = pem.match(/.{1,76}/g);
  const out = r(
    `  tls.key: ${wrapped[0]}\n${wrapped
      .slice(1)
      .map((l) => '    ' + l)
      .join('\n')}\n  other: 1`,
  ).text;
  assertGone(
    out,
    wrapped.map((l) => l.slice(2, 18)),
    'base64 PEM',
  );
});

test('a token a terminal wrapped, cut anywhere, even right after its prefix', () => {
  const pre = 'May 01 12:00:00 node1 b3iq[811]: using local key for the gateway client now ';
  const tok = 'b3iq_local_' + 'Ab3kQ9xW2mR7tY5uP1oL8nB4vC6'.repeat(2);
  const gh = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  /** @type {Array<[string, number[]]>} */
  const tokens = [
    [tok, [13, 20, 40]],
    [gh, [6, 12, 30]],
    [jwt, [50, 70]],
  ];
  for (const [t, cuts] of tokens) {
    for (const cut of cuts) {
      const out = r(`${pre}${t.slice(0, cut)}\n${t.slice(cut)} (ok)`).text;
      assertGone(out, [t.slice(cut, cut + 8), t.slice(cut - 6, cut)], `${t.slice(0, 6)} cut at ${cut}`);
      assert.ok(out.endsWith(' (ok)'), out);
    }
  }
});

test('BIP-39 mnemonics in every layout: commas, one per line, numbered, mixed case, JSON arrays', () => {
  for (const bits of [128, 160, 192, 224, 256]) {
    const words = generateMnemonic(wordlist, bits).split(' ');
    const layouts = {
      commas: words.join(','),
      'comma-space': `seed words: ${words.join(', ')}`,
      lines: words.join('\n'),
      numbered: words.map((w, i) => `${i + 1}. ${w}`).join('\n'),
      'numbered inline': words.map((w, i) => `${i + 1}) ${w}`).join(' '),
      dashed: words.map((w) => `  - ${w}`).join('\n'),
      'mixed case': words.map((w, i) => (i % 2 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1))).join(' '),
      'json array': `{"restore":${JSON.stringify(words)}}`,
      'json pretty': JSON.stringify(words, null, 2),
    };
    for (const [name, text] of Object.entries(layouts)) {
      const out = r(`-- begin --\n${text}\n-- end --`);
      const low = out.text.toLowerCase();
      for (let i = 0; i + 2 <= words.length; i++)
        assert.ok(!new RegExp(`\\b${words[i]}\\W+(?:\\d+\\W+)?${words[i + 1]}\\b`).test(low), `${bits} ${name}:\n${out.text}`);
      assert.equal(out.counts.mnemonic, 1, `${bits} ${name}`);
      assert.ok(out.text.startsWith('-- begin --\n') && out.text.endsWith('\n-- end --'), `${name}: surrounding lines stay`);
    }
  }
});

test('a listed word right before a mnemonic cannot shield its last words (overlapping windows all go)', () => {
  // "legal … yellow" is valid; find a listed word w such that "w legal … thank" is valid too
  const words = 'legal winner thank year wave sausage worth useful legal winner thank yellow'.split(' ');
  const lead = wordlist.find((w) => {
    try {
      return redact([w, ...words.slice(0, 11)].join(' ')).counts.mnemonic === 1;
    } catch {
      return false;
    }
  });
  assert.ok(lead, 'some listed word makes an overlapping valid window');
  for (const sep of [' ', '\n']) {
    const out = r(`${lead}${sep}${words.join(sep)}`).text;
    assert.ok(!/yellow|sausage/.test(out), `sep ${JSON.stringify(sep)}: ${out}`);
  }
});

test('word lines that spell no mnemonic come out unchanged and in order, streamed or not', async () => {
  const text = 'abandon\nability\nable\nabout\nabove\nabsent\nabsorb\nabstract\nabsurd\nabuse\naccess\naccident\naccount\naccuse\nstatus=ok\nzoo\n';
  assert.equal(r(text).text, text);
  const s = createRedactStream(OPTS);
  const chunks = [];
  s.on('data', (c) => chunks.push(c));
  for (let i = 0; i < text.length; i += 7) s.write(text.slice(i, i + 7));
  s.end();
  await new Promise((res) => s.on('end', res));
  assert.equal(chunks.join(''), text);
  // a mnemonic at the very end, with no newline after it
  const words = generateMnemonic(wordlist, 128).split(' ');
  assert.equal(r(words.join('\n')).text, Array(12).fill('[REDACTED:mnemonic]').join('\n'));
});

test('tool credentials under names that say nothing secret: Bundler per-host, sonar.login', () => {
  for (const line of [
    'BUNDLE_ENTERPRISE__CONTRIBSYS__COM: cafe1bab:dead2bef',
    'export BUNDLE_GEMS__CONTRIBSYS__COM="cafe1bab:dead2bef"',
    'BUNDLE_RUBYGEMS__PKG__GITHUB__COM = cafe1bab:dead2bef && bundle install',
  ])
    assertGone(r(line).text, ['cafe1bab', 'dead2bef'], line);
  for (const line of [
    'const SONAR_LOGIN = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"',
    'sonar.login=9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
    'SONAR_LOGIN := "sqp_9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"',
  ]) {
    assertGone(r(line).text, ['9f8e7d6c5b4a3928'], line);
  }
  assert.equal(r('BUNDLE_PATH=vendor/bundle').text, 'BUNDLE_PATH=vendor/bundle', 'a Bundler setting that names no host');
});

test('curl -u/--user in any quoting: empty user, token as the user, quoted halves; templates stay', () => {
  for (const [line, secret] of [
    ['curl -u ":d2LkV78zLx!t" https://api.example.com', 'd2LkV78zLx'],
    ['curl -u "d2LkV78zLx!t:" https://api.example.com', 'd2LkV78zLx'],
    ["curl --user 'api:Qm8zK2pL9x' https://api.example.com", 'Qm8zK2pL9x'],
    ['curl -X POST --user "{acd3c08b-74e8}":"{ZqL5kVrX1n8tA2}" https://x.example', 'ZqL5kVrX1n8tA2'],
    ['curl --user=deploy:Wv7pQ2xR9kLm https://x.example', 'Wv7pQ2xR9kLm'],
  ])
    assertGone(r(line).text, [secret], line);
  for (const keep of ['curl -u "${{ env.ID }}:${{ env.PASS }}" https://x.example', 'curl -i -u test:test https://x.example']) {
    assert.ok(!r(keep).text.includes('[REDACTED'), keep);
  }
});
