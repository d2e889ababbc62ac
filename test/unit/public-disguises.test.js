// The public-boundary check against a third adversarial round: secrets a pattern misses and
// a reader does not (invisible characters, full-width forms, another case, other separators,
// odd PEM framing), secrets behind a layer (base32, gzip, twice base64, data: URLs, character
// codes), secrets cut in pieces (three or more, across keys, key + value, nested lists),
// numbers that are secrets, entries that name themselves secret, chat messages, signed URLs,
// and the address forms that still passed. Each case passed the check before this round.
// Then: paths and messages never carry a secret, the false-positive guard, and the worst
// inputs each rule reads stay linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { checkPublicPayload, parsePublicPayload } from '../../dist/index.js';

const BODY = '9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const LOCAL = `b3iq_local_${BODY}`;
const GH = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const SECRET = 'Zx9Qw8Er7Ty6Ui5Op4';
const b64 = (s) => Buffer.from(s).toString('base64');
const fullWidth = (s) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
function base32(s) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of Buffer.from(s)) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += A[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += A[(acc << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** [class, name, payload (value) or {text}, the category expected among the violations] @type {[string, string, any, string][]} */
const CASES = [
  // invisible characters and compatibility forms inside a value
  ['invisible', 'zero-width space in a b3iq token', { note: `b3iq_local_\u200b${BODY}` }, 'credential'],
  ['invisible', 'word joiner in a b3iq token', { note: `b3iq_local_9Zq4\u2060${BODY.slice(4)}` }, 'credential'],
  ['invisible', 'BOM inside a GitHub token', { note: `${GH.slice(0, 10)}\ufeff${GH.slice(10)}` }, 'credential'],
  ['invisible', 'soft hyphen inside a GitHub token', { note: `${GH.slice(0, 10)}\u00ad${GH.slice(10)}` }, 'credential'],
  ['invisible', 'zero-width space in a token prefix', { note: `gh\u200bp_${GH.slice(4)}` }, 'credential'],
  ['invisible', 'a lone surrogate in a token (JSON \\ud800)', { text: `{"note":"${GH.slice(0, 12)}\\ud800${GH.slice(12)}"}` }, 'credential'],
  ['compatibility', 'full-width b3iq token', { note: fullWidth(LOCAL) }, 'credential'],
  ['compatibility', 'full-width at sign in an e-mail', { contact: 'alice\uff20acme.com' }, 'customer-identity'],
  // b3iq tokens in another case or with other separators
  ['b3iq-any-case', 'upper-case b3iq token', { v: LOCAL.toUpperCase() }, 'credential'],
  ['b3iq-any-case', 'upper-case prefix only', { v: `B3IQ_LOCAL_${BODY}` }, 'credential'],
  ['b3iq-any-case', 'dashes for underscores', { v: `b3iq-support-${BODY}` }, 'credential'],
  ['b3iq-any-case', 'no separators', { v: `b3iqgateway${BODY}` }, 'credential'],
  ['b3iq-any-case', 'cut by a space (terminal wrap)', { v: `b3iq_setup_${BODY.slice(0, 7)} ${BODY.slice(7)}` }, 'credential'],
  ['b3iq-any-case', 'cut by a dot', { v: `b3iq_session_${BODY.slice(0, 7)}.${BODY.slice(7)}` }, 'credential'],
  // PEM armour in odd framing
  [
    'pem',
    'lower-case armour',
    { k: '-----begin private key-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----end private key-----' },
    'credential',
  ],
  ['pem', 'four dashes', { k: '----BEGIN PRIVATE KEY----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n----END PRIVATE KEY----' }, 'credential'],
  // layers: base32, gzip, twice base64, data: URLs, Basic credentials
  ['layer', 'base32 b3iq token', { note: base32(LOCAL) }, 'credential'],
  ['layer', 'gzip + base64 JSON with a key', { blob: gzipSync(JSON.stringify({ apiKey: LOCAL })).toString('base64') }, 'credential'],
  ['layer', 'gzip + base64 JSON with a password', { blob: gzipSync(JSON.stringify({ password: SECRET })).toString('base64') }, 'credential'],
  ['layer', 'base64 of base64 of a token', { note: b64(b64(LOCAL)) }, 'credential'],
  ['layer', 'data: URL, base64', { u: `data:text/plain;base64,${b64(`token=${LOCAL}`)}` }, 'credential'],
  ['layer', 'data: URL, percent-encoded', { u: `data:text/plain,${encodeURIComponent(`password=${SECRET}`)}` }, 'credential'],
  ['layer', 'base64 of a private URL', { note: b64('http://10.0.0.5:8000/v1') }, 'local-url'],
  ['layer', 'Basic credentials without the word Basic', { h: b64(`alice:${SECRET}`) }, 'credential'],
  ['layer', 'percent-encoded URL hiding a private host in userinfo', { url: 'http://10.0.0.1%2f@example.com/' }, 'local-url'],
  ['layer', 'hex bytes with spaces', { v: Buffer.from(LOCAL).toString('hex').match(/../g).join(' ') }, 'credential'],
  ['layer', 'hex bytes with colons', { v: Buffer.from(LOCAL).toString('hex').match(/../g).join(':') }, 'credential'],
  [
    'layer',
    'base64 wrapped in lines',
    {
      v: b64(LOCAL)
        .match(/.{1,20}/g)
        .join('\n'),
    },
    'credential',
  ],
  ['layer', 'UTF-16LE base64 (PowerShell -EncodedCommand)', { v: Buffer.from(LOCAL, 'utf16le').toString('base64') }, 'credential'],
  ['layer', 'brotli + base64', { v: brotliCompressSync(Buffer.from(LOCAL)).toString('base64') }, 'credential'],
  ['layer', 'raw deflate + base64', { v: deflateRawSync(Buffer.from(LOCAL)).toString('base64') }, 'credential'],
  ['escaped', 'quoted-printable', { v: `b3iq=5Flocal=5F${BODY}` }, 'credential'],
  ['address', 'reverse-DNS name of a private address', { note: '5.0.0.10.in-addr.arpa' }, 'local-url'],
  // lists that spell text
  ['spelled', 'character codes of a b3iq token', { c: [...LOCAL].map((c) => c.charCodeAt(0)) }, 'credential'],
  ['spelled', 'character codes of a GitHub token', { c: [...GH].map((c) => c.charCodeAt(0)) }, 'credential'],
  ['spelled', 'single characters of a token', { c: [...LOCAL] }, 'credential'],
  // tokens in pieces
  ['pieces', 'b3iq token in six pieces', { p: LOCAL.match(/.{1,11}/g) }, 'credential'],
  ['pieces', 'token spelled by three keys', { o: { [LOCAL.slice(0, 20)]: 1, [LOCAL.slice(20, 40)]: 2, [LOCAL.slice(40)]: 3 } }, 'credential'],
  ['pieces', 'token split between a key and its value', { b3iq_local_: BODY }, 'credential'],
  ['pieces', 'GitHub token split between a key and its value', { ghp_A1b2C3d4E5: GH.slice(14) }, 'credential'],
  ['pieces', 'token in nested lists', { a: [[['b3iq_loc'], ['al_9Zq4kLmN2pQrStUvWxYz0123456789']], ['AbCdEfGhIjKlMnOpQrStUv']] }, 'credential'],
  // numbers
  ['number', 'numeric password', { text: '{"password":918273645}' }, 'credential'],
  ['number', 'password past 2^53', { text: '{"password":12345678901234567890}' }, 'credential'],
  ['number', 'PIN', { pin: 1234 }, 'credential'],
  ['number', 'CVV', { cvv: 123 }, 'credential'],
  ['number', 'numeric user id', { userId: 123456 }, 'customer-identity'],
  ['number', 'numeric account id', { account_id: 98765 }, 'customer-identity'],
  ['number', 'card number as a number', { text: '{"card":4111111111111111}' }, 'customer-identity'],
  ['number', 'card number in groups, anywhere', { note: 'paid with 4111 1111 1111 1111 yesterday' }, 'customer-identity'],
  // key names
  ['key-name', 'numbered key', { key1: SECRET }, 'credential'],
  ['key-name', 'numbered password', { pass_2: SECRET }, 'credential'],
  ['key-name', 'pwd2', { pwd2: SECRET }, 'credential'],
  ['key-name', 'Cloudflare client IP header', { headers: { 'CF-Connecting-IP': '203.0.113.7' } }, 'customer-identity'],
  ['key-name', 'Forwarded header', { headers: { Forwarded: 'for=203.0.113.7;proto=https' } }, 'customer-identity'],
  // entries that name themselves secret
  ['entry', '1Password field', { fields: [{ id: 'password', type: 'CONCEALED', label: 'password', value: SECRET }] }, 'credential'],
  ['entry', 'type/value', { cred: { type: 'api_key', value: SECRET } }, 'credential'],
  ['entry', 'label/value', { items: [{ label: 'Secret', value: SECRET }] }, 'credential'],
  ['entry', '[name, value] pair with an underscore', { params: [['api_key', SECRET]] }, 'credential'],
  ['entry', 'env pair', { env: [['DB_PASSWORD', SECRET]] }, 'credential'],
  ['entry', 'Object.entries', { e: [['password', SECRET]] }, 'credential'],
  // chat messages by role
  ['chat', 'role + text', { last: { role: 'user', text: 'please summarise my medical records from yesterday' } }, 'raw-prompt-output'],
  ['chat', 'role + message', { msgs: [{ role: 'user', message: 'tell me a secret about acme' }] }, 'raw-prompt-output'],
  // URLs
  ['url', 'OAuth token in the fragment', { u: `https://x.example/cb#access_token=${SECRET}&token_type=bearer` }, 'credential'],
  [
    'url',
    'Azure SAS signature',
    { u: `https://a.blob.core.windows.net/c/b?sv=2022-11-02&sig=${encodeURIComponent('AbC+dEf/ghIjKlmNoPqRsTuVwXyZ0123456789abcd=')}` },
    'credential',
  ],
  ['url', 'OAuth code', { u: `https://app.example/callback?code=${SECRET}&state=xyz` }, 'credential'],
  ['url', 'Telegram bot token', { u: 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage' }, 'credential'],
  // addresses
  ['address', 'short form with a port', { url: '127.1:8000' }, 'local-url'],
  ['address', 'private IPv4 in a fragment after @', { url: 'http://example.com#@10.0.0.1/' }, 'private-route'],
  ['address', 'Teredo carrying a private IPv4', { url: 'http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/' }, 'local-url'],
  ['address', 'Tailscale MagicDNS name', { u: 'http://gpu-3.tail1234.ts.net:8000/' }, 'local-url'],
  ['address', '198.18/15', { u: 'http://198.18.0.5/' }, 'local-url'],
  ['address', 'leading zeros read as decimal', { note: 'box at 010.001.002.003' }, 'local-url'],
  ['address', 'IPv4 as four bytes under an ip key', { ip: [10, 0, 0, 1] }, 'local-url'],
  // control characters, ANSI colours, escapes and entities a second reader decodes
  ['invisible', 'NUL inside a token', { note: `b3iq_local_9Zq4\u0000${BODY.slice(4)}` }, 'credential'],
  ['invisible', 'ANSI colour reset inside a token', { note: `b3iq_local_9Zq4\u001b[0m${BODY.slice(4)}` }, 'credential'],
  ['escaped', 'literal \\u escapes in a value', { note: `\\u0062\\u0033iq_local_${BODY}` }, 'credential'],
  ['escaped', 'HTML entities', { note: `b3iq&#95;local&#95;${BODY}` }, 'credential'],
  ['escaped', 'HTML hex entity', { note: `&#x62;3iq_local_${BODY}` }, 'credential'],
  // secrets as bytes or codes under a secret-named key, and keypair files
  ['bytes', 'password as character codes', { password: [...SECRET].map((c) => c.charCodeAt(0)) }, 'credential'],
  ['bytes', 'private key as bytes', { privateKey: Array.from({ length: 32 }, (_, i) => (i * 37) % 256) }, 'credential'],
  ['bytes', 'a Solana keypair file (64 bytes alone)', { text: JSON.stringify(Array.from({ length: 64 }, (_, i) => (i * 53) % 256)) }, 'credential'],
  ['number', 'numeric secret one level down', { apiKey: { value: 918273645 } }, 'credential'],
  // names in other languages and scripts
  ['key-name', 'Passwort', { Passwort: SECRET }, 'credential'],
  ['key-name', 'contraseña', { contraseña: SECRET }, 'credential'],
  ['key-name', 'mot_de_passe', { mot_de_passe: SECRET }, 'credential'],
  ['key-name', 'пароль', { пароль: SECRET }, 'credential'],
  ['key-name', '密码', { 密码: SECRET }, 'credential'],
  // placeholders' brackets around a real secret, and codes that are not tickers
  ['placeholder', 'angle brackets around a secret', { password: `<${SECRET}>` }, 'credential'],
  ['placeholder', 'file: before a secret', { password: `file:${SECRET}` }, 'credential'],
  ['placeholder', '${} around a secret', { password: `\${${SECRET}}` }, 'credential'],
  ['placeholder', 'a code under token is not a ticker', { token: 'X9K2M4P7Q1' }, 'credential'],
  // a token spelled along a path
  ['pieces', 'body as a key under b3iq.local', { b3iq: { local: { [BODY]: 1 } } }, 'credential'],
  ['pieces', 'body as a value under b3iq.local', { b3iq: { local: BODY } }, 'credential'],
  // key names still unread: the key as material, singular instruction, input text, identity fields
  ['key-name', 'keyMaterial', { keyMaterial: SECRET }, 'credential'],
  ['key-name', 'key_data', { key_data: SECRET }, 'credential'],
  ['key-name', 'instruction (Alpaca)', { instruction: 'Summarise the attached contract for my lawyer please' }, 'raw-prompt-output'],
  ['key-name', 'inputText', { inputText: 'my medical history is attached below' }, 'raw-prompt-output'],
  ['key-name', 'dialog', { dialog: 'user: hi assistant: hello' }, 'request-log'],
  ['key-name', 'login', { login: 'alice' }, 'customer-identity'],
  ['key-name', 'ssn', { ssn: '078-05-1120' }, 'customer-identity'],
  ['key-name', 'iban', { iban: 'DE89370400440532013000' }, 'customer-identity'],
  ['key-name', 'dateOfBirth', { dateOfBirth: '1990-01-01' }, 'customer-identity'],
  // private names without a scheme
  ['address', 'gpu.internal:8000', { note: 'gpu.internal:8000' }, 'local-url'],
  ['address', 'db.local:5432', { note: 'db.local:5432' }, 'local-url'],
  ['address', 'localhost.localdomain:80', { note: 'localhost.localdomain:80' }, 'local-url'],
  ['address', 'in-cluster service name', { note: 'redis.default.svc.cluster.local:6379' }, 'local-url'],
  ['address', 'tailnet name in text', { note: 'reach it at gpu-3.tail1234.ts.net' }, 'local-url'],
  ['address', 'api.localhost:3000', { note: 'api.localhost:3000' }, 'local-url'],
  ['address', 'a private name under target', { target: 'vllm.internal' }, 'local-url'],
  // identity and paths written to dodge a pattern
  ['identity', 'spelled-out e-mail', { contact: 'alice [at] acme [dot] com' }, 'customer-identity'],
  ['path', '%USERPROFILE% path', { p: '%USERPROFILE%\\.ssh\\id_rsa' }, 'filesystem-path'],
  ['path', 'Hugging Face cache layout', { m: 'models--meta-llama--Llama-3.1-8B/snapshots/abc' }, 'filesystem-path'],
];

const judge = (input) =>
  checkPublicPayload(input && typeof input.text === 'string' && Object.keys(input).length === 1 ? parsePublicPayload(input.text) : input);

for (const [cls, name, input, category] of CASES) {
  test(`refused (${cls}): ${name}`, () => {
    const r = judge(input);
    assert.equal(r.ok, false);
    assert.ok(
      r.violations.some((v) => v.category === category),
      JSON.stringify(r.violations),
    );
  });
}

/** Every 8-character window of the secrets the cases carry: no path or message may hold one. */
const SECRETS = [BODY, GH.slice(4), SECRET, 'alice@acme', 'medical records', 'HdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', '4111 1111 1111 1111', '918273645'];
const WINDOWS = SECRETS.flatMap((s) => Array.from({ length: Math.max(1, s.length - 7) }, (_, i) => s.slice(i, i + 8)));

test('paths and messages never carry a secret, in every class (keys that are secrets included)', () => {
  const keyed = [
    { [LOCAL]: true },
    { [LOCAL.toUpperCase()]: 1 },
    { [`b3iq_local_\u200b${BODY}`]: 1 },
    { [fullWidth(LOCAL)]: 1 },
    { [b64(LOCAL)]: 1 },
    { [base32(LOCAL)]: 1 },
    { [`password=${SECRET}`]: 1 },
    { [SECRET]: { password: 'x1y2z3w4v5' } },
    { [LOCAL.slice(0, 20)]: 1, [LOCAL.slice(20, 40)]: 2, [LOCAL.slice(40)]: { apiKey: SECRET } },
  ];
  for (const input of [...CASES.map((c) => c[2]), ...keyed]) {
    const out = JSON.stringify(judge(input).violations);
    assert.ok(out !== '[]', JSON.stringify(input).slice(0, 80));
    const hit = WINDOWS.find((w) => out.includes(w) || out.includes(w.toUpperCase()));
    assert.equal(hit, undefined, `${out.slice(0, 200)}`);
  }
});

test('allowed: what each new rule must leave alone', () => {
  const ALLOWED = [
    { seed: 42, users: 5, key: 3, tokensPerSecond: 123456, p99: 40, key1: true },
    { note: 'B3IQ_LOCAL_KEY_FILE names the file; b3iq local keys are rotated every 90 days' },
    { items: [{ label: 'Token', value: 'USDC' }], fields: [{ name: 'latency', value: '12 ms' }] },
    { chat: { role: 'user', count: 3 }, member: { role: 'admin', text: 'rotates the keys on Mondays' } },
    { icon: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
    { note: b64('hello world, this payload is fine') },
    { url: 'https://example.com/search?code=en&state=ok&sig=' },
    { ip: [8, 8, 8, 8], clientCount: 12 },
    { serial: '1234-5678-9012-3456', isbn: '978-3-16-148410-0', amountWei: '4000000000000000' },
    { phase: 'begin private key rotation next week' },
    { names: ['ab', 'cd', 'ef'], parts: [['a'], ['b']] },
    { latencies: [12, 15, 33, 40, 41, 38, 35, 36, 30, 29, 28, 31, 33, 35, 36, 39, 40] },
    { contact: 'support at the node example page' },
    { displayName: 'Node Alpha', publicKeyPem: 'MCowBQYDK2VwAyEA', cacheKeyData: 'v1', note: 'the corp team and the home page' },
    { token: 'USDC', pair: { token: 'USDC.E' }, password: '<your-password>', apiKey: '${API_KEY}', enclave: 'sgx' },
    { note: 'see \\n and &amp; in text', sig: Array.from({ length: 64 }, (_, i) => i), b3iq_docs: { local: 'https://docs.example/keys/local-keys-2024' } },
  ];
  for (const p of ALLOWED) assert.deepEqual(checkPublicPayload(p).violations, [], JSON.stringify(p));
});

test('non-UTF-8 bytes are refused as invalid input (a stray byte would hide a token)', () => {
  const bytes = Buffer.concat([Buffer.from(`{"note":"${LOCAL.slice(0, 20)}`), Buffer.from([0xff]), Buffer.from(`${LOCAL.slice(20)}"}`)]);
  assert.throws(() => parsePublicPayload(bytes), { code: 'E_INVALID_JSON' });
  assert.throws(() => parsePublicPayload(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])), { code: 'E_INVALID_JSON' });
  assert.deepEqual(parsePublicPayload(Buffer.from('\ufeff{"a":1}\r\n')), { a: 1 });
});

test('a gzip bomb inflates only so far', () => {
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61)).toString('base64');
  const started = Date.now();
  checkPublicPayload({ blobs: Array(20).fill(bomb) });
  assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
});

test('the worst 2 MB input each new rule reads is checked in linear time', () => {
  const MB2 = 2 * 1024 * 1024;
  const rep = (s) => s.repeat(Math.ceil(MB2 / s.length)).slice(0, MB2);
  const worst = {
    'a run of dashes (PEM armour)': rep('-'),
    'a run of letters before "(at)"': `${rep('a')} (at) x`,
    'URLs packed together, each with a query': rep('http://a.example/?x=1&'),
    'URLs packed together, each with a fragment': rep('http://a.example/#x=1&'),
    'b3iq prefixes': rep('b3iq local '),
    'one b3iq body': `b3iq_local_${rep('a1.')}`,
    'card-like groups': rep('1234 '),
    base32: rep('ABCDEFGH234567'),
    'percent escapes': rep('%41'),
    'full-width letters': rep('\uff42\uff13'),
    'zero-width spaces': rep('a\u200b'),
  };
  for (const [name, v] of Object.entries(worst)) {
    const started = Date.now();
    checkPublicPayload({ v });
    // about 1 s each on a loaded 2-core machine; packed URLs took 13 s, the quadratic forms minutes
    assert.ok(Date.now() - started < 8_000, `${name}: ${Date.now() - started} ms`);
  }
});
