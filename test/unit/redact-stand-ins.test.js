// Placeholders, examples and non-secrets the peers' suites list as false positives: no marker.
// Every guard comes with a real-looking secret of the same shape that must still be redacted,
// so no guard can become a way for a real secret through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { isHandMadeToken, readsAsName, isPlaceholderPem } from '../../dist/redact/stand-ins.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;

function kept(text) {
  assert.equal(r(text), text);
}
function gone(text, secret) {
  const out = r(text);
  assert.ok(!out.includes(secret), `leaked: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/);
}

test('Google API keys the Firebase SDKs publish, and hand-made AIza… keys, are examples; a random one is a key', () => {
  kept('AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs');
  kept('apiKey: "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"');
  kept('AIzaSyabcdefghijklmnopqrstuvwxyz1234567');
  gone('AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-', 'AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-');
  gone('apiKey: "AIzaSyB7qQx0Lk3vR8mT2wZp5nYc9dFh4jGs6aE"', 'AIzaSyB7qQx0Lk3vR8mT2wZp5nYc9dFh4jGs6aE');
});

test('Anthropic keys need their documented form (93 characters, then AA); a short sk-ant- note is none', () => {
  kept('sk-ant-api02-notarealkey');
  const real = `sk-ant-api03-${'Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4hG6dS'.repeat(3).slice(0, 93)}AA`;
  gone(real, real);
  gone(`ANTHROPIC_API_KEY=${real}`, real);
});

test('Slack tokens need team-id digits and an alphanumeric tail; placeholders do not', () => {
  for (const t of ['xoxb-12345-abcd234', 'xoxb-xoxb-my-bot-token', 'xoxb-abcdef-abcdef', 'xoxe.xoxp-1-RANDOMSTRINGHERE']) kept(t);
  kept('https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg');
  gone('xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1', 'xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1');
  gone('xoxp-41684372915-1320496754-45609968301-e708ba56e1517a99f6b5fb07349476ef', 'e708ba56e1517a99f6b5fb07349476ef');
  gone('xoxr-9-5f6ts8n4paub', 'xoxr-9-5f6ts8n4paub');
});

test('provider lengths: HF 34 letters, Groq 52, Cloudflare up to 48, Stripe 24+, Sentry org tail 43', () => {
  kept('hf_requiredCharacteristicTypesForDisplayMetadata');
  kept('hf_FakeFakeFake1FakeFakeFakeFakeFakeFa');
  gone('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', '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');
  kept('gsk_aBcDeFgHiJkLmNoPqRsT1234567890abcdefghijklmnopqrstuvWXYZ');
  gone('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', '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');
  kept('sk_live_AAAAAAAAAAAAAAAAAAAAAAA');
  gone('sk_live_q8Zf3kLm2Pq9xR7vT1wY5bN0', 'sk_live_q8Zf3kLm2Pq9xR7vT1wY5bN0');
  kept('http://assets.r7.com/assets/video_box.ico-7a388b69018576d24b59331fd60aab0c.png');
  gone('INFRACOST_API_KEY=ico-7a388b69018576d24b59331fd60aab0c', 'ico-7a388b69018576d24b59331fd60aab0c');
});

test('filler after a provider prefix: XXXX, 0000, 1111 and 12+ lowercase x are placeholders; a short x mask stays marked', () => {
  kept('key = AKIAXXXXXXXXXXXXXXXX');
  kept('PREFECT_API_KEY = "pnu_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"');
  kept('API_KEY="glc_111111111111111111111111111111111111111111="');
  // a mask as the token rule judges one (12+ filler after the prefix): nothing of a token in it
  kept('HUGGINGFACE_API_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
  // short x masks after a prefix are what a peer lists as the token (`AKCxxxxxxxxxx`, `npm_xxxxxxxxxxx`)
  gone('artifactory:_password=AKCxxxxxxxxxx', 'AKCxxxxxxxxxx');
  gone('//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxx', 'npm_xxxxxxxxxxx');
  gone('key = AKIAQ3EGUXLMZ7RBTP4N', 'AKIAQ3EGUXLMZ7RBTP4N');
  kept('const privateaiToken = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";');
  gone('const privateaiToken = "a8aaaaKz3aaaQaaa7aaaaWaaaa1aaaaM";', 'a8aaaaKz3aaaQaaa7aaaaWaaaa1aaaaM');
});

test('masked and fill-in values are no secrets; a token beside them is', () => {
  kept('"token4": "xoxp-572370529330-573807301142-572331691188-####################"');
  kept('--set kraken.token="sha256~XXXXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXX"');
  gone('--set kraken.token="sha256~q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0Mt5"', 'sha256~q8Zf3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0Mt5');
  kept('fn::secret: ops_eyJ...');
  // past the prefix only the opening of its base64 JSON (`{"signInA`): structure, kept
  kept('fn::secret: ops_eyJzaWduSW5B...');
  // more than eight characters shown is a leak of its own: a short secret with a mark after it
  gone('secret: Zq8f3kLm2Pq9xR…', 'Zq8f3kLm2Pq9xR');
  // a long visible part is a leak of its own, however it ends
  gone('api_secret=Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4...', 'Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4');
  gone('token=Zq8f3kLm2Pq9xR7v********', 'Zq8f3kLm2Pq9xR7v');
  gone('fn::secret: ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6Zq8f3kLm2', 'ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6Zq8f3kLm2');
});

test('names under *key keys (ExternalSecret refs, schema keys, Android notification keys) are kept; random keys are not', () => {
  kept('      key: secret/mysecret');
  kept('"bucket_key": "SalesResults-1.2"');
  kept("schemaKey = 'DOC_Vector_5_32'");
  kept('I PhoneStatusBar: addNotification key=0|com.tencent.mm|4097|null|10112');
  kept('UserInfo={NSErrorFailingURLKey=https://gsp-ssl.ls.apple.com/dispatcher.arpc, _kCFStreamErrorCodeKey=-2102}');
  kept('o.keySelector=n,o.haKey=!1,');
  kept('      secretKey: foo');
  // run-together Capitalised words are what a random letters-only value can spell: marked
  gone('    - key: MySecretManagerKey', 'MySecretManagerKey');
  gone('"api_key": "ZqeElepropertyIs"', 'ZqeElepropertyIs');
  gone('    - key: QwErTyUiOpAsDfGh', 'QwErTyUiOpAsDfGh');
  gone('"bucket_key": "q8Zf3kLm-2Pq9xR7v-T1wY5bN0"', 'q8Zf3kLm-2Pq9xR7v-T1wY5bN0');
  gone('"api_key": "Zq8fKm2Pq9xR7vT1wY5b"', 'Zq8fKm2Pq9xR7vT1wY5b');
  gone('webhookKey=https://hooks.example.com/in/Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4h', 'Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4h');
  gone('alertKey=https://example.com/hooks/Zq8f3kLm2Pq9xR7vT1wY5bN0', 'Zq8f3kLm2Pq9xR7vT1wY5bN0');
  gone('WEBHOOK_KEY=https://example.com/hook?sig=Zq8f3kLm2Pq9xR7vT1wY5bN0', 'Zq8f3kLm2Pq9xR7vT1wY5bN0');
  // a secret/password key keeps word-like values: people choose those
  gone('client_secret: MyApp-Secret-Words', 'MyApp-Secret-Words');
});

test('readsAsName: words and short numbers yes, random runs no', () => {
  assert.equal(readsAsName('jetbrains.mps.v8_elimination'), true);
  assert.equal(readsAsName('my-secrets-manager-secret'), true);
  for (const v of [
    'MySecretManagerKey',
    'ZqeElepropertyIs',
    'QwErTyUiOpAsDfGh',
    'XkcdPqrstvBnmlk',
    'Mj2qykJO5rELyHgez-Q69nzUX0i3',
    'x00e07bitk8fvezt',
    'q8Zf3kLm-2Pq9xR7v',
    'dGhpcyBpcyBh_c2VjcmV0',
  ]) {
    assert.equal(readsAsName(v), false, v);
  }
});

test('URL and curl credentials that are placeholders are kept; real ones are not', () => {
  kept('const DOC_URL = "https://{USER}:{PASS}@template.example.com";');
  // (an e-mail-like `user:pass@host` may be pseudonymised; what matters is no secret marker)
  assert.doesNotMatch(r('const U = "mongodb://YOUR_USERNAME:YOUR_PASSWORD@cluster.mongodb.net/test";'), /REDACTED/);
  assert.doesNotMatch(r('const U = "mysql://admin:REPLACE_WITH_PASSWORD@mysql.server.com:3306/database";'), /REDACTED/);
  assert.doesNotMatch(r('const U = "https://user:1111@service.com/api";'), /REDACTED/);
  kept('curl -u <user:password> https://test.com/endpoint');
  gone('const U = "https://user:Zq8f3kLm2Pq9@service.com/api";', 'Zq8f3kLm2Pq9');
  gone('curl -u deploy:Zq8f3kLm2Pq9 https://test.com/endpoint', 'Zq8f3kLm2Pq9');
  // a private-host URL under a secret key is pseudonymised whole: the password goes with it
  const out = r('DB_CREDENTIALS="postgres://app:Zq8f3kLm2Pq9@localhost:5432/app"');
  assert.ok(!out.includes('Zq8f3kLm2Pq9'), out);
});

test('PWD=/path (sudo) is a directory; PWD=<value> elsewhere is a password', () => {
  kept('sudo[3839]:   deploy : TTY=pts/0 ; PWD=/srv/app ; USER=root ; COMMAND=/usr/bin/systemctl restart vllm');
  gone('db_pwd=Zq8f3kLm2Pq9', 'Zq8f3kLm2Pq9');
  gone('PWD=Zq8f3kLm2Pq9', 'Zq8f3kLm2Pq9');
});

test('code, not data: type signatures under completion, object refs, shell commands in backticks', () => {
  kept('setSystemInfo(nativeArchitecture: Swift.String, completion: (Swift.Bool) -> ()) -> ()');
  kept('W ActivityManager: Bad activity token: android.os.BinderProxy@2bd79ce');
  kept('-e SUMO_ACCESS_KEY=`etcdctl get /sumologic_secret`');
  gone('sumo_access_key := `Zq8f3kLm2Pq9xR7vT1wY5bN0`', 'Zq8f3kLm2Pq9xR7vT1wY5bN0');
  kept('  credentials: new AWS.SharedIniFileCredentials({ profile: "default" })');
});

test('a one-line PEM with no key material is a template; a real body is a key', () => {
  kept('"private_key":"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"');
  kept('-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----');
  assert.equal(isPlaceholderPem('-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----'), false);
  gone('"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
});

test('a prefixed blob labelled DUMMY is a placeholder; the same blob unlabelled is marked', () => {
  const body =
    'WFpbCI6ImVqd2U2NHFtbHhocmlAMXBhc3N3b3Jkc2VydmljZWFjY291bnRzLmxjbCIsIm11ayI6eyJhbGciOiJBMjU2R0NNIiwiZXh0Ijp0cnVlLCJrIjoiTThWUGZJYzhWRWZUaGNNWExhS0NLRjhzTWg1Sk1ac1BBdHU5MmZRTmItbyIsImtleV9vcHMiOlsiZW5jcnlwdCIsImRl';
  kept(`ops_DUMMY${body}`);
  gone(`ops_Zq8f3${body}`, body.slice(0, 40));
});

test('placeholder account names are no customer identity; a real one is', () => {
  kept(`-d '{"username": "test", "next": "/luna/"}'`);
  assert.match(r('{"username": "margot.fenwick"}'), /\[REDACTED:customer-identity\]|\[user-/);
});

test('isHandMadeToken: runs, repeats and filler words yes; random tokens no', () => {
  for (const v of [
    'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
    'abcd1234abcd1234abcd1234',
    'sntryu_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'glptt-need-exactly-forty-chars-else-failing',
  ]) {
    assert.equal(isHandMadeToken(v), true, v);
  }
  for (const v of [
    'AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-',
    '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',
    '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',
  ]) {
    assert.equal(isHandMadeToken(v), false, v);
  }
});

test('curl --user after the keyed pass: one whole marker, never a marker cut open by the -u rule', () => {
  for (const line of ['curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/', 'curl --user neo4j:Zq8f3kLm2Pq9 http://h']) {
    const out = r(line);
    assert.doesNotMatch(out, /\[REDACTED:\[REDACTED/, out);
    assert.ok(!out.includes('Zq8f3kLm2Pq9'), out);
  }
});

// Found by the fuzz suite: a value followed by filler is not filler.
test('filler after a value does not make the value filler', () => {
  gone('password=Zq000000000000 wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww', 'Zq000000000000');
  gone('secret: Zq000000000000…wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww', 'Zq000000000000');
  kept('"token": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"');
});
