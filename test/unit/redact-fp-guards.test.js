// False-positive guards for strings the peers' suites list as non-secrets (test strings,
// documentation masks, references, public protocol values). Each guard has two halves: the
// peer's string is kept, and a real-looking secret of the same shape (random body, same
// prefix, same context) is still redacted, so no guard can become a way for a secret through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { isMadeUpJwt } from '../../dist/redact/stand-ins.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;

function kept(text) {
  assert.equal(r(text), text);
}
function unmarked(text) {
  const out = r(text);
  assert.doesNotMatch(out, /\[REDACTED:/, out);
}
function gone(text, secret) {
  const out = r(text);
  assert.ok(!out.includes(secret), `leaked: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/);
}

test('GitLab: a hand-made body of a length no token of its kind has is a test string; random or right-length bodies are tokens', () => {
  kept('glsoat-PREfix_helloworld380_testin_pretty_long_token_long_');
  kept('GR1348941PREfix_helloworld380_testin_pretty_long_token_long_');
  kept('glptt-Need5_T00-be-exactly-40-chars--ELse_failing');
  kept('glimt-my-tokens_are-correctAB38_280');
  kept('gloas-checking_Length-Is-_exactly_64--Xchecking_Length-Is-_longer_longer');
  // a random body of the wrong length: cut short or mistyped, still the token's material
  gone('glptt-7f6a717228dcdd01471c150046147768a26f674b9c', '7f6a717228dcdd01471c150046147768a26f674b9c');
  gone('glimt-x62n18isgv03l9sgll0l5ax6i7q', 'x62n18isgv03l9sgll0l5ax6i7q');
  gone('glsoat-d1ynq60bkoprxbcjvo1iq8zk2m4x7w9r0t3y5u6p8a1s3d5f7g9h2j4k6', 'd1ynq60bkoprxbcjvo1iq8zk2m4x7w9r0t3y5u6p8a1s3d5f7g9h2j4k6');
  // a hand-made body of the kind's own length: what the peers list as the token
  gone('glptt-Need5_T00-be-exactly-40-chars--ELse_fail', 'Need5_T00-be-exactly-40-chars--ELse_fail');
});

const JWT_IO_SIG = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const JWT_IO_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

test('JWTs: a header that is no JSON object, with a JSON payload and no or the published signature, is a made-up sample', () => {
  kept(`eyJhbasdGciOiJIUaddasdasfsasdasdzI1NiIasdsInR5cCI6IkpXVCasdJasd9.${JWT_IO_PAYLOAD}.${JWT_IO_SIG}`);
  kept(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.${JWT_IO_PAYLOAD}.${JWT_IO_SIG}`);
  // jwt.io's own sample, header whole: a JWT (the peers list it as one)
  gone(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_IO_PAYLOAD}.${JWT_IO_SIG}`, JWT_IO_PAYLOAD);
  // a mangled header does not free a random signature or payload
  gone(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.${JWT_IO_PAYLOAD}.q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0Mt5`, 'q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0Mt5');
  gone(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJq8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3.${JWT_IO_SIG}`, 'eyJq8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3');
  gone('eyJ0000000000.eyJ0000000000.0000000000', 'eyJ0000000000.eyJ0000000000.0000000000');
  assert.equal(isMadeUpJwt(`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_IO_PAYLOAD}.${JWT_IO_SIG}`), false);
});

test("AWS's EXAMPLE word frees a keyed value of no key's form; the published secret key's exact form and passwords stay marked", () => {
  kept('aws_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYa"');
  kept('aws_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE"');
  gone('aws_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  gone('aws_access_key = "q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0M"', 'q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0M');
  gone('password = ThisIsNotAnEXAMPLE99', 'ThisIsNotAnEXAMPLE99');
});

test('masks: x filler of 12+ after a prefix, runs of one character, zero-filled keys; real bodies stay marked', () => {
  kept(`HUGGINGFACE_API_TOKEN=hf_${'x'.repeat(40)},`);
  // the token's own length: still only a mask, as the token rule judges a bare one
  kept(`HUGGINGFACE_API_TOKEN=hf_${'x'.repeat(34)}`);
  kept(`  api_key = "fo1_${'x'.repeat(43)}"`);
  kept(`PERPLEXITY_API_KEY=pplx-${'x'.repeat(48)}`);
  kept('oc login --token=sha256~_xxxxxx_xxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxx-X \\');
  // a few real characters among the filler are a token's part
  gone(`HUGGINGFACE_API_TOKEN=hf_${'x'.repeat(20)}QJPYADbNZNWUpZ`, 'QJPYADbNZNWUpZ');
  gone('HUGGINGFACE_API_TOKEN=hf_QJPYADbNZNWUpZuQJgcVJxsXPBEFmgWkQKabcdef', 'QJPYADbNZNWUpZuQJgcVJxsXPBEFmgWkQKabcdef');
  kept('sgp_5555555dAAAAA7777777CcccCFaaaaaaaaaaaaaa');
  gone('sgp_0D697F54cb24238EefB29af05Abf1b505E90950F', 'sgp_0D697F54cb24238EefB29af05Abf1b505E90950F');
  kept('oktaKey = 00000000000000000000000000000000000TUVWXYZ');
  gone('oktaKey = 00ebObu4zSNkyc6dimLvUwq4KpTEop-PCEnnfSTpD3', '00ebObu4zSNkyc6dimLvUwq4KpTEop-PCEnnfSTpD3');
  gone('oktaKey = 0000000000000000000000000000000000q8Zf3kLm2Pq9', '0000000000000000000000000000000000q8Zf3kLm2Pq9');
  gone('password = 000000000000000000000000000000TUVWXYZ', '000000000000000000000000000000TUVWXYZ');
});

test('a package name with its dotted version names a release; a token after a version does not', () => {
  kept('notes            = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"');
  kept('api_token: log4j-core-2.17.1-SNAPSHOT');
  gone('api_token = jjwt-jackson-0.11.2-Zq8f3kLm2Pq9xR7v', 'Zq8f3kLm2Pq9xR7v');
  gone('api_token = Zq8f3kLm2Pq9xR7v-0.11.2', 'Zq8f3kLm2Pq9xR7v');
  gone('password = hunter-2.17.1', 'hunter-2.17.1');
});

test("a certificate issuer's key hash is of public data; other token hashes stay marked", () => {
  kept('issuerKeyHash=S2RmMLyJHG95gWPfmArZoUPvdjkDbj');
  gone('tokenHash=S2RmMLyJHG95gWPfmArZoUPvdjkDbj', 'S2RmMLyJHG95gWPfmArZoUPvdjkDbj');
});

test('a bracketed stand-in is one piece with its closing bracket', () => {
  kept('curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/');
  gone('curl --user neo4j:Zq8f3kLm2Pq9 http://[IP]:7474/db/data/', 'Zq8f3kLm2Pq9');
  const out = r('token: abc[Zq8f3kLm2Pq9xR]');
  assert.ok(!out.includes('Zq8f3kLm2Pq9xR') && !out.endsWith(']]'), out);
});

test('a token cut short that shows only its prefix and the opening of its base64 JSON; a shown value is a leak', () => {
  kept('            fn::secret: ops_eyJzaWduSW5B..[Redacted]');
  kept(': export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...');
  // `{"signInAddress":"Zq8f3kLm2Pq9xR`: a value is shown
  gone('fn::secret: ops_eyJzaWduSW5BZGRyZXNzIjoiWnE4ZjNrTG0yUHE5eFI...', 'ops_eyJzaWduSW5BZGRyZXNzIjoiWnE4ZjNrTG0yUHE5eFI');
  gone('secret: ops_Zq8f3kLm2Pq9xR7v...', 'Zq8f3kLm2Pq9xR7v');
  // `{"email":"alice@example.com","`: an identity is shown
  gone('fn::secret: ops_eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIiwi...', 'ops_eyJlbWFpbCI6ImFsaWNlQGV4YW1wbGUuY29tIiwi');
});

test("an ExternalSecret's data list holds references; a random reference or a value field is still redacted", () => {
  const doc = [
    "apiVersion: 'kubernetes-client.io/v1'",
    'spec:',
    '  backendType: secretsManager',
    '  data:',
    '    - key: MySecretManagerKey',
    '      name: github_token',
    '      property: github_token',
    'kind: ExternalSecret',
  ].join('\n');
  kept(doc);
  gone(doc.replace('MySecretManagerKey', 'Zq8f3kLm2Pq9xR7vT1wY'), 'Zq8f3kLm2Pq9xR7vT1wY');
  gone('spec:\n  data:\n    - key: app\n      password: hunter2hunter2', 'hunter2hunter2');
  // a Secret's data map is values, whatever their keys
  gone('kind: Secret\ndata:\n  key: c2VjcmV0LXZhbHVlLTEyMw==', 'c2VjcmV0LXZhbHVlLTEyMw==');
});

test('log lines: a marker is no private-key evidence, an e-mail as URL user is identity, a label colon ends a name', () => {
  const hex = '53f725cf03f511fab16f19e789ce64aa1eed72395fc246e9f1100748325002f4';
  const out = r(`URL: https://tools.google.com/service/update2?cup2hreq=${hex}&cup2key=abcdef`);
  assert.ok(out.includes(hex), out);
  gone(`wallet private key ${hex}`, hex);
  gone(`echo ${hex} > key.hex`, hex);
  unmarked('UserInfo={NSErrorFailingURLKey=https://13957525385%40163.com@p28-contacts.icloud.com/874161398/principal/, _kCFStreamErrorCodeKey=-2102}');
  gone('webhookKey=https://Zq8f3kLm2Pq9xR7vT1wY5bN0@hooks.example.com/in', 'Zq8f3kLm2Pq9xR7vT1wY5bN0');
  kept('UserEventAgent[258]: Could not get event name for stream/token: com.apple.xpc.activity/4505: 132: Request for stale data');
  gone('stream/token: Zq8f3kLm2Pq9xR7v: 132', 'Zq8f3kLm2Pq9xR7v');
});

test('a private key block whose body holds no key material is a template; any DER body is a key, however framed', () => {
  kept('-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----');
  kept('-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----\n');
  kept('-----BEGIN PRIVATE KEY-----\nxxx\n-----END PRIVATE KEY-----\n');
  // base64 of `abcdefghijklmnopqrstuvwxyz`: printable text, not DER
  kept('-----BEGIN PRIVATE KEY-----\nYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=\n-----END PRIVATE KEY-----\n');
  const der = 'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF';
  gone(`-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----`, 'BCIEIJ+DYvh6SEqV');
  // pasted with spaces, prefixed by a log, cut off before its END, or before more text
  gone(`-----BEGIN PRIVATE KEY-----\n${der.match(/.{4}/g).join(' ')}\n-----END PRIVATE KEY-----`, 'Yvh6');
  gone(`May 01 12:00:00 host app[811]: -----BEGIN PRIVATE KEY-----\nMay 01 12:00:00 host app[811]: ${der}\n`, 'BCIEIJ+DYvh6SEqV');
  gone(`-----BEGIN PRIVATE KEY-----\n${der}`, 'BCIEIJ+DYvh6SEqV');
  gone(`-----BEGIN PRIVATE KEY-----\n${der.slice(0, 32)}\n${der.slice(32)}\nnext line`, der.slice(32));
  const out = r(`a\n-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----\nb`);
  assert.equal(out, 'a\n[REDACTED:private-key]\nb');
});

test('sops ciphertext: an ENC[AES256_GCM,…] value and a PGP message encrypted to a key go out as written; a readable message does not', () => {
  kept('            db-password: ENC[AES256_GCM,data:O+5l4g==,iv:c/dS4BCBMbnKsXYuzBuCuVQt8RV9bOv5HgdpL+iwmns=,tag:KkQfh6OymvCt4uC13p318g==,type:str]');
  gone('db-password: ENC[data:O+5l4gZq8f3kLm2Pq9]', 'O+5l4gZq8f3kLm2Pq9');
  const encrypted = [
    '        enc: |',
    '            -----BEGIN PGP MESSAGE-----',
    '',
    '            hQGMA3muqimBu2IIAQwAkhR19/6roLq06oaD12vqDMes3/8FweAHxa6TLKg+LRjp',
    '            2/ntiRJHPBP9DYYFZbkTo8lAmIdVF7KfGIqWgPm5JiNhqfVRhyGPCRgBE7+I8qH6',
    '            =cSXy',
    '            -----END PGP MESSAGE-----',
    '        fp: 73019E949C1D3C3D1BE8B718C7CD51A565AB592C',
  ].join('\n');
  kept(encrypted);
  // a signed (compressed) message carries its content readable: marked as before
  const signed = encrypted.replace('hQGMA3muqimBu2IIAQwA', 'owEBbQKS/ZANAwAIAY2g');
  gone(signed, '2/ntiRJHPBP9DYYFZbkTo8lAmIdVF7KfGIqWgPm5JiNhqfVRhyGPCRgBE7+I8qH6');
  gone('-----BEGIN PGP MESSAGE-----\n\nowEBbQKS/ZANAwAIAY2gZq8f3kLm2Pq9xR7v', 'owEBbQKS/ZANAwAIAY2gZq8f3kLm2Pq9xR7v');
});
